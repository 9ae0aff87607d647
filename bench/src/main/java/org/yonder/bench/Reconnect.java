package org.yonder.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Reconnect with stored replicas (the Publishable issue's row): a client keeps replicas of 1,000 publishable objects
 * in its store; ten change on the server; a new client context with that store connects and reads all 1,000 by their
 * stable URLs. Timed from creating the context to the last read, with the round trips it cost, beside the cost of
 * Twisted PB's design, which checks each cached object with a round trip of its own (1,000 x W1 of the same run).
 */
final class Reconnect {
    private Reconnect() {
    }

    static void run(Csv csv, String url) throws IOException {
        Path store = Files.createTempDirectory("yonder-bench-store").resolve("replicas.db");
        try (Context first = client(store)) {
            readAll(first, url);
        }
        int rounds = 7;
        long[] nanos = new long[rounds];
        long roundTrips = 0;
        long fresh = 0;
        long stale = 0;
        for (int r = 0; r < rounds; r++) {
            try (Context other = Context.newBuilder().allowAllAccess(true).build()) {
                other.eval("yonder", url + "/items").invokeMember("changeTen");
            }
            long t0 = System.nanoTime();
            try (Context again = client(store)) {
                readAll(again, url);
                nanos[r] = System.nanoTime() - t0;
                Value stats = again.eval("yonder", url).invokeMember("stats");
                roundTrips = stats.getMember("roundTrips").asLong();
                fresh = stats.getMember("revalidatedFresh").asLong();
                stale = stats.getMember("revalidatedStale").asLong();
            }
        }
        Stats s = Stats.of(nanos);
        csv.row("yonder", "reconnect-1000", "median_ms", s.medianMicros() / 1000, "ms");
        csv.row("yonder", "reconnect-1000", "round_trips", roundTrips, "count");
        csv.row("yonder", "reconnect-1000", "fresh", fresh, "count");
        csv.row("yonder", "reconnect-1000", "stale", stale, "count");
        System.out.printf("reconnect with 1,000 stored replicas (%d stale): median %.1f ms, %d round trip(s)%n", stale, s.medianMicros() / 1000, roundTrips);
    }

    private static Context client(Path store) {
        return Context.newBuilder().allowAllAccess(true).option("yonder.ReplicaStore", store.toString()).build();
    }

    private static void readAll(Context c, String url) {
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += c.eval("yonder", url + "/@bench-item-" + i).getMember("v").asLong();
        }
        if (sum < 499_500) {
            throw new IllegalStateException("reconnect: the items add up to " + sum);
        }
    }
}
