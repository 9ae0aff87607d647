package org.yonder.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.yonder.launcher.ChildJvm;
import org.yonder.launcher.Jit;
import org.yonder.launcher.ServerProcess;

/**
 * The peer workloads W1-W6 of ../shared/peers/WORKLOADS.md for system {@code yonder}, and the TCP floor in the same
 * run. {@code --phase lat} runs W1-W5 (./yonder bench pins it to one CPU, as run_all.sh does), {@code --phase
 * lat-settle} W1-W5 again with client and server in {@code --jit settle} (same pinning), {@code --phase thr}
 * runs W6, {@code --phase multiplex} the shouts of {@link Shouts} beside W1 (unpinned), {@code --phase startup} the cold
 * starts of {@link Startup} (the yonder script with and without its daemon), {@code --phase report} writes
 * docs/performance.md and its chart from the CSV.
 */
public final class BenchMain {
    static final int RT_FLOOR_N = 20_000;
    static final int RT_FLOOR_WARM = 2_000;
    static final double W6_SECONDS = 5.0;
    static final int W6_WARM = 1_000;
    /** Extra running before the rows that show the workloads once the JIT has caught up (not part of the rules). */
    static final int STEADY_SECONDS = 8;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String phase = arg(args, "--phase", "lat");
        Path csvFile = Path.of(arg(args, "--out", "bench/target/results.csv"));
        if (phase.equals("report")) {
            Report.write(csvFile, Path.of(arg(args, "--peers", "../shared/peers/results.csv")), Path.of(arg(args, "--docs", "docs")));
            return;
        }
        if (phase.equals("startup")) {
            Startup.run(new Csv(csvFile), Path.of(System.getProperty("yonder.home", ".")).toAbsolutePath());
            return;
        }
        Csv csv = new Csv(csvFile);
        String implementation;
        try (Engine engine = Engine.create()) {
            implementation = engine.getImplementationName();
        }
        if (implementation.equals("Interpreted")) {
            throw new IllegalStateException("Truffle runs interpreter-only: the JIT flags are missing; the numbers would mean nothing");
        }
        csv.text("yonder", "env", "engine_" + phase, implementation + ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        if (phase.equals("lat")) {
            csv.text("yonder", "env", "latency_pinning", Boolean.getBoolean("yonder.bench.pinned") ? "client, server and floor pinned to CPU 0 (taskset)" : "not pinned (no taskset)");
        }
        Path dir = Files.createTempDirectory("yonder-bench");
        if (phase.equals("replicas")) {
            replicas(csv, dir);
            return;
        }
        if (phase.equals("multiplex")) {
            multiplex(csv, dir);
            return;
        }
        Process floor = startFloor();
        // lat-settle: W1-W5 under the same rules with client and server in `--jit settle` (Jit), in rows of their own.
        Jit jit = phase.equals("lat-settle") ? Jit.SETTLE : Jit.BACKGROUND;
        String[] serverArgs = jit == Jit.SETTLE ? new String[] {"--jit", "settle"} : new String[0];
        try (ServerProcess server = ServerProcess.start(extract(dir, "svc.js"), "127.0.0.1:0", null, "", 180, serverArgs)) {
            int floorPort = floorPort(floor);
            if (phase.equals("lat")) {
                latency(csv, floorPort, server.url());
            } else if (phase.equals("lat-settle")) {
                latencySettled(csv, floorPort, server.url());
            } else {
                throughput(csv, floorPort, server.url());
            }
        } finally {
            floor.destroyForcibly();
        }
        if (phase.equals("lat")) {
            latencyOverTls(csv, dir);
        }
    }

