package org.yonder.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Update fan-out (the Cacheable issue's row): K client connections each hold a replica of {@code fanout.state}; a driver
 * connection calls {@code fanout.bump()}, which writes the cacheable on the server, and the time from before that call
 * to the new value being readable in each replica is taken, by one thread polling all K replicas (local reads, with
 * naps of 20 µs between passes, so the times are late by up to a nap and a wake-up). For
 * K = 1, 10 and 100: the median over every replica and round, and the median of each round's slowest replica.
 */
final class FanOut {
    private FanOut() {
    }

    static void run(Csv csv, String url) throws IOException {
        for (int k : new int[]{1, 10, 100}) {
            List<Context> clients = new ArrayList<>();
            try (Context driver = Context.newBuilder().allowAllAccess(true).build()) {
                Value fanout = driver.eval("yonder", url + "/fanout");
                Value[] replicas = new Value[k];
                for (int i = 0; i < k; i++) {
                    Context c = Context.newBuilder().allowAllAccess(true).build();
                    clients.add(c);
                    replicas[i] = c.eval("yonder", url + "/fanout").getMember("state");
                }
                int rounds = k == 100 ? 100 : 300;
                // Warm-up: at least 2,000 rounds and 3 s (at most 15 s). A fresh server serving several sessions takes
                // about 1,500 calls before its paths are compiled (3 ms per round before, 0.2 ms after, seen here).
                long warmStart = System.nanoTime();
                int warm = 0;
                while ((warm < 2000 || System.nanoTime() - warmStart < 3_000_000_000L) && System.nanoTime() - warmStart < 15_000_000_000L) {
                    int n = fanout.invokeMember("bump").asInt();
                    for (Value replica : replicas) {
                        while (replica.getMember("n").asInt() < n) {
                            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                        }
                    }
                    warm++;
                }
                long[] each = new long[rounds * k];
                long[] last = new long[rounds];
                int m = 0;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    int n = fanout.invokeMember("bump").asInt();
                    boolean[] seen = new boolean[k];
                    int left = k;
                    long deadline = t0 + 10_000_000_000L;
                    long slowest = 0;
                    while (left > 0) {
                        for (int i = 0; i < k; i++) {
                            if (!seen[i] && replicas[i].getMember("n").asInt() >= n) {
                                seen[i] = true;
                                left--;
                                long t = System.nanoTime() - t0;
                                slowest = Math.max(slowest, t);
                                each[m++] = t;
                            }
                        }
                        // Pinned to one CPU, the reader threads that take the updates in need it too: a spin that only
                        // yields kept them off it for a time slice (milliseconds). 20 µs naps bound the error instead.
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("fan-out: " + left + " of " + k + " replicas did not see update " + n + " within 10 s");
                        }
                    }
                    last[r] = slowest;
                }
                Stats perReplica = Stats.of(Arrays.copyOf(each, m));
                Stats perRound = Stats.of(last);
                csv.row("yonder", "fanout-" + k, "median_to_each_replica", perReplica.medianMicros(), "us");
                csv.row("yonder", "fanout-" + k, "median_to_last_replica", perRound.medianMicros(), "us");
                csv.row("yonder", "fanout-" + k, "n", m, "count");
                System.out.printf("fan-out to %d replicas: median %.1f us to each, %.1f us to the last%n", k, perReplica.medianMicros(), perRound.medianMicros());
            } finally {
                for (Context c : clients) {
                    c.close(true);
                }
            }
        }
    }
}
