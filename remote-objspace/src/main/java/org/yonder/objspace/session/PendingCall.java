package org.yonder.objspace.session;

import org.yonder.objspace.marshal.Frame;
import org.yonder.objspace.wire.Opcode;

/**
 * A request sent and not yet answered: the question, in Cap'n Proto's words. A synchronous call waits for it; an
 * asynchronous one hands it to a future, which may ask to be told when it is done.
 */
public final class PendingCall {
    final Opcode op;
    final Object[] args;
    /** The request's id on its session. */
    long id;
    private volatile Frame answer;
    private volatile String failure;
    private Runnable onDone;

    PendingCall(Opcode op, Object[] args) {
        this.op = op;
        this.args = args;
    }

    public boolean isDone() {
        return answer != null || failure != null;
    }

    void complete(Frame frame) {
        this.answer = frame;
        fireDone();
    }

    void fail(String reason) {
        this.failure = reason;
        fireDone();
    }

    Frame answer() {
        return answer;
    }

    String failure() {
        return failure;
    }

    /** Runs {@code action} once the call is done: at once if it is, else when the answer arrives. */
    void whenDone(Runnable action) {
        synchronized (this) {
            if (!isDone()) {
                onDone = action;
                return;
            }
        }
        action.run();
    }

    private void fireDone() {
        Runnable action;
        synchronized (this) {
            action = onDone;
            onDone = null;
        }
        if (action != null) {
            action.run();
        }
    }
}
