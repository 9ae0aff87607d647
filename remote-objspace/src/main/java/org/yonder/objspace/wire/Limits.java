package org.yonder.objspace.wire;

/**
 * What a session lets a peer do. Sizes: frames, nesting, exports, requests in flight. Heartbeat: when the peer has
 * been silent for {@code heartbeatMillis} the session asks for a PONG, and after three such periods it closes as dead
 * (0 turns heartbeats off). {@code exposeAll}: when false (the default), members that reach the owner's code
 * constructors or reflection are refused and meta-objects cross as read-only views (see {@code session/Exposure}).
 * {@code maxShapes} and {@code maxShapeBytes}: the most shapes a peer may define in one session, and the most characters
 * their names may take in all (a session keeps every shape its peer defined for as long as it lasts).
 * {@code writeTimeoutMillis}: a write the peer has not read any of for this long closes the session (0: never).
 * {@code maxSessions}: the most sessions a listener keeps at once; one more connection gets a PROTOCOL_ERROR and is closed.
 * {@code maxCallDepth}: the most remote calls waiting at once on one thread (a call waits serving callbacks, which may
 * call again: ping-pong recursion); one more fails with a catchable error before it is sent, not a stack overflow.
 * {@code maxTotalExports}: the most objects all sessions of a context export together. {@code maxQueuedBytes} and
 * {@code maxTotalQueuedBytes}: the most bytes of request frames queued or running at once for one session, and for all
 * of a context's sessions together; a request past either gets a YONDER error naming the limit, and is not queued.
 * {@code maxOutgoingBytes}: the most bytes queued to be sent to one peer (writes never block; a peer that reads slower
 * than it is answered fills the queue, and past this bound its session closes).
 */
public record Limits(int maxFrameBytes, int maxDepth, int maxExports, int maxInFlight, int heartbeatMillis, boolean exposeAll, int maxShapes, long maxShapeBytes,
                int writeTimeoutMillis, int maxSessions, int maxCallDepth, long maxTotalExports, long maxQueuedBytes, long maxTotalQueuedBytes, long maxOutgoingBytes) {
    public static final Limits DEFAULT = new Limits(16 << 20, 64, 1_000_000, 10_000, 5_000, false);

    /** The old six limits, with the defaults of the others. */
    public Limits(int maxFrameBytes, int maxDepth, int maxExports, int maxInFlight, int heartbeatMillis, boolean exposeAll) {
        this(maxFrameBytes, maxDepth, maxExports, maxInFlight, heartbeatMillis, exposeAll, 65_536, 16L << 20, 5_000, 256, 128, 4_000_000L, 64L << 20, 256L << 20, 64L << 20);
    }
}
