package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

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
    @TruffleBoundary
    public Object execute(Object[] arguments) throws ArityException {
        if (arity >= 0 && arguments.length != arity) {
            throw ArityException.create(arity, arity, arguments.length);
        }
        Object result = body.apply(arguments);
        return result == null ? YonderNull.INSTANCE : result;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "function " + name + "()";
    }
}
