package org.yonder.objspace.session;

import org.yonder.objspace.marshal.Frame;

/** A request sent and not yet answered: the question, in Cap'n Proto's words. */
final class PendingCall {
    private volatile Frame answer;
    private volatile String failure;

    boolean isDone() {
        return answer != null || failure != null;
    }

    void complete(Frame frame) {
        this.answer = frame;
    }

    void fail(String reason) {
        this.failure = reason;
    }

    Frame answer() {
        return answer;
    }

    String failure() {
        return failure;
    }
}
