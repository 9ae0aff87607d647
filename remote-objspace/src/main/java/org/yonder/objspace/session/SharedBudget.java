package org.yonder.objspace.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What all sessions of one context use together, counted against the context-wide limits ({@code Limits.maxTotalExports},
 * {@code maxTotalQueuedBytes}): one peer's sessions can each stay under the per-session limits and still, together,
 * exhaust the server.
 */
public final class SharedBudget {
    /** Objects exported, in all sessions. */
    final AtomicLong exports = new AtomicLong();
    /** Bytes of request frames queued or running, in all sessions. */
    final AtomicLong queuedBytes = new AtomicLong();

    public long exports() {
        return exports.get();
    }

    public long queuedBytes() {
        return queuedBytes.get();
    }
}
