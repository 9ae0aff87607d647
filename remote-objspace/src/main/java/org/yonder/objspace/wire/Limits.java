package org.yonder.objspace.wire;

/** The limits a session enforces on what a peer sends. */
public record Limits(int maxFrameBytes, int maxDepth, int maxExports, int maxInFlight) {
    public static final Limits DEFAULT = new Limits(16 << 20, 64, 1_000_000, 10_000);
}