    /**
     * W1 again, against a server over TLS 1.3 (its key made by keytool on first use in the run's temporary folder,
     * the client pinning its certificate), under the same rules, as rows of system {@code yonder-tls}.
     */
    private static void latencyOverTls(Csv csv, Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(extract(dir, "svc.js"), "127.0.0.1:0", null, "", 120, "--yonder.Tls=true",
                        "--yonder.TlsKeyStore=" + dir.resolve("server.p12"));
                        Context client = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", server.url()).build()) {
            client.initialize("yonder");
            client.getPolyglotBindings().putMember("url", server.url());
            Value run = client.eval(Source.newBuilder("js", extract(Files.createTempDirectory("yonder-bench-tls"), "client.js").toFile()).build());
            Stats s = Stats.of(run.execute("W1").getMember("samples").as(long[].class));
            writeLatency(csv, "yonder-tls", "W1", s, "median", "p99", "n");
            System.out.printf("W1 over TLS median %.1f us%n", s.medianMicros());
            Stats more = Stats.of(run.execute("W1", STEADY_SECONDS).as(long[].class));
            csv.row("yonder-tls", "W1", "median_after_more_warmup", more.medianMicros(), "us");
            System.out.printf("W1 over TLS after %d s more: median %.1f us%n", STEADY_SECONDS, more.medianMicros());
        }
    }

    // region Latency: W1-W5 and the floor's W1

    private static void latency(Csv csv, int floorPort, String url) throws Exception {
        floorW1(csv, floorPort, "floor-samerun");
        Path dir = Files.createTempDirectory("yonder-bench-client");
        try (Context client = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", url).build()) {
            Value run = workloads(csv, "yonder", client, url, dir);
            w7(csv, url, run);
            replicas(csv, dir);
            // Beyond the rules: each workload again after STEADY_SECONDS more of running, in its own rows.
            for (String w : List.of("W1", "W2", "W3", "W4", "W5")) {
                Stats s = Stats.of(run.execute(w, STEADY_SECONDS).as(long[].class));
                double perOp = w.equals("W5") ? s.medianMicros() / 100 : s.medianMicros();
                csv.row("yonder", w, "median_after_more_warmup", perOp, "us");
                System.out.printf("%s after %d s more: median %.1f us%n", w, STEADY_SECONDS, perOp);
            }
        }
    }

    /** W1-W5 under the rules, with client and server in {@code --jit settle}: rows of system {@code yonder-settle}. */
    private static void latencySettled(Csv csv, int floorPort, String url) throws Exception {
        floorW1(csv, floorPort, "floor-samerun-settle");
        Path dir = Files.createTempDirectory("yonder-bench-client");
        try (Context client = Jit.SETTLE.configure(Context.newBuilder().allowAllAccess(true)).option("yonder.Connect", url).build()) {
            workloads(csv, "yonder-settle", client, url, dir);
        }
        csv.text("yonder-settle", "env", "note", "client and server in --jit settle: a thread that needs compiled code waits for it (Truffle and C2)");
    }

    private static void floorW1(Csv csv, int floorPort, String system) throws IOException {
        try (Floor.Client c = new Floor.Client(floorPort)) {
            long[] samples = timed(c::pingPong, RT_FLOOR_N, RT_FLOOR_WARM);
            writeLatency(csv, system, "W1", Stats.of(samples), "median", "p99", "n");
        }
    }

    /** W1-W5 and W4-local of client.js under the workloads' rules, in rows of {@code system}; client.js's runner. */
    private static Value workloads(Csv csv, String system, Context client, String url, Path dir) throws IOException {
        client.initialize("yonder");
        client.getPolyglotBindings().putMember("url", url);
        Value run = client.eval(Source.newBuilder("js", extract(dir, "client.js").toFile()).build());
        for (String w : List.of("W1", "W2", "W3", "W4", "W4-local", "W5")) {
            Value result = run.execute(w);
            long[] samples = result.getMember("samples").as(long[].class);
            Value rts = result.getMember("rts");
            Stats s = Stats.of(samples);
            switch (w) {
                case "W4", "W4-local" -> writeLatency(csv, system, w, s, "median_per_sum", "p99_per_sum", "n_per_sum");
                case "W5" -> writeLatency(csv, system, w, new Stats(s.medianMicros() / 100, s.p99Micros() / 100, s.n()), "median_per_callback",
                                "p99_per_callback", "n_per_callback");
                default -> writeLatency(csv, system, w, s, "median", "p99", "n");
            }
            csv.row(system, w, "rt_client_to_server", rts.getArrayElement(0).asDouble(), "per_op");
            csv.row(system, w, "rt_server_to_client", rts.getArrayElement(1).asDouble(), "per_op");
            csv.row(system, w, "async_msgs", rts.getArrayElement(2).asDouble(), "per_op");
            System.out.printf("%s %s median %.1f us, p99 %.1f us, round trips %s%n", system, w, s.medianMicros(), s.p99Micros(), rts);
        }
        return run;
    }

    /**
     * W7 (the concurrency issue's row): client B's W1 while client A, on a connection of its own, runs 5 s calls: each
     * calls back A's function, which sleeps 5 s on A's side, so the server's request waits 5 s for it. As a ratio to
     * W1 alone, measured just before in the same run (the goal is at most 1.5x).
     */
    private static void w7(Csv csv, String url, Value run) throws Exception {
        Stats alone = Stats.of(run.execute("W1").getMember("samples").as(long[].class));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        Context a = Context.newBuilder().allowAllAccess(true).build();
        Thread clientA = new Thread(() -> {
            try {
                Value svc = a.eval("yonder", url + "/svc");
                org.graalvm.polyglot.proxy.ProxyExecutable fiveSeconds = args -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return args[0];
                };
                while (!stop.get()) {
                    started.incrementAndGet();
                    svc.invokeMember("call_back", fiveSeconds, 1);
                }
            } catch (RuntimeException e) {
                if (!stop.get()) {
                    System.err.println("W7: client A failed: " + e);
                }
            }
        }, "w7-client-a");
        clientA.setDaemon(true);
        clientA.start();
        while (started.get() == 0) {
            Thread.sleep(10);
        }
        Thread.sleep(300);   // A's request is inside its callback now
        Stats beside = Stats.of(run.execute("W1").getMember("samples").as(long[].class));
        stop.set(true);
        writeLatency(csv, "yonder", "W7", beside, "median", "p99", "n");
        csv.row("yonder", "W7", "median_w1_alone_samerun", alone.medianMicros(), "us");
        csv.row("yonder", "W7", "ratio_to_w1_alone", beside.medianMicros() / alone.medianMicros(), "x");
        csv.text("yonder", "W7", "note", "W1 of client B while client A's calls each wait 5 s on A's callback (a 5 s sleep on A's side)");
        System.out.printf("W7 median %.1f us beside client A's 5 s calls, W1 alone %.1f us: %.2fx%n", beside.medianMicros(), alone.medianMicros(),
                        beside.medianMicros() / alone.medianMicros());
        clientA.join(10_000);
        a.close(true);
    }

    /**
     * The Multiplex rows ({@link Shouts}), beside W1 measured just before in the same JVM, against svc.js as in the
     * latency phase (but unpinned, as the shouts are: 300 leaves need both CPUs).
     */
    private static void multiplex(Csv csv, Path dir) throws Exception {
        Stats w1;
        try (ServerProcess server = ServerProcess.start(extract(dir, "svc.js"), "127.0.0.1:0", null, "", 120);
                        Context client = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", server.url()).build()) {
            client.initialize("yonder");
            client.getPolyglotBindings().putMember("url", server.url());
            Value run = client.eval(Source.newBuilder("js", extract(dir, "client.js").toFile()).build());
            w1 = Stats.of(run.execute("W1").getMember("samples").as(long[].class));
        }
        writeLatency(csv, "yonder", "W1-multiplex", w1, "median", "p99", "n");
        System.out.printf("W1 (multiplex phase, unpinned) median %.1f us%n", w1.medianMicros());
        Shouts.run(csv, w1, extract(dir, "hub.js"), extract(dir, "relay.js"));
    }

    /** The replicas' rows (fan-out, reconnect), against a server of their own (bench/replicas.js), beside W1. */
    private static void replicas(Csv csv, Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(extract(dir, "replicas.js"), "127.0.0.1:0", null, "", 120, "--yonder.Identity=yonder-bench-replicas")) {
            FanOut.run(csv, server.url());
            Reconnect.run(csv, server.url());
        }
    }

    private static void writeLatency(Csv csv, String system, String w, Stats s, String median, String p99, String n) throws IOException {
        csv.row(system, w, median, s.medianMicros(), "us");
        csv.row(system, w, p99, s.p99Micros(), "us");
        csv.row(system, w, n, s.n(), "count");
    }

    /** The WORKLOADS.md loop in Java (for the floor): warm-up by count and time, then up to n timed ops, at most 20 s. */
    static long[] timed(Runnable op, int n, int warm) {
        long start = System.nanoTime();
        for (int i = 0; i < warm || System.nanoTime() - start < 1_000_000_000L; i++) {
            op.run();
            if (System.nanoTime() - start > 5_000_000_000L) {
                break;
            }
        }
        long[] samples = new long[n];
        long deadline = System.nanoTime() + 20_000_000_000L;
        int k = 0;
        for (; k < n; k++) {
            long t0 = System.nanoTime();
            op.run();
            long t1 = System.nanoTime();
            samples[k] = t1 - t0;
            if (t1 > deadline) {
                k++;
                break;
            }
        }
        return java.util.Arrays.copyOf(samples, k);
    }

    // endregion

    // region Throughput: W6 with two clients

    private static void throughput(Csv csv, int floorPort, String url) throws Exception {
        List<Floor.Client> floors = List.of(new Floor.Client(floorPort), new Floor.Client(floorPort));
        double floorRate = twoClients(i -> floors.get(i)::pingPong);
        for (Floor.Client c : floors) {
            c.close();
        }
        csv.row("floor-samerun", "W6", "calls_per_s_2clients", floorRate, "calls/s");
        // WORKLOADS.md: two clients, each with its own connection (as the floor's two threads and RMI's pooled
        // connections have): two client contexts on one engine, a thread each.
        try (Engine engine = Engine.create();
                        Context a = Context.newBuilder().engine(engine).allowAllAccess(true).build();
                        Context b = Context.newBuilder().engine(engine).allowAllAccess(true).build()) {
            List<Value> svcs = List.of(a.eval("yonder", url + "/svc"), b.eval("yonder", url + "/svc"));
            double rate = twoClients(i -> () -> svcs.get(i).invokeMember("noop"));
            csv.row("yonder", "W6", "calls_per_s_2clients", rate, "calls/s");
            csv.text("yonder", "W6", "note", "2 client threads in one client JVM, each with its own connection and stub (two contexts on one engine, Java Value API)");
            System.out.printf("W6 %.0f calls/s (floor %.0f)%n", rate, floorRate);
        }
        // Two threads sharing one stub, so one connection: replies to one thread are read and routed by the other.
        try (Context client = Context.newBuilder().allowAllAccess(true).build()) {
            Value svc = client.eval("yonder", url + "/svc");
            double rate = twoClients(i -> () -> svc.invokeMember("noop"));
            csv.row("yonder", "W6-shared", "calls_per_s_2clients", rate, "calls/s");
            csv.text("yonder", "W6-shared", "note", "2 client threads in one client JVM sharing one connection and one stub (Java Value API)");
            System.out.printf("W6 one shared stub %.0f calls/s%n", rate);
        }
        Path dir = Files.createTempDirectory("yonder-bench-client");
        try (Context client = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", url).build()) {
            client.initialize("yonder");
            client.getPolyglotBindings().putMember("url", url);
            Value run = client.eval(Source.newBuilder("js", extract(dir, "client.js").toFile()).build());
            double rate = run.execute("W6-async").asDouble();
            csv.row("yonder", "W6-async", "calls_per_s_1client", rate, "calls/s");
            csv.text("yonder", "W6-async", "note", "1 JS client: repeat { 1,000 async(svc, 'noop')() then get() on all } for 5 s");
            System.out.printf("W6-async %.0f calls/s%n", rate);
        }
    }

    private static double twoClients(java.util.function.IntFunction<Runnable> ops) throws InterruptedException {
        int threads = 2;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] counts = new long[threads];
        long[] spans = new long[threads];
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Runnable op = ops.apply(t);
            Thread th = new Thread(() -> {
                for (int i = 0; i < W6_WARM; i++) {
                    op.run();
                }
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long t0 = System.nanoTime();
                long end = t0 + (long) (W6_SECONDS * 1e9);
                long n = 0;
                long now = t0;
                while (now < end) {
                    for (int i = 0; i < 64; i++) {
                        op.run();
                    }
                    n += 64;
                    now = System.nanoTime();
                }
                counts[id] = n;
                spans[id] = now - t0;
            });
            ts.add(th);
            th.start();
        }
        ready.await(120, TimeUnit.SECONDS);
        go.countDown();
        for (Thread th : ts) {
            th.join();
        }
        long total = counts[0] + counts[1];
        long longest = Math.max(spans[0], spans[1]);
        return total / (longest / 1e9);
    }

    // endregion

    private static Process startFloor() throws IOException {
        List<String> cmd = ChildJvm.command();
        cmd.set(cmd.size() - 1, Floor.class.getName());
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static int floorPort(Process floor) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(floor.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            throw new IOException("floor server did not start: " + line);
        }
        return Integer.parseInt(line.substring(5).trim());
    }

    static Path extract(Path dir, String name) throws IOException {
        try (InputStream in = BenchMain.class.getResourceAsStream("/bench/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            return p;
        }
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

}
