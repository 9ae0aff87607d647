package org.yonder.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.yonder.launcher.NatsServer;
import org.yonder.launcher.ServerProcess;

/**
 * Shout latency and throughput (the Multiplex issue's rows). A hub process (bench/hub.js) holds one multiplexed
 * object; N leaves hold it: the shouter (a context in this JVM) and N - 1 leaves spread over two leaf JVMs
 * ({@link ShoutLeaves}), each leaf a context and a session of its own. Latency: the shouter sends
 * {@code shout_ping(id, System.nanoTime())}; each other leaf takes its arrival time in {@code remote_ping} (nanoTime is
 * one clock for all processes of a Linux machine), and a shout's latency is the slowest leaf's. Shouts go one at a
 * time (the next 1 ms after every leaf had the last), for N = 3, 30 and 300, then for 3 leaves through one repeater
 * (hub, relay.js, leaves), then for 3 leaves of a hub on the NATS backbone. Throughput: with 3 leaves (embedded hub
 * and NATS), bursts of one-way shouts, from the first send until every leaf ran the burst's last.
 */
final class Shouts {
    /** How many leaves, shouter included ({@code -Dyonder.bench.shoutLeaves=3,30} for fewer). */
    static final int[] LEAVES = java.util.Arrays.stream(System.getProperty("yonder.bench.shoutLeaves", "3,30,300").split(",")).mapToInt(Integer::parseInt).toArray();
    static final int ROUNDS = 200;
    static final int FLOOD = 20_000;
    /**
     * The pause after each latency shout has reached every leaf, before the next: long enough that the leaves' threads
     * have stopped spinning and block in the kernel again, as between shouts that come now and then.
     */
    static final long GAP_NANOS = 1_000 * Long.getLong("yonder.bench.shoutGapMicros", 1_000);

    private Shouts() {
    }

    /** A leaf in this JVM that shouts, with the hub's counters. */
    private record Shouter(Context context, Value ping, Value hub, int[] next) implements AutoCloseable {
        static Shouter of(String url, String backbone) {
            Context.Builder b = Context.newBuilder().allowAllAccess(true);
            Context c = (backbone == null ? b : b.option("yonder.Backbone", backbone)).build();
            c.eval("yonder", "leaf").execute("bench.Ping", c.asValue(PingLeaf.class));
            return new Shouter(c, c.eval("yonder", url + "/ping"), c.eval("yonder", url + "/hub"), new int[1]);
        }

        @Override
        public void close() {
            context.close(true);
        }
    }

    static void run(Csv csv, Stats w1, Path hubJs, Path relayJs) throws IOException {
        String spin = System.getProperty("yonder.bench.leafSpinNanos");
        String[] leafFlags = spin == null ? new String[0] : new String[]{"-Dyonder.spinNanos=" + spin};
        try (ServerProcess hub = ServerProcess.start(hubJs, "127.0.0.1:0", null, "", 120, "--yonder.MaxSessions=1000");
                        LeafJvm a = new LeafJvm(leafFlags); LeafJvm b = new LeafJvm(leafFlags)) {
            List<LeafJvm> jvms = List.of(a, b);
            for (LeafJvm j : jvms) {
                if (j.engine.equals("Interpreted")) {
                    throw new IllegalStateException("a leaf JVM runs Truffle interpreter-only: the numbers would mean nothing");
                }
            }
            csv.text("yonder", "env", "engine_leaf_jvms", a.engine + ", 2 leaf JVMs, leaves on one shared Engine each, each served by a thread in 'yonder serve'"
                            + (spin == null ? "" : ", -Dyonder.spinNanos=" + spin));
            try (Shouter s = Shouter.of(hub.url(), null)) {
                for (int n : LEAVES) {
                    grow(jvms, hub.url(), n - 1, null);
                    awaitLeaves(s, n);
                    Stats st = Stats.of(latency(s, jvms, n == 300 ? 100 : 300));
                    rows(csv, "shout-" + n, st, w1);
                    if (n == LEAVES[0]) {
                        throughput(csv, s, jvms, n, "shout-throughput-" + n);
                    }
                }
            }
            for (LeafJvm j : jvms) {
                j.leave();
            }
            try (ServerProcess relay = ServerProcess.start(relayJs, "127.0.0.1:0", null, "", 120, "--yonder.Connect=" + hub.url());
                            Shouter s = Shouter.of(relay.url(), null)) {
                grow(jvms, relay.url(), 2, null);
                rows(csv, "shout-repeater-3", Stats.of(latency(s, jvms, 300)), w1);
            }
            for (LeafJvm j : jvms) {
                j.leave();
            }
            overNats(csv, w1, hubJs, jvms);
        }
    }

