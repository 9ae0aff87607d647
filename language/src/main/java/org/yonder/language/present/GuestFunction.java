package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.EncapsulatingNodeReference;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.YonderNull;

/**
 * A guest-callable Java function with a fixed arity (-1: any number of arguments): the guest API's functions and
 * the presenters' helpers that their guest code calls back. A null result is the guest's null.
 */
@ExportLibrary(InteropLibrary.class)
public final class GuestFunction implements TruffleObject {
    private final String name;
    private final int arity;
    private final java.util.function.Function<Object[], Object> body;

    /** Calls a guest function made by a presenter's script; {@code failure} says what failed if the call cannot be made. */
    static Object call(String failure, Object function, Object... args) {
        try {
            return InteropLibrary.getUncached().execute(function, args);
        } catch (com.oracle.truffle.api.interop.InteropException e) {
            throw org.yonder.objspace.YonderError.create(failure + ": " + e.getMessage());
        }
    }

    public GuestFunction(String name, int arity, java.util.function.Function<Object[], Object> body) {
        this.name = name;
        this.arity = arity;
        this.body = body;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    Object execute(Object[] arguments, @Bind Node node) throws ArityException {
        return apply(arguments, node);
    }

    /**
     * Runs the body with the guest's call site as the encapsulating node (when the call came through a cached,
     * adopted library), so that what the body asks about its caller (which language receives a value:
     * {@link Receivers#callerLanguage}) is answered from that node, not by walking the stack (several µs a call,
     * which an async call paid each time).
     */
    @TruffleBoundary
    public Object apply(Object[] arguments, Node node) throws ArityException {
        if (arity >= 0 && arguments.length != arity) {
            throw ArityException.create(arity, arity, arguments.length);
        }
        EncapsulatingNodeReference site = null;
        Node previous = null;
        if (node != null && node.isAdoptable() && node.getRootNode() != null) {
            site = EncapsulatingNodeReference.getCurrent();
            previous = site.set(node);
        }
        try {
            Object result = body.apply(arguments);
            return result == null ? YonderNull.INSTANCE : result;
        } finally {
            if (site != null) {
                site.set(previous);
            }
        }
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "function " + name + "()";
    }
}
