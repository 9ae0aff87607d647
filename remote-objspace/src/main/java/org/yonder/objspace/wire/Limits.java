package org.yonder.objspace.wire;

/**
 * The limits a session enforces on what a peer sends, and its heartbeat: a session that sent nothing for
 * {@code heartbeatMillis} sends a PING, and one that heard nothing for three such periods closes as dead
 * (0 turns heartbeats off).
 */
public record Limits(int maxFrameBytes, int maxDepth, int maxExports, int maxInFlight, int heartbeatMillis) {
    public static final Limits DEFAULT = new Limits(16 << 20, 64, 1_000_000, 10_000, 5_000);
}