    /**
     * The same latency (3, 30 and 300 leaves) and throughput (3 leaves), the hub on the NATS JetStream backbone (a {@code nats-server -js}
     * of its own, on 127.0.0.1). Without nats-server on the PATH the rows are left out and the report says why.
     */
    private static void overNats(Csv csv, Stats w1, Path hubJs, List<LeafJvm> jvms) throws IOException {
        if (NatsServer.executable() == null) {
            csv.text("yonder", "env", "nats", "not measured: nats-server is not on the PATH (Debian: apt-get install nats-server)");
            System.out.println("shout-nats: not measured, nats-server is not on the PATH");
            return;
        }
        try (NatsServer nats = NatsServer.start();
                        ServerProcess hub = ServerProcess.start(hubJs, "127.0.0.1:0", null, "", 120, "--yonder.MaxSessions=1000", "--yonder.Backbone=" + nats.url());
                        Shouter s = Shouter.of(hub.url(), nats.url())) {
            csv.text("yonder", "env", "nats", "nats-server -js on 127.0.0.1 (" + nats.url() + "), JetStream in memory, one stream per hub");
            for (int n : LEAVES) {
                grow(jvms, hub.url(), n - 1, nats.url());
                awaitLeaves(s, n);
                rows(csv, "shout-nats-" + n, Stats.of(latency(s, jvms, n == 300 ? 100 : 300)), w1);
                if (n == LEAVES[0]) {
                    throughput(csv, s, jvms, n, "shout-throughput-nats-" + n);
                }
            }
            for (LeafJvm j : jvms) {
                j.leave();
            }
        }
    }

    private static void rows(Csv csv, String workload, Stats st, Stats w1) throws IOException {
        csv.row("yonder", workload, "median", st.medianMicros(), "us");
        csv.row("yonder", workload, "p99", st.p99Micros(), "us");
        csv.row("yonder", workload, "n", st.n(), "count");
        csv.row("yonder", workload, "ratio_to_w1_samerun", st.medianMicros() / w1.medianMicros(), "x");
        System.out.printf("%s: median %.1f us, p99 %.1f us (%.1fx W1 of this run, %.1f us)%n", workload, st.medianMicros(), st.p99Micros(),
                        st.medianMicros() / w1.medianMicros(), w1.medianMicros());
    }

    /** Adds leaves to the leaf JVMs, half each, until they hold {@code others}. */
    private static void grow(List<LeafJvm> jvms, String url, int others, String backbone) throws IOException {
        int a = (others + 1) / 2;
        jvms.get(0).join(url, a - jvms.get(0).leaves, backbone);
        jvms.get(1).join(url, others - a - jvms.get(1).leaves, backbone);
    }

    private static void awaitLeaves(Shouter s, int n) throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int now;
        while ((now = s.hub().invokeMember("leaves").asInt()) != n) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the hub counts " + now + " leaves, not " + n);
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    /** Warm-up (at least {@code warm} shouts and 2 s, at most 20 s), then {@link #ROUNDS} timed shouts. */
    private static long[] latency(Shouter s, List<LeafJvm> jvms, int warm) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; (i < warm || System.nanoTime() - start < 2_000_000_000L) && System.nanoTime() - start < 20_000_000_000L; i++) {
            shout(s, jvms);
        }
        long[] samples = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            samples[r] = shout(s, jvms);
        }
        return samples;
    }

    /** One shout: nanoseconds from before {@code shout_ping} to its {@code remote_ping} on the slowest other leaf. */
    private static long shout(Shouter s, List<LeafJvm> jvms) throws IOException {
        int id = s.next()[0]++;
        long sent = System.nanoTime();
        s.ping().invokeMember("shout_ping", id, sent);
        long slowest = 0;
        for (LeafJvm j : jvms) {
            if (j.leaves > 0) {
                String[] f = j.await("ACK", 30).split(" ");
                if (Integer.parseInt(f[0]) != id) {
                    throw new IOException("a leaf JVM acknowledged shout " + f[0] + ", not " + id);
                }
                slowest = Math.max(slowest, Long.parseLong(f[1]));
            }
        }
        s.context().eval("yonder", "poll");   // the shouter's own remote_ping
        LockSupport.parkNanos(GAP_NANOS);
        return slowest;
    }

    /**
     * Shouts per second with {@code n} leaves: a burst of {@link #FLOOD} one-way {@code shout_flood}s from the
     * shouter, timed until every leaf (the shouter's own included) ran the last; a burst of the same size warms up.
     */
    private static void throughput(Csv csv, Shouter s, List<LeafJvm> jvms, int n, String workload) throws IOException {
        burst(s, jvms);
        long nanos = burst(s, jvms);
        double rate = FLOOD / (nanos / 1e9);
        csv.row("yonder", workload, "shouts_per_s", rate, "shouts/s");
        csv.row("yonder", workload, "deliveries_per_s", rate * n, "remote_calls/s");
        System.out.printf("%s: %.0f shouts/s (%.0f remote_ calls/s)%n", workload, rate, rate * n);
    }

    private static long burst(Shouter s, List<LeafJvm> jvms) throws IOException {
        int bursts = s.ping().invokeMember("bursts").asInt() + 1;
        long t0 = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            s.ping().invokeMember("shout_flood", i, FLOOD - 1);
            if ((i & 255) == 255) {
                s.context().eval("yonder", "poll");   // the shouter's own remote_flood, as it goes
            }
        }
        for (LeafJvm j : jvms) {
            if (j.leaves > 0 && !j.await("FLOODED", 120).equals("true")) {
                throw new IOException("a leaf missed shouts of a burst");
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (s.ping().invokeMember("bursts").asInt() != bursts) {
            s.context().eval("yonder", "poll");
            if (System.nanoTime() > deadline) {
                throw new IOException("the shouter's own leaf did not get the burst's last shout");
            }
            LockSupport.parkNanos(50_000);
        }
        return System.nanoTime() - t0;
    }
}
