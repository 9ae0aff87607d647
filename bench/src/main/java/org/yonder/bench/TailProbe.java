package org.yonder.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.yonder.launcher.Jit;
import org.yonder.launcher.ServerProcess;

/**
 * Where W1's tail comes from (the tail issue's first step; docs/performance.md, "The tail"). Runs W1 as the bench
 * does (compiled JS client in this JVM, {@code svc.js} in a {@code yonder serve} child, warm-up under the workloads'
 * rules), keeps each call's start and end ({@code System.nanoTime}, CLOCK_MONOTONIC), and prints the histogram and
 * the client session's counters for the timed calls. With {@code --perf} (Linux {@code perf} installed and allowed),
 * {@code perf sched record -k CLOCK_MONOTONIC} watches the CPUs for the timed calls on the same clock, and each call
 * over 3x the median is charged to the threads that ran on the CPU meanwhile other than the call's own (client
 * thread, server threads that read and answer), by thread name: the JIT compilers, GC, the VM thread (safepoints),
 * other processes. Run it as the bench's latency phase runs: {@code taskset -c 0 java ... TailProbe --perf}.
 * <p>
 * Options: {@code --calls N} (20,000), {@code --warm N} (2,000, and at least 1 s), {@code --perf}, {@code --cpus
 * LIST} (perf's CPUs, default 0), {@code --server-flag F} (a flag of the server JVM, repeatable), {@code --server-warmup S} ({@code yonder serve --warmup S}), {@code --settle S}
 * (seconds of calls more before timing; 0), {@code --jit settle} (client and server, see {@code Jit}), {@code --prewarm S} (seconds of local JS work first), {@code --out CSV} (rows of
 * system {@code yonder-tail} for docs/performance.md).
 */
public final class TailProbe {
    /**
     * One loop for warm-up and timing, as JMH does: warm-up calls it on a scratch array in rounds of 500 until the
     * rules are met, then it times {@code n} calls. A timing loop of its own would be compiled (OSR) while it is timed,
     * and a branch first taken when timing starts would deoptimize it then.
     */
    private static final String W1 = """
                    (function (svc) {
                      const System = Java.type('java.lang.System');
                      const Longs = Java.type('long[]');
                      function loop(t, n) {
                        for (let k = 0; k < n; k++) {
                          const t0 = System.nanoTime();
                          svc.noop();
                          t[2 * k] = t0;
                          t[2 * k + 1] = System.nanoTime();
                        }
                        return t;
                      }
                      return function (n, warm, minNanos) {
                        const scratch = new Longs(1000);
                        const start = System.nanoTime();
                        for (let i = 0; i < warm || System.nanoTime() - start < minNanos; i += 500) loop(scratch, 500);
                        return loop(new Longs(2 * n), n);
                      };
                    })
                    """;

    private static final String PREWARM = """
                    (function (nanos) {
                      const System = Java.type('java.lang.System');
                      const start = System.nanoTime();
                      let round = 0, sink = 0;
                      while (System.nanoTime() - start < nanos) {
                        // A new function each round: a new call target for Truffle to compile.
                        const f = new Function('a', 'b', 'let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * ' + (round % 7) + ' + b.k' + (round % 5) + '; return s;');
                        const a = Array.from({ length: 50 }, (_, i) => i + round);
                        const b = { ['k' + (round % 5)]: round };
                        for (let i = 0; i < 3000; i++) sink += f(a, b);
                        round++;
                      }
                      return sink;
                    })
                    """;

    /** Where the rows go ({@code --out}, the bench's CSV), or null. */
    private static Csv csv;

