package org.yonder.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Reconnect with stored replicas (the Publishable issue's row): a client keeps replicas of 1,000 publishable objects
 * in its store; ten change on the server; a new client context with that store connects and reads all 1,000 by key
 * ({@code root('@key')}). Timed from creating the context to the connection made (its HELLO revalidates them all) and
 * to the last read, with the round trips it cost, beside the cost of
 * Twisted PB's design, which checks each cached object with a round trip of its own (1,000 x W1 of the same run).
 */
final class Reconnect {
    private Reconnect() {
    }

    static void run(Csv csv, String url) throws IOException {
        Path store = Files.createTempDirectory("yonder-bench-store").resolve("replicas.db");
        try (Context first = client(store)) {
            readAll(first.eval("yonder", url));
        }
        int rounds = 7;
        long[] nanos = new long[rounds];
        long[] connectNanos = new long[rounds];
        long roundTrips = 0;
        long fresh = 0;
        long stale = 0;
        for (int r = 0; r < rounds; r++) {
            try (Context other = Context.newBuilder().allowAllAccess(true).build()) {
                other.eval("yonder", url + "/items").invokeMember("changeTen");
            }
            long t0 = System.nanoTime();
            try (Context again = client(store)) {
                Value conn = again.eval("yonder", url);   // connects: HELLO revalidates the stored replicas
                connectNanos[r] = System.nanoTime() - t0;
                readAll(conn);
                nanos[r] = System.nanoTime() - t0;
                Value stats = again.eval("yonder", url).invokeMember("stats");
                roundTrips = stats.getMember("roundTrips").asLong();
                fresh = stats.getMember("revalidatedFresh").asLong();
                stale = stats.getMember("revalidatedStale").asLong();
            }
        }
        Stats s = Stats.of(nanos);
        csv.row("yonder", "reconnect-1000", "median_ms", s.medianMicros() / 1000, "ms");
        csv.row("yonder", "reconnect-1000", "median_connect_ms", Stats.of(connectNanos).medianMicros() / 1000, "ms");
        csv.row("yonder", "reconnect-1000", "round_trips", roundTrips, "count");
        csv.row("yonder", "reconnect-1000", "fresh", fresh, "count");
        csv.row("yonder", "reconnect-1000", "stale", stale, "count");
        System.out.printf("reconnect with 1,000 stored replicas (%d stale): median %.1f ms, %d round trip(s)%n", stale, s.medianMicros() / 1000, roundTrips);
    }

    private static Context client(Path store) {
        return Context.newBuilder().allowAllAccess(true).option("yonder.ReplicaStore", store.toString()).build();
    }

    /** Reads all 1,000 by key through the connection ({@code root('@key')}, the lookup a stable URL makes). */
    private static void readAll(Value conn) {
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += conn.invokeMember("root", "@bench-item-" + i).getMember("v").asLong();
        }
        if (sum < 499_500) {
            throw new IllegalStateException("reconnect: the items add up to " + sum);
        }
    }
}
