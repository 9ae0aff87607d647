package org.yonder.language;

import java.util.LinkedHashMap;
import java.util.Map;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.language.present.GuestFunction;
import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Marshal;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.YonderNull;
import org.yonder.objspace.remote.RemoteException;
import org.yonder.objspace.remote.RemoteObject;

/** The small guest API: plain objects with read-only members and functions, built from Java maps and lambdas. */
final class GuestApi {
    static final Object NULL = YonderNull.INSTANCE;

    /**
     * {@code Polyglot.eval('yonder', 'stackOf')(e)}: the owner's frames of a remote exception (or of the native one a
     * remote exception was presented as), innermost first; empty for a local exception.
     */
    static final GuestFunction STACK_OF = new GuestFunction("stackOf", 1, args -> {
        Object presented = org.yonder.language.present.NativeErrors.remoteOf(args[0]);
        Object e = presented != null ? presented : args[0];
        InteropLibrary interop = InteropLibrary.getUncached(e);
        if (!interop.isException(e)) {
            throw YonderError.create("stackOf expects an exception, got " + InteropLibrary.getUncached().toDisplayString(e));
        }
        if (!(e instanceof RemoteException)) {
            return ImmutableArray.ofStrings(new String[0]); // A local exception: no owner's frames elsewhere.
        }
        ExceptionInfo info = Marshal.exceptionInfo(e, interop);
        return ImmutableArray.ofStrings(info.frames().stream().map(ExceptionInfo.StackFrame::toString).toArray(String[]::new));
    });

    /**
     * {@code Polyglot.eval('yonder', 'async')}: {@code async(remoteFunction)} or {@code async(remoteObject, 'member')}
     * gives a function whose calls send the request and return at once: to JS code a Promise of its own (settled
     * through its job queue when the answer arrives), to other callers a future ({@code get()}, {@code isDone()},
     * {@code then(onValue, onError)}).
     */
    static final GuestFunction ASYNC = new GuestFunction("async", -1, args -> {
        Object target = args.length < 1 ? null : YonderLanguage.context(null).original(args[0]);   // a presented remote value as the remote object
        if (args.length < 1 || args.length > 2 || !(target instanceof RemoteObject remote)) {
            throw YonderError.create("async expects a remote function, or a remote object and a member name");
        }
        String member = args.length == 2 ? InteropStrings.of(args[1]) : null;
        return new GuestFunction("async " + (member == null ? "call" : member), -1, callArgs -> YonderLanguage.context(null).asyncResult(remote.callAsync(member, callArgs)));
    });

    /**
     * {@code Polyglot.eval('yonder', 'readOnly')}: {@code readOnly(obj)} lets peers read {@code obj} (and what they read
     * out of it) but not write, add or remove its members, elements or entries; returns {@code obj}.
     */
    static final GuestFunction READ_ONLY = new GuestFunction("readOnly", 1, args -> YonderLanguage.context(null).readOnly(args[0]));

    /**
     * {@code Polyglot.eval('yonder', 'cacheable')}: {@code cacheable(init)} makes a cacheable object of {@code init}'s
     * state (a plain object, array, list or dict; nested plain data too): peers get its state with the reference and
     * keep a replica that this side's updates keep current (docs/replicas.md).
     */
    static final GuestFunction CACHEABLE = new GuestFunction("cacheable", 1, args -> YonderLanguage.context(null).cacheable(args[0]));

    /**
     * {@code Polyglot.eval('yonder', 'publishable')}: {@code publishable(key, init)} makes a cacheable object that clients
     * also keep on disk and revalidate in the first round trip of their next connection; its stable URL is
     * {@code yonder://HOST:PORT/@key} (docs/replicas.md).
     */
    static final GuestFunction PUBLISHABLE = new GuestFunction("publishable", 2, args -> YonderLanguage.context(null).publishable(InteropStrings.of(args[0]), args[1]));

    /**
     * {@code Polyglot.eval('yonder', 'onChange')}: {@code onChange(replica, fn)} calls {@code fn(changedNames)} on this
     * context's thread after each update of a replica of a peer's cacheable object; returns the replica.
     */
    static final GuestFunction ON_CHANGE = new GuestFunction("onChange", 2, args -> {
        Object target = YonderLanguage.context(null).original(args[0]);
        if (!(target instanceof org.yonder.objspace.remote.Replica replica)) {
            throw YonderError.create("onChange expects a replica of a peer's cacheable object, got " + InteropLibrary.getUncached().toDisplayString(args[0]));
        }
        if (!InteropLibrary.getUncached().isExecutable(args[1])) {
            throw YonderError.create("onChange expects a function to call, got " + InteropLibrary.getUncached().toDisplayString(args[1]));
        }
        replica.onChange(args[1]);
        return args[0];
    });

    /**
     * {@code Polyglot.eval('yonder', 'multiplex')}: {@code multiplex(tag, init)} makes a multiplexed object of
     * {@code init}'s state with a copy tag: this side is its hub, and each peer that gets it builds a leaf of it; a
     * shout to it runs {@code remote_name(args)} on every leaf in the hub's order (docs/multiplex.md).
     */
    static final GuestFunction MULTIPLEX = new GuestFunction("multiplex", 2, args -> YonderLanguage.context(null).multiplex(InteropStrings.of(args[0]), args[1]));

    /**
     * {@code Polyglot.eval('yonder', 'leaf')}: {@code leaf(tag, cls)} registers the class whose instances stand here for
     * multiplexed objects of that copy tag: its members first, then the state, then the hub's object; returns cls.
     */
    static final GuestFunction LEAF = new GuestFunction("leaf", 2, args -> YonderLanguage.context(null).registerLeaf(InteropStrings.of(args[0]), args[1]));

    private GuestApi() {
    }

    /** An object whose members are fixed values or {@link GuestFunction}s. */
    @ExportLibrary(InteropLibrary.class)
    static final class Record implements TruffleObject {
        private final String name;
        private final Map<String, Object> members;

        Record(String name, Map<String, Object> members) {
            this.name = name;
            this.members = members;
        }

        static Record of(String name, Object... keysAndValues) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return new Record(name, m);
        }

        @ExportMessage
        boolean hasMembers() {
            return true;
        }

        @ExportMessage
        @TruffleBoundary
        Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
            return ImmutableArray.ofStrings(members.keySet().toArray(String[]::new));
        }

        @ExportMessage
        @TruffleBoundary
        boolean isMemberReadable(String member) {
            return members.containsKey(member);
        }

        @ExportMessage
        @TruffleBoundary
        Object readMember(String member) throws UnknownIdentifierException {
            Object value = members.get(member);
            if (value == null) {
                throw UnknownIdentifierException.create(member);
            }
            return value;
        }

        @ExportMessage
        @TruffleBoundary
        boolean isMemberInvocable(String member) {
            return members.get(member) instanceof GuestFunction;
        }

        @ExportMessage
        @TruffleBoundary
        Object invokeMember(String member, Object[] arguments, @Bind Node node) throws UnknownIdentifierException, ArityException, UnsupportedMessageException {
            if (!(members.get(member) instanceof GuestFunction f)) {
                throw UnknownIdentifierException.create(member);
            }
            return f.apply(arguments, node);
        }

        @ExportMessage
        @TruffleBoundary
        Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
            StringBuilder sb = new StringBuilder(name).append(" {");
            members.forEach((k, v) -> {
                if (!(v instanceof GuestFunction)) {
                    sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append(' ').append(k).append(": ").append(v);
                }
            });
            return sb.append(" }").toString();
        }
    }
}
