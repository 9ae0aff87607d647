package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code yonder run} through the warm daemon (docs/daemon.md), driving the real thin client process as the
 * {@code yonder} script starts it, with a private daemon folder: each script gives the same stdout, stderr and exit
 * status as the no-daemon path ({@code YONDER_DAEMON=0}), and the daemon survives what scripts and clients do to it.
 */
class DaemonTest extends SvcServer {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern RUNS = Pattern.compile("pid (\\d+), key (\\w+), .*?, (\\d+) runs");
    private static Path folder;
    private static Path work;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void folders() throws IOException {
        folder = Files.createTempDirectory("yonder-daemons").resolve("d");
        work = Files.createTempDirectory("yonder-daemon-work");
        for (String s : List.of("hello.js", "host-streams.js", "host-exit.js", "wait-for-line.js", "spin.js", "stdin-exit.py")) {
            try (InputStream in = DaemonTest.class.getResourceAsStream("/daemon/" + s)) {
                Files.copy(in, work.resolve(s), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (InputStream in = DaemonTest.class.getResourceAsStream("/clients/uncaught.js")) {
            Files.copy(in, work.resolve("uncaught.js"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @AfterAll
    static void stopDaemons() throws Exception {
        Run stop = run(Map.of(), "", "daemon", "stop");
        assertEquals(0, stop.status(), stop.err());
        for (Path dir : List.of(work, folder.getParent())) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The thin client's command line, as the {@code yonder} script builds it. */
    private static ProcessBuilder client(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(Files.readString(ROOT.resolve("launcher/target/client.flags")).trim().split("\\s+")));
        command.add("-Dyonder.home=" + ROOT);
        command.add("-cp");
        command.add(ROOT.resolve("launcher/target/classes").toString());
        command.add("org.yonder.launcher.daemon.DaemonClient");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().put("YONDER_DAEMON_DIR", folder.toString());
        pb.environment().put("YONDER_DAEMON_IDLE", "600");   // a test's daemons do not outlive it by much, even if stop is missed
        pb.environment().putAll(env);
        return pb;
    }

    private static Run run(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("yonder-out", ".txt");
        Path err = Files.createTempFile("yonder-err", ".txt");
        Process p = client(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "yonder " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Starts the daemon that {@code yonder run} finds with this environment ({@code yonder daemon start}). */
    private static void startDaemon(Map<String, String> env) throws Exception {
        Run r = run(env, "", "daemon", "start");
        assertEquals(0, r.status(), r.err());
    }

    /** Through the thin client, whether or not a daemon takes it. */
    private static Run viaClient(String stdin, String... args) throws Exception {
        return run(Map.of(), stdin, args);
    }

    /** In the daemon: started first, and asked whether it took the run. */
    private static Run viaDaemon(Map<String, String> env, String stdin, String... args) throws Exception {
        startDaemon(env);
        long before = daemonRuns();
        Run r = run(env, stdin, args);
        assertEquals(before + 1, daemonRuns(), "the daemon ran it: " + r);
        return r;
    }

    private static Run viaDaemon(String stdin, String... args) throws Exception {
        return viaDaemon(Map.of(), stdin, args);
    }

    private static Run fresh(Map<String, String> env, String stdin, String... args) throws Exception {
        Map<String, String> off = new HashMap<>(env);
        off.put("YONDER_DAEMON", "0");
        return run(off, stdin, args);
    }

    private static Run fresh(String stdin, String... args) throws Exception {
        return fresh(Map.of(), stdin, args);
    }

    /** Runs {@code args} in the daemon and in a fresh JVM; the two must be the same. */
    private static Run sameBothWays(Map<String, String> env, String stdin, String... args) throws Exception {
        Run d = viaDaemon(env, stdin, args);
        assertEquals(fresh(env, stdin, args), d, "daemon vs fresh JVM");
        return d;
    }

    private static Run sameBothWays(String stdin, String... args) throws Exception {
        return sameBothWays(Map.of(), stdin, args);
    }

    /** The runs of all this test's daemons so far, by {@code yonder daemon status}. */
    private static long daemonRuns() throws Exception {
        return statuses().values().stream().mapToLong(s -> Long.parseLong(s[1])).sum();
    }

    /** key -> {pid, runs}, of the daemons that answer. */
    private static Map<String, String[]> statuses() throws Exception {
        Run status = run(Map.of(), "", "daemon", "status");
        assertEquals(0, status.status(), status.err());
        Map<String, String[]> daemons = new HashMap<>();
        Matcher m = RUNS.matcher(status.out());
        while (m.find()) {
            daemons.put(m.group(2), new String[]{m.group(1), m.group(3)});
        }
        return daemons;
    }

    /** Runs hello.js in the daemon of the tests' usual key, and gives that key. */
    private static String warmDaemon() throws Exception {
        startDaemon(Map.of());
        Map<String, String[]> before = statuses();
        Run r = viaDaemon("", "run", "hello.js", "--connect", server.url());
        assertEquals(0, r.status(), r.err());
        Map<String, String[]> after = statuses();
        return after.keySet().stream().filter(k -> !before.containsKey(k) || !before.get(k)[1].equals(after.get(k)[1])).findFirst().orElseThrow();
    }

    @Test
    void aRemoteCallPrintsTheSameAsInAFreshJvm() throws Exception {
        Run r = sameBothWays("", "run", "hello.js", "--connect", server.url());
        assertEquals(0, r.status(), r.err());
        assertEquals("value=42 add=7\n", r.out());
        long before = daemonRuns();
        assertEquals(r, viaClient("", "run", "hello.js", "--no-daemon", "--connect", server.url()));
        assertEquals(before, daemonRuns(), "--no-daemon: not in the daemon");
    }

    @Test
    void anUncaughtRemoteErrorExitsWithOneAndTheSameReport() throws Exception {
        Run r = sameBothWays("", "run", "uncaught.js", "--connect", server.url());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("Error: Error: nobody caught this"), r.err());
        assertTrue(r.err().matches("(?s).*remote stack:.*at fail \\(svc\\.js:\\d+:\\d+\\).*local stack:.*uncaught\\.js.*"), r.err());
    }

    @Test
    void usageErrorsAndHelpAreAnsweredTheSameWithoutADaemon() throws Exception {
        for (String[] args : new String[][]{{"run", "no-such-file.js"}, {"run"}, {"run", "hello.js", "--connect"}, {"run", "hello.js", "--frobnicate"}}) {
            Run d = viaClient("", args);
            assertEquals(2, d.status(), d.err());
            assertTrue(d.err().contains("usage: yonder serve FILE"), d.err());
            assertEquals(fresh("", args), d, String.join(" ", args));
        }
        Run help = viaClient("", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage: yonder serve FILE"), help.out());
        Run badOption = sameBothWays("", "run", "hello.js", "--yonder.NoSuchOption=1");
        assertEquals(1, badOption.status());
        assertTrue(badOption.err().contains("NoSuchOption"), badOption.err());
    }

    @Test
    void hostStreamsStdinWorkingFolderAndEnvironmentAreTheClients() throws Exception {
        Run d = sameBothWays(Map.of("YONDER_TEST_MARK", "m1"), "one\ntwo\n", "run", "host-streams.js");
        assertEquals("guest out\nhost out\nread: one (1)\nread: two (2)\nthread: main\ncwd file: true, env: m1\n", d.out());
        assertEquals("host err\nguest err\n", d.err());
    }

    @Test
    void pythonReadsItsStdinAndItsExitStatusIsTheClients() throws Exception {
        Run r = sameBothWays("from the test\n", "run", "stdin-exit.py");
        assertEquals(3, r.status(), r.err());
        assertEquals("python read 14 bytes: from the test\n", r.out());
    }

    @Test
    void hostSystemExitEndsTheDaemonButTheClientGetsItsStatusAndTheNextRunWorks() throws Exception {
        String key = warmDaemon();
        String pid = statuses().get(key)[0];
        Run exit = viaClient("", "run", "host-exit.js");
        assertEquals(5, exit.status(), exit.err());
        assertEquals("before exit\n", exit.out());
        assertEquals(fresh("", "run", "host-exit.js"), exit);
        assertFalse(statuses().containsKey(key), "the daemon ran it, and is gone");
        Run next = viaClient("", "run", "hello.js", "--connect", server.url());
        assertEquals(0, next.status(), next.err());
        assertEquals("value=42 add=7\n", next.out());
        Run inNewDaemon = viaDaemon("", "run", "hello.js", "--connect", server.url());
        assertEquals("value=42 add=7\n", inNewDaemon.out());
        assertNotEquals(pid, statuses().get(key)[0], "a new daemon process, of the same key");
    }

    @Test
    void aBusyDaemonDoesNotHoldUpAnotherRun() throws Exception {
        viaDaemon("", "run", "hello.js", "--connect", server.url());   // a daemon, warm
        long before = daemonRuns();
        Path outA = Files.createTempFile("yonder-a", ".txt");
        Process a = client(Map.of(), "run", "wait-for-line.js").redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(outA.toFile()).start();
        BufferedReader aOut = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("waiting", aOut.readLine());
        Run b = viaClient("", "run", "hello.js", "--connect", server.url());   // while A holds the daemon
        assertEquals(0, b.status(), b.err());
        assertEquals("value=42 add=7\n", b.out());
        assertTrue(a.isAlive(), "A still waits for its line");
        try (OutputStream in = a.getOutputStream()) {
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("got go", aOut.readLine());
        assertTrue(a.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue(), Files.readString(outA));
        assertEquals(before + 1, daemonRuns(), "A ran in the daemon, B in a fresh JVM");
    }

    @Test
    void aClientKilledMidScriptLeavesTheDaemonServing() throws Exception {
        String key = warmDaemon();
        String[] before = statuses().get(key);
        // The client as a terminal starts it: SIGINT at its default. A job started in the background of a script (such as
        // `nohup .ci/run &`) inherits SIGINT ignored, and a JVM keeps an ignored SIGINT ignored, fresh or thin client alike,
        // so the Ctrl-C below would reach nobody (and the spinning run would hold the daemon for the tests after this one).
        ProcessBuilder spinning = client(Map.of(), "run", "spin.js").redirectOutput(ProcessBuilder.Redirect.PIPE);
        spinning.command().addAll(0, List.of("env", "--default-signal=INT"));
        Process spin = spinning.start();
        assertEquals("spinning", new BufferedReader(new InputStreamReader(spin.getInputStream(), StandardCharsets.UTF_8)).readLine());
        Process ctrlC = new ProcessBuilder("kill", "-INT", Long.toString(spin.pid())).start();   // what Ctrl-C sends
        assertEquals(0, ctrlC.waitFor());
        assertTrue(spin.waitFor(30, TimeUnit.SECONDS));
        assertEquals(130, spin.exitValue(), "128 + SIGINT, as a fresh JVM exits on Ctrl-C");
        Run next = viaDaemon("", "run", "hello.js", "--connect", server.url());
        assertEquals(0, next.status(), next.err());
        assertEquals("value=42 add=7\n", next.out());
        String[] after = statuses().get(key);
        assertEquals(before[0], after[0], "the same daemon process");
        assertEquals(Long.parseLong(before[1]) + 2, Long.parseLong(after[1]), "the cancelled run and the next");
    }

    @Test
    void theFirstRunRunsInAFreshJvmAndStartsTheDaemonForTheNext() throws Exception {
        Map<String, String> env = Map.of("YONDER_TEST_MARK", "first-run");
        int daemons = statuses().size();
        Run first = run(env, "", "run", "host-streams.js");
        assertTrue(first.out().endsWith("env: first-run\n"), first.out());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (statuses().size() == daemons && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(daemons + 1, statuses().size(), "a daemon started by the first run");
        long before = daemonRuns();
        Run second = run(env, "", "run", "host-streams.js");
        assertEquals(first, second);
        assertEquals(before + 1, daemonRuns(), "the second run is the daemon's");
    }

    @Test
    void anIdleDaemonExits() throws Exception {
        Map<String, String> briefly = Map.of("YONDER_DAEMON_IDLE", "10", "YONDER_TEST_MARK", "idle");
        startDaemon(briefly);
        Run r = viaDaemon(briefly, "", "run", "host-streams.js");
        assertTrue(r.out().endsWith("env: idle\n"), r.out());
        int daemons = statuses().size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (statuses().size() == daemons && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(daemons - 1, statuses().size(), "the idle one is gone");
    }

    @Test
    void aDaemonOfAnotherEnvironmentIsNotUsed() throws Exception {
        Run one = viaDaemon(Map.of("YONDER_TEST_MARK", "first"), "", "run", "host-streams.js");
        Run two = viaDaemon(Map.of("YONDER_TEST_MARK", "second"), "", "run", "host-streams.js");
        assertTrue(one.out().endsWith("env: first\n"), one.out());
        assertTrue(two.out().endsWith("env: second\n"), two.out());
        assertTrue(statuses().size() >= 2, "a daemon per environment");
    }

    @Test
    void aSocketFileWithoutADaemonIsReplaced() throws Exception {
        viaDaemon("", "run", "hello.js", "--connect", server.url());
        Map<String, String[]> before = statuses();
        for (String[] daemon : before.values()) {
            ProcessHandle.of(Long.parseLong(daemon[0])).ifPresent(ProcessHandle::destroyForcibly);   // SIGKILL: no chance to remove its socket
        }
        Thread.sleep(200);
        Run next = viaClient("", "run", "hello.js", "--connect", server.url());
        assertEquals(0, next.status(), next.err());
        assertEquals("value=42 add=7\n", next.out());
        assertEquals("value=42 add=7\n", viaDaemon("", "run", "hello.js", "--connect", server.url()).out());
    }

    @Test
    void theFolderIsTheUsersAloneAndBadInputDoesNotStopTheDaemon() throws Exception {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        viaDaemon("", "run", "hello.js", "--connect", server.url());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        Path socket;
        try (Stream<Path> files = Files.list(folder)) {
            socket = files.filter(p -> p.toString().endsWith(".sock")).findFirst().orElseThrow();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        for (byte[] junk : new byte[][]{"hello daemon".getBytes(StandardCharsets.UTF_8), {'R', 0x7f, 0, 0, 0}, {'R', 0, 0, 0, 4, 0, 0, 0, 9}}) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap(junk));
                InputStream in = Channels.newInputStream(ch);
                assertEquals('F', in.read(), "a FAILED frame");
                int length = ByteBuffer.wrap(in.readNBytes(4)).getInt();
                String message = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                assertTrue(message.startsWith("bad request: "), message);
            }
        }
        Run next = viaDaemon("", "run", "hello.js", "--connect", server.url());
        assertEquals("value=42 add=7\n", next.out());
        assertFalse(statuses().isEmpty());
    }
}
