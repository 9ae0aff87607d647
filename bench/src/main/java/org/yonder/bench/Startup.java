package org.yonder.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.yonder.launcher.ServerProcess;

/**
 * The startup rows (issue 13, "Fast from the first second"): cold starts of the {@code yonder} script itself (bash
 * included), medians of {@link #RUNS}. {@code remote call}: a two-line client against a {@code yonder serve} started
 * once, timed from just before the script is started to the first call answered (the client prints
 * {@code System.nanoTime()} after it: CLOCK_MONOTONIC, the same clock in every process of the machine), and to the
 * process's exit (the server has served {@link #SERVER_WARMUP} connections first, untimed). {@code local script}: a
 * one-line script, to exit. {@code --help}: to exit. With the daemon in a
 * private folder (the first run, which starts it in the background and runs in a fresh JVM itself, on its own; the
 * next ones once the daemon is up and warm), and without it ({@code YONDER_DAEMON=0}).
 */
final class Startup {
    static final int RUNS = 10;
    static final int SERVER_WARMUP = 50;
    private static final String CLIENT = """
                    const svc = Polyglot.import('svc');
                    svc.noop(); console.log('answered ' + java.lang.System.nanoTime());
                    """;

    private record Sample(long toAnswerNanos, long toExitNanos) {
    }

    private final Path yonder;
    private final Path dir;
    private final Path daemons;

    private Startup(Path root, Path dir) {
        this.yonder = root.resolve("yonder");
        this.dir = dir;
        this.daemons = dir.resolve("daemons");
    }

    static void run(Csv csv, Path root) throws Exception {
        Path dir = Files.createTempDirectory("yonder-bench-startup");
        Files.writeString(dir.resolve("first-call.js"), CLIENT);
        Files.writeString(dir.resolve("local.js"), "console.log('hello');\n");
        try {
            new Startup(root, dir).measure(csv);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void measure(Csv csv) throws Exception {
        try (ServerProcess server = ServerProcess.start(BenchMain.extract(dir, "svc.js"), "127.0.0.1:0", null, "", 120)) {
            warmServer(server.url());
            String[] remote = {"run", "first-call.js", "--connect", server.url()};
            String[] local = {"run", "local.js"};
            Map<String, String> on = Map.of("YONDER_DAEMON_DIR", daemons.toString());
            Map<String, String> off = Map.of("YONDER_DAEMON", "0", "YONDER_DAEMON_DIR", daemons.toString());
            try {
                Sample first = once(on, remote);
                row(csv, "startup-remote-call", "daemon_first", first);
                waitUntilWarm(on);
                row(csv, "startup-remote-call", "daemon", median(on, remote));
                row(csv, "startup-local-script", "daemon", median(on, local));
            } finally {
                once(on, "daemon", "stop");
            }
            row(csv, "startup-remote-call", "no_daemon", median(off, remote));
            row(csv, "startup-local-script", "no_daemon", median(off, local));
            row(csv, "startup-help", "thin_client", median(on, "--help"));
            csv.text("yonder", "startup", "note", "wall time from starting ./yonder (bash included) to the first remote call answered (the client's "
                            + "System.nanoTime, one monotonic clock) and to exit; median of " + RUNS + "; unpinned; the server warmed by " + SERVER_WARMUP
                            + " untimed connections first; daemon rows once the daemon is up and warm");
        }
    }

    /**
     * The server's side of a session start and of the first call, warmed by {@link #SERVER_WARMUP} connections from
     * this JVM before anything is timed: the rows are about the client's start, and every row meets the same server.
     */
    private static void warmServer(String url) {
        for (int i = 0; i < SERVER_WARMUP; i++) {
            try (Context c = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", url).build()) {
                c.initialize("yonder");
                c.eval("js", "Polyglot.import('svc').noop()");
            }
        }
    }

    private void row(Csv csv, String workload, String mode, Sample s) throws IOException {
        if (s.toAnswerNanos() > 0) {
            csv.row("yonder", workload, mode + "_to_answer_ms", s.toAnswerNanos() / 1e6, "ms");
        }
        csv.row("yonder", workload, mode + "_to_exit_ms", s.toExitNanos() / 1e6, "ms");
        System.out.printf("%s %s: %s%.0f ms to exit%n", workload, mode, s.toAnswerNanos() > 0 ? String.format("%.0f ms to the answer, ", s.toAnswerNanos() / 1e6) : "",
                        s.toExitNanos() / 1e6);
    }

    /** The medians of {@link #RUNS} cold starts, each part on its own. */
    private Sample median(Map<String, String> env, String... args) throws Exception {
        long[] answer = new long[RUNS];
        long[] exit = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            Sample s = once(env, args);
            answer[i] = s.toAnswerNanos();
            exit[i] = s.toExitNanos();
        }
        return new Sample(middle(answer), middle(exit));
    }

    private static long middle(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** One start of {@code ./yonder ARGS} in the scripts' folder; the answer's time is 0 when the script prints none. */
    private Sample once(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(yonder.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        long answered = 0;
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("answered ")) {
                    answered = Long.parseLong(line.substring("answered ".length()).trim()) - t0;
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("yonder " + String.join(" ", args) + " did not finish");
        }
        long exited = System.nanoTime() - t0;
        if (p.exitValue() != 0) {
            throw new IOException("yonder " + String.join(" ", args) + " exited with " + p.exitValue() + ": " + String.join("\n", lines));
        }
        return new Sample(answered, exited);
    }

    /** Waits (up to 120 s) until the daemon says its background warm-up is over. */
    private void waitUntilWarm(Map<String, String> env) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<String> command = List.of(yonder.toString(), "daemon", "status");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            if (status.contains(", warm (") || status.contains("warm-up failed")) {
                return;
            }
            Thread.sleep(500);
        }
    }
}
