package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.session.PendingCall;
import org.yonder.objspace.session.Session;

/**
 * The answer-to-be of an asynchronous call. {@code get()} waits for it (serving the context's requests meanwhile)
 * and returns the value or throws the remote error; {@code isDone()} asks without waiting; {@code then(onValue,
 * onError)} runs a callback on the context's thread once it is answered (so JS can {@code await} it), which happens
 * whenever the context serves its inbox: while it waits for any call, or in {@code serve}.
 */
@ExportLibrary(InteropLibrary.class)
public final class RemoteFuture implements TruffleObject {
    private static final String[] MEMBERS = {"get", "isDone", "then", "call", "cancel", "awaitDone"};

    private final Session session;
    private final PendingCall call;

    RemoteFuture(Session session, PendingCall call) {
        this.session = session;
        this.call = call;
    }

    @TruffleBoundary
    Object get(Node location) {
        Object[] values = session.finish(call, location);
        return values.length == 1 ? values[0] : new ImmutableArray(values);
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return ImmutableArray.ofStrings(MEMBERS);
    }

    @ExportMessage
    boolean isMemberInvocable(String member) {
        return member.equals("get") || member.equals("isDone") || member.equals("then") || member.equals("call") || member.equals("cancel") || member.equals("awaitDone");
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] args, @com.oracle.truffle.api.dsl.Bind Node node) throws UnknownIdentifierException, ArityException {
        switch (member) {
            case "get":
                return get(node);
            case "isDone":
                return call.isDone();
            case "then":
                if (args.length < 1 || args.length > 2) {
                    throw ArityException.create(1, 2, args.length);
                }
                Object onValue = args[0];
                Object onError = args.length > 1 ? args[1] : null;
                session.whenDone(call, () -> settle(onValue, onError, node));
                return this;
            case "awaitDone": {
                long millis = -1;
                if (args.length > 0 && InteropLibrary.getUncached().fitsInLong(args[0])) {
                    try {
                        millis = InteropLibrary.getUncached().asLong(args[0]);
                    } catch (com.oracle.truffle.api.interop.UnsupportedMessageException e) {
                        throw YonderError.create("awaitDone expects a number of milliseconds");
                    }
                }
                return session.awaitDone(call, millis, node);
            }
            case "cancel":
                session.cancel(call);
                return this;
            case "call":
                if (args.length < 1) {
                    throw ArityException.create(1, -1, args.length);
                }
                return pipe(args);
            default:
                throw UnknownIdentifierException.create(member);
        }
    }

    /**
     * {@code call(member, ...args)}: invokes {@code member} on this call's answer-to-be, sent at once without waiting
     * for the answer (promise pipelining); gives the future of that call.
     */
    @TruffleBoundary
    private RemoteFuture pipe(Object[] args) {
        InteropLibrary interop = InteropLibrary.getUncached();
        if (!interop.isString(args[0])) {
            throw YonderError.create("call expects a member name, then the arguments");
        }
        Object[] withName = args.clone();
        try {
            withName[0] = interop.asString(args[0]);
        } catch (com.oracle.truffle.api.interop.UnsupportedMessageException e) {
            throw YonderError.create("call expects a member name, then the arguments");
        }
        return new RemoteFuture(session, session.startPipelined(call, org.yonder.objspace.wire.Opcode.INVOKE_MEMBER, withName));
    }

    /**
     * As {@code then(onValue, onError)}, for callbacks that run no guest code of this context (host methods that
     * complete a Java future): they may run on a worker beside the context's other threads (yonder.HostConcurrency).
     */
    @TruffleBoundary
    public void thenOnAnyThread(Object onValue, Object onError) {
        session.whenDoneOnAnyThread(call, () -> settle(onValue, onError, null));
    }

    private void settle(Object onValue, Object onError, Node node) {
        Object value;
        try {
            value = get(node);
        } catch (AbstractTruffleException e) {
            if (onError != null) {
                callBack(onError, e);
                session.space().runJobs();
            }
            return;
        }
        callBack(onValue, value);
        session.space().runJobs();   // what the callback settled (a JS Promise's reactions) runs now
    }

    private static void callBack(Object function, Object argument) {
        try {
            InteropLibrary.getUncached(function).execute(function, argument);
        } catch (InteropException e) {
            throw YonderError.create("a then() callback could not be called: " + e.getMessage());
        }
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return call.isDone() ? "remote future (done)" : "remote future (pending)";
    }
}
