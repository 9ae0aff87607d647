package org.yonder.objspace.wire;

/**
 * What a session lets a peer do. Sizes: frames, nesting, exports, requests in flight. Heartbeat: when the peer has
 * been silent for {@code heartbeatMillis} the session asks for a PONG, and after three such periods it closes as dead
 * (0 turns heartbeats off). {@code exposeAll}: when false (the default), members that reach the owner's code
 * constructors or reflection are refused and meta-objects cross as read-only views (see {@code session/Exposure}).
 */
public record Limits(int maxFrameBytes, int maxDepth, int maxExports, int maxInFlight, int heartbeatMillis, boolean exposeAll) {
    public static final Limits DEFAULT = new Limits(16 << 20, 64, 1_000_000, 10_000, 5_000, false);
}
