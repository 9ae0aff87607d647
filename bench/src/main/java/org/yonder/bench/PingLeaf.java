package org.yonder.bench;

import org.graalvm.polyglot.Value;

/**
 * The Java class the Multiplex bench registers for copy tag {@code bench.Ping}: Yonder makes one per leaf, passing the
 * leaf itself to the constructor, and runs its {@code remote_} methods for the hub's shouts on the leaf context's
 * thread. A Java class, so that a leaf JVM holding 150 leaves runs no JS engine per leaf. Arrivals go to {@link #sink}
 * (set in a leaf JVM, see {@link ShoutLeaves}); the shouter's own leaf, in the coordinating JVM, only counts.
 */
public final class PingLeaf {
    /** What a leaf JVM does with arrivals; null where no one records them. */
    interface Sink {
        void ping(int id, long sentNanos, long arrivedNanos);

        void flooded(boolean gotAll);
    }

    static volatile Sink sink;

    private final Value leaf;
    private int floods;
    private volatile int bursts;

    public PingLeaf(Value leaf) {
        this.leaf = leaf;
    }

    /** A latency shout: {@code sentNanos} is the shouter's System.nanoTime() just before its {@code shout_ping}. */
    public void remote_ping(int id, long sentNanos) {
        long now = System.nanoTime();
        Sink s = sink;
        if (s != null) {
            s.ping(id, sentNanos, now);
        }
    }

    /** A throughput shout, number {@code i} of a burst that ends with {@code last}. */
    public void remote_flood(int i, int last) {
        floods++;
        if (i == last) {
            Sink s = sink;
            if (s != null) {
                s.flooded(floods == last + 1);
            }
            floods = 0;
            bursts++;
        }
    }

    /** How many bursts' last shouts this leaf ran. */
    public int bursts() {
        return bursts;
    }

    /** Whether Yonder made this instance with the leaf as its argument (the constructor it tries first). */
    public boolean madeWithLeaf() {
        return leaf != null && leaf.hasMember("name");
    }
}