    private TailProbe() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(BenchMain.arg(args, "--calls", "20000"));
        int warm = Integer.parseInt(BenchMain.arg(args, "--warm", "2000"));
        double settle = Double.parseDouble(BenchMain.arg(args, "--settle", "0"));
        double prewarm = Double.parseDouble(BenchMain.arg(args, "--prewarm", "0"));
        boolean perf = Arrays.asList(args).contains("--perf");
        String cpus = BenchMain.arg(args, "--cpus", "0");
        String out = BenchMain.arg(args, "--out", null);
        csv = out == null ? null : new Csv(Path.of(out));
        List<String> serverFlags = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--server-flag")) {
                serverFlags.add("-J" + args[i + 1]);
            } else if (args[i].equals("--server-warmup")) {
                serverFlags.add("--warmup");
                serverFlags.add(args[i + 1]);
            }
        }
        Jit jit = Jit.parse(BenchMain.arg(args, "--jit", "background"));
        if (jit == Jit.SETTLE) {
            serverFlags.add("--jit");
            serverFlags.add("settle");
        }
        Path dir = Files.createTempDirectory("yonder-tail");
        try (Engine engine = Engine.create()) {
            if (engine.getImplementationName().equals("Interpreted")) {
                throw new IllegalStateException("Truffle runs interpreter-only: the JIT flags are missing");
            }
            System.out.println("engine: " + engine.getImplementationName() + "; server flags: " + serverFlags);
        }
        if (prewarm > 0) {
            // Local JS work unrelated to Yonder in a context of its own: it warms the JVM's Graal compiler (which
            // HotSpot compiles like any Java code) without compiling anything the timed calls run.
            try (Context local = Context.newBuilder("js").allowAllAccess(true).build()) {
                local.eval("js", PREWARM).execute(prewarm * 1e9);
            }
        }
        try (ServerProcess server = ServerProcess.start(BenchMain.extract(dir, "svc.js"), "127.0.0.1:0", null, "", 120, serverFlags.toArray(String[]::new));
                        Context client = jit.configure(Context.newBuilder().allowAllAccess(true)).option("yonder.Connect", server.url()).build()) {
            client.initialize("yonder");
            Value conn = client.eval("yonder", server.url());
            Value probe = client.eval("js", W1).execute(client.eval("yonder", server.url() + "/svc"));
            Process recorder = null;
            if (perf) {
                try {
                    recorder = startPerf(dir, cpus);
                } catch (IOException e) {
                    System.out.println("perf sched: not available (" + e.getMessage().strip() + "); no breakdown by thread");
                    if (csv != null) {
                        csv.text("yonder-tail", "env", "perf", "not available: " + e.getMessage().strip());
                    }
                }
            }
            Map<String, Long> before = stats(conn);
            long began = System.nanoTime();
            long[] t = probe.execute(calls, warm, 1e9 + settle * 1e9).as(long[].class);
            System.out.printf("warm-up: %.2f s before the timed calls%n", (t[0] - began) / 1e9);
            Map<String, Long> after = stats(conn);
            if (recorder != null) {
                stopPerf(recorder);
            }
            report(t, before, after);
            if (recorder != null) {
                charge(t, dir, server.pid());
            }
        }
    }

    private static Map<String, Long> stats(Value conn) {
        Value s = conn.invokeMember("stats");
        Map<String, Long> m = new TreeMap<>();
        for (String k : s.getMemberKeys()) {
            Value v = s.getMember(k);
            if (v.isNumber()) {
                m.put(k, v.asLong());
            }
        }
        return m;
    }

    private static void report(long[] t, Map<String, Long> before, Map<String, Long> after) throws IOException {
        int n = t.length / 2;
        long[] d = new long[n];
        for (int k = 0; k < n; k++) {
            d[k] = t[2 * k + 1] - t[2 * k];
        }
        Stats s = Stats.of(d);
        long[] sorted = d.clone();
        Arrays.sort(sorted);
        double m = s.medianMicros();
        System.out.printf("W1: %d calls in %.2f s; median %.1f us, p90 %.1f, p99 %.1f (%.1fx median), p99.9 %.1f, max %.1f us%n", n,
                        (t[t.length - 1] - t[0]) / 1e9, m, sorted[(int) (0.9 * n)] / 1e3, s.p99Micros(), s.p99Micros() / m,
                        sorted[Math.min(n - 1, (int) (0.999 * n))] / 1e3, sorted[n - 1] / 1e3);
        double[] edges = {1.5, 3, 10, 30, 100, 1000};
        int[] counts = new int[edges.length + 1];
        long[] excess = new long[edges.length + 1];
        for (long x : d) {
            double r = x / 1e3 / m;
            int b = 0;
            while (b < edges.length && r >= edges[b]) {
                b++;
            }
            counts[b]++;
            excess[b] += Math.max(0, x - (long) (m * 1e3));
        }
        if (csv != null) {
            csv.row("yonder-tail", "W1", "median", m, "us");
            csv.row("yonder-tail", "W1", "p99", s.p99Micros(), "us");
            csv.row("yonder-tail", "W1", "p999", sorted[Math.min(n - 1, (int) (0.999 * n))] / 1e3, "us");
            csv.row("yonder-tail", "W1", "n", n, "count");
        }
        System.out.println("histogram (x median: calls, their time above the median in ms):");
        for (int b = 0; b <= edges.length; b++) {
            String range = (b == 0 ? "< " + edges[0] : b == edges.length ? ">= " + edges[b - 1] : edges[b - 1] + "-" + edges[b]) + "x";
            System.out.printf("  %-10s %7d  %9.1f ms%n", range, counts[b], excess[b] / 1e6);
            if (csv != null) {
                csv.row("yonder-tail", "hist " + range, "calls", counts[b], "count");
                csv.row("yonder-tail", "hist " + range, "excess_ms", excess[b] / 1e6, "ms");
            }
        }
        System.out.print("client session counters over the warm-up and the timed calls:");
        for (String k : after.keySet()) {
            long delta = after.get(k) - before.getOrDefault(k, 0L);
            if (delta != 0) {
                System.out.print(" " + k + "=" + delta);
                if (csv != null && !k.equals(k.toUpperCase(java.util.Locale.ROOT))) {
                    csv.row("yonder-tail", "counter " + k, "delta", delta, "count");
                }
            }
        }
        System.out.println();
    }

    // region perf sched: who had the CPU during a slow call

    private static Process startPerf(Path dir, String cpus) throws IOException, InterruptedException {
        // perf itself runs on the other CPU when there is one, so that it does not take CPU 0 from the calls.
        List<String> cmd = new ArrayList<>(List.of("perf", "sched", "record", "-k", "CLOCK_MONOTONIC", "-C", cpus, "-o", dir.resolve("sched.data").toString()));
        if (Runtime.getRuntime().availableProcessors() > 1 || new java.io.File("/usr/bin/taskset").canExecute()) {
            cmd.addAll(0, List.of("taskset", "-c", cpus.equals("1") ? "0" : "1"));
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("perf.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("perf is not installed: " + e.getMessage());
        }
        Thread.sleep(1500);   // perf sets up its buffers before the timed calls start
        if (!p.isAlive()) {
            throw new IOException("perf sched record did not start: " + Files.readString(dir.resolve("perf.log")));
        }
        return p;
    }

    private static void stopPerf(Process p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** One stretch of a thread on a CPU, from {@code perf sched timehist}. */
    private record Run(long startNanos, long endNanos, int tid, String name) {
    }

    /**
     * Charges each slow call's time to the threads that ran on the CPU meanwhile: for every call over 3x the median,
     * the run time of other threads inside it, by group. A call is "explained" by the group that ran longest in it.
     */
    private static void charge(long[] t, Path dir, long serverPid) throws IOException, InterruptedException {
        Process hist = new ProcessBuilder("perf", "sched", "timehist", "-i", dir.resolve("sched.data").toString()).redirectErrorStream(true).start();
        List<Run> runs = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(hist.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                Run run = parse(line);
                if (run != null) {
                    runs.add(run);
                }
            }
        }
        hist.waitFor();
        runs.sort((a, b) -> Long.compare(a.startNanos, b.startNanos));
        Map<Integer, String> group = groups(serverPid);
        int n = t.length / 2;
        long[] d = new long[n];
        for (int k = 0; k < n; k++) {
            d[k] = t[2 * k + 1] - t[2 * k];
        }
        long median = (long) (Stats.of(d).medianMicros() * 1e3);
        Map<String, long[]> byGroup = new TreeMap<>();   // group -> [slow calls it explains, its run time inside slow calls (ns)]
        int slow = 0;
        int from = 0;
        for (int k = 0; k < n; k++) {
            if (d[k] < 3 * median) {
                continue;
            }
            slow++;
            long a = t[2 * k];
            long b = t[2 * k + 1];
            while (from < runs.size() && runs.get(from).endNanos < a - 100_000_000L) {
                from++;
            }
            Map<String, Long> inside = new HashMap<>();
            for (int i = from; i < runs.size() && runs.get(i).startNanos < b; i++) {
                Run run = runs.get(i);
                long overlap = Math.min(b, run.endNanos) - Math.max(a, run.startNanos);
                if (overlap > 0) {
                    inside.merge(classify(run, group), overlap, Long::sum);
                }
            }
            String top = "(nothing else ran: waiting)";
            long best = 0;
            for (Map.Entry<String, Long> e : inside.entrySet()) {
                byGroup.computeIfAbsent(e.getKey(), x -> new long[2])[1] += e.getValue();
                if (!e.getKey().startsWith("call:") && e.getValue() > best) {
                    best = e.getValue();
                    top = e.getKey();
                }
            }
            if (best < (d[k] - median) / 4) {
                top = "(nothing else ran: waiting)";
            }
            byGroup.computeIfAbsent(top, x -> new long[2])[0]++;
        }
        System.out.printf("calls over 3x the median (%d of %d), by who had the CPU meanwhile (perf sched, %d thread runs):%n", slow, n, runs.size());
        System.out.printf("  %-44s %8s %14s%n", "threads", "explains", "ran inside (ms)");
        byGroup.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                        .forEach(e -> System.out.printf("  %-44s %8d %14.2f%n", e.getKey(), e.getValue()[0], e.getValue()[1] / 1e6));
        if (csv != null) {
            csv.row("yonder-tail", "slow", "calls", slow, "count");
            for (Map.Entry<String, long[]> e : byGroup.entrySet()) {
                if (e.getValue()[0] > 0 || e.getValue()[1] >= 1_000_000) {
                    csv.row("yonder-tail", "who " + e.getKey().replace(',', ' '), "explains", e.getValue()[0], "count");
                    csv.row("yonder-tail", "who " + e.getKey().replace(',', ' '), "ran_inside_ms", e.getValue()[1] / 1e6, "ms");
                }
            }
        }
    }

    /** {@code time cpu name[tid] wait delay run} lines; the run ended at {@code time}. */
    private static Run parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 6 || !f[0].matches("\\d+\\.\\d+") || !f[1].startsWith("[")) {
            return null;
        }
        String task = String.join(" ", Arrays.copyOfRange(f, 2, f.length - 3));
        int open = task.lastIndexOf('[');
        int tid = -1;
        String name = task;
        if (open > 0 && task.endsWith("]")) {
            name = task.substring(0, open);
            String id = task.substring(open + 1, task.length() - 1);
            tid = Integer.parseInt(id.contains("/") ? id.substring(0, id.indexOf('/')) : id);
        }
        long end = Math.round(Double.parseDouble(f[0]) * 1e9);
        long run = Math.round(Double.parseDouble(f[f.length - 1]) * 1e6);
        return new Run(end - run, end, tid, name);
    }

    /** Which process each thread of the client (this JVM) and the server belongs to, by thread id. */
    private static Map<Integer, String> groups(long serverPid) throws IOException {
        Map<Integer, String> m = new HashMap<>();
        for (long pid : new long[]{ProcessHandle.current().pid(), serverPid}) {
            String who = pid == serverPid ? "server" : "client";
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                tasks.forEach(p -> m.put(Integer.parseInt(p.getFileName().toString()), who));
            }
        }
        return m;
    }

    /** A run's group: the call's own threads are "call:"; the rest by what they do. */
    private static String classify(Run run, Map<Integer, String> group) {
        String who = group.get(run.tid);
        String n = run.name;
        if (n.equals("<idle>")) {
            return "idle";
        }
        if (who == null) {
            return "other process: " + n;
        }
        String kind;
        if (n.startsWith("JVMCI") || n.startsWith("C1 Compiler") || n.startsWith("C2 Compiler") || n.contains("Compiler")) {
            kind = "JIT compiler (" + n.replaceAll("#?\\d+$", "") + ")";
        } else if (n.startsWith("GC ") || n.startsWith("G1 ") || n.startsWith("VM Periodic") || n.contains("Conc")) {
            kind = "GC (" + n.replaceAll("#?\\d+$", "") + ")";
        } else if (n.equals("VM Thread")) {
            kind = "VM thread (safepoints)";
        } else if (n.startsWith("yonder-heartbe")) {
            kind = "yonder heartbeat";
        } else if (who.equals("client") && (n.equals("java") || n.equals("main"))) {
            return "call: client thread";
        } else if (who.equals("server") && (n.startsWith("yonder-serve") || n.startsWith("yonder-read") || n.equals("java") || n.equals("main"))) {
            return "call: server " + n;
        } else {
            kind = n;
        }
        return who + " " + kind;
    }

    // endregion
}
