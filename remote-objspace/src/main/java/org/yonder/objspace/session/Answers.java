package org.yonder.objspace.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of a peer's recent requests, for promise pipelining (Cap'n Proto's answer table): a request may name as
 * its target the answer of an earlier request of the same peer ({@code target = -requestId}), sent before that answer
 * came back, so that {@code open('f').call('read')} costs one round trip, not two.
 * <p>
 * A ring of the last {@link #KEPT} requests, indexed by request id: a slot is marked pending when the request is
 * accepted (on the reading thread, in the connection's order, so an earlier request's slot is always marked before a
 * later request that names it is decoded), and holds the answer, or the error, once it is sent. A pipelined request
 * whose target is still pending waits until it is answered, then runs. An answer more than {@link #KEPT} requests old
 * is gone: a request pipelined on it fails with a clear error (a caller that far behind waits for the answer
 * instead). The ring holds at most {@link #KEPT} values per peer: bounded, and only what was just answered.
 */
final class Answers {
    static final int KEPT = 1024;
    private static final Object PENDING = new Object();

    /** The error a request failed with: a request pipelined on it fails too. */
    record Failed(String message) {
    }

    private final long[] ids = new long[KEPT];
    private final Object[] values = new Object[KEPT];
    private Map<Long, List<Runnable>> waiting;

    private static int slot(long id) {
        return (int) (id & (KEPT - 1));
    }

    /** A request was accepted: its answer is pending. */
    synchronized void received(long id) {
        int i = slot(id);
        ids[i] = id;
        values[i] = PENDING;
    }

    /** A request was answered; returns the requests pipelined on it that waited (to run now), or null. */
    synchronized List<Runnable> answered(long id, Object value) {
        int i = slot(id);
        if (ids[i] != id || values[i] != PENDING) {
            return null;   // not a kept request (refused before it was accepted), or answered already
        }
        values[i] = value;
        return waiting == null ? null : waiting.remove(id);
    }

    /**
     * If request {@code id}'s answer is still pending, registers {@code later} to run once it is in and returns true;
     * else returns false (the caller resolves it with {@link #resolve}).
     */
    synchronized boolean deferIfPending(long id, Runnable later) {
        int i = slot(id);
        if (ids[i] != id || values[i] != PENDING) {
            return false;
        }
        if (waiting == null) {
            waiting = new HashMap<>();
        }
        waiting.computeIfAbsent(id, k -> new ArrayList<>(1)).add(later);
        return true;
    }

    /** Request {@code id}'s answer: the value, a {@link Failed}, or null when it is not kept (never, or too long ago). */
    synchronized Object resolve(long id) {
        int i = slot(id);
        if (ids[i] != id || values[i] == PENDING) {
            return null;
        }
        return values[i];
    }
}
