package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ChildJvm;
import org.yonder.launcher.ServerProcess;

/** The yonder command's public interface: the ready line, run's exit codes and error report, and the demo. */
class LauncherTest extends SvcServer {

    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        Path outFile = Files.createTempFile("yonder-out", ".txt");
        Path errFile = Files.createTempFile("yonder-err", ".txt");
        Process p = new ProcessBuilder(ChildJvm.command(args)).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "yonder " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
    }

    private static Path client(String name) throws IOException {
        Path file = Files.createTempDirectory("yonder-client").resolve(name);
        try (InputStream in = LauncherTest.class.getResourceAsStream("/clients/" + name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @Test
    void serveAnnouncesItselfWithExactlyOneReadyLine() {
        assertTrue(server.url().matches("yonder://127\\.0\\.0\\.1:\\d+"), server.url());
        assertFalse(server.output().stream().anyMatch(l -> l.contains("listening")), String.valueOf(server.output()));
        assertFalse(server.output().stream().anyMatch(l -> l.contains("warm-up")), "the default warm-up ran and failed: " + server.output());
    }

    @Test
    void serveWarmsUpForTheTimeItIsGivenBeforeItListens() throws Exception {
        Path script = Files.createTempDirectory("yonder-warmup").resolve("empty.js");
        Files.writeString(script, "Polyglot.export('n', 1);\n");
        long start = System.nanoTime();
        try (ServerProcess warmed = ServerProcess.start(script, "127.0.0.1:0", null, "", 60, "--warmup", "1.5")) {
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds >= 1.5, "ready after " + seconds + " s, before its warm-up of 1.5 s was over");
            assertEquals(List.of(), warmed.output(), "a warm-up that worked prints nothing");
            try (Context c = Yonder.client(warmed.url())) {
                assertEquals(1, c.eval("js", "Polyglot.import('n')").asInt(), "the served script's roots, and no warm-up object among them");
                assertEquals("[\"n\"]", c.eval("js", "JSON.stringify(Array.from(Polyglot.eval('yonder', '" + warmed.url() + "').roots()))").asString());
            }
        }
        Run bad = run("serve", script.toString(), "--warmup", "soon");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--warmup takes seconds from 0 to 60, not 'soon'"), bad.err());
    }

    /** A script that prints whether this JVM's C2 compilations block the thread that asks (the directive of --jit settle). */
    private static final String C2_BLOCKS = """
                    const server = Java.type('java.lang.management.ManagementFactory').getPlatformMBeanServer();
                    const name = new (Java.type('javax.management.ObjectName'))('com.sun.management:type=DiagnosticCommand');
                    const noArgs = Java.to([Java.to([], 'java.lang.String[]')], 'java.lang.Object[]');
                    const directives = String(server.invoke(name, 'compilerDirectivesPrint', noArgs, Java.to(['[Ljava.lang.String;'], 'java.lang.String[]')));
                    console.log('c2 blocks: ' + directives.includes('BackgroundCompilation:false'));
                    """;

    @Test
    void jitSettleMakesTheThreadThatNeedsCompiledCodeWaitForIt() throws Exception {
        Path dir = Files.createTempDirectory("yonder-jit");
        Path check = dir.resolve("check.js");
        Files.writeString(check, C2_BLOCKS + "\nfor (let i = 0; i < 20000; i++) globalThis.x = (globalThis.x | 0) + i;\nconsole.log('sum ' + globalThis.x);\n");
        Run settled = run("run", check.toString(), "--jit", "settle");
        assertEquals(0, settled.status(), settled.err());
        assertEquals("c2 blocks: true\nsum 199990000\n", settled.out(), "no line of the JVM's or Yonder's own on stdout");
        assertEquals("", settled.err(), "nor on stderr");
        Run background = run("run", check.toString(), "--jit=background");
        assertEquals("c2 blocks: false\nsum 199990000\n", background.out(), background.err());
        assertEquals("c2 blocks: false\nsum 199990000\n", run("run", check.toString()).out(), "background is the default");

        Path served = dir.resolve("served.js");
        Files.writeString(served, C2_BLOCKS + "\nPolyglot.export('svc', { twice: (n) => 2 * n });\n");
        try (ServerProcess settledServer = ServerProcess.start(served, "127.0.0.1:0", null, "", 180, "--jit", "settle", "--warmup", "0.5");   // warms up until compilation is quiet: about a minute here
                        Context c = Yonder.client(settledServer.url())) {
            assertEquals(List.of("c2 blocks: true"), settledServer.output());
            assertEquals(42, c.eval("js", "Polyglot.import('svc').twice(21)").asInt());
        }

        Run bad = run("run", check.toString(), "--jit", "soon");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--jit takes background or settle, not 'soon'"), bad.err());
    }

    @Test
    void runConnectsByUrlAndExitsWithZero() throws Exception {
        List<String> cmd = ChildJvm.command("run", client("ok.js").toString());
        cmd.add(cmd.indexOf("-cp"), "-Dyonder.test.url=" + server.url());
        Path out = Files.createTempFile("yonder-out", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(out));
        assertTrue(Files.readString(out).contains("value=42 add=7"), Files.readString(out));
    }

    @Test
    void rootsThatConnectBindsArePresentedForTheScriptsLanguage() throws Exception {
        // Before: Polyglot.import gave the raw remote object, a foreign one to JS (frozen, no Object.prototype).
        Path dir = Files.createTempDirectory("yonder-bind");
        Path js = dir.resolve("bound.js");
        Files.writeString(js, "const s = Polyglot.import('svc');\n"
                        + "console.log([Object.getPrototypeOf(s) === Object.prototype, Object.isFrozen(s), s.add(1, [1, 2], { x: 3 })].join(' '));\n");
        Run r = run("run", js.toString(), "--connect", server.url());
        assertEquals(0, r.status(), r.err());
        assertEquals("true false 4\n", r.out(), "a Python script's roots likewise: DifferentialPythonTest, probes py/bound.*");
        Run raw = run("run", js.toString(), "--connect", server.url(), "--yonder.BindFor=");
        assertEquals("false true 4\n", raw.out(), "an empty BindFor binds them raw: " + raw.err());
    }

    @Test
    void uncaughtRemoteErrorPrintsMessageAndRemoteStackAndExitsWithOne() throws Exception {
        Run r = run("run", client("uncaught.js").toString(), "--connect", server.url());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().contains("about to fail"));
        assertFalse(r.out().contains("not reached"));
        assertTrue(r.err().contains("Error: Error: nobody caught this"), r.err());
        assertTrue(r.err().contains("remote stack:"), r.err());
        assertTrue(r.err().matches("(?s).*at fail \\(svc\\.js:\\d+:\\d+\\).*"), r.err());
        assertTrue(r.err().matches("(?s).*local stack:.*uncaught\\.js.*"), r.err());
    }

    @Test
    void aLocalUncaughtErrorHasNoRemoteStack() throws Exception {
        Run r = run("run", client("local-error.js").toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("RangeError: a local one"), r.err());
        assertFalse(r.err().contains("remote stack:"), r.err());
        assertTrue(r.err().matches("(?s).*local stack:.*local-error\\.js.*"), r.err());
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertEquals(2, run("frobnicate").status());
        Run r = run("run", "/no/such/file.js");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("cannot read /no/such/file.js"), r.err());
        Run badOption = run("run", client("ok.js").toString(), "--nosuch.Option=1");
        assertEquals(1, badOption.status());
        assertTrue(badOption.err().contains("Could not find option with name nosuch.Option"), badOption.err());
    }

    @Test
    void demoRunsTheSeedsScenarioAcrossTwoProcesses() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = org.yonder.launcher.Main.run(new String[]{"demo"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err);
        assertTrue(text.contains("foo got a=1, a list summing to 6, and y said \"hello server, from the client\""), text);
        assertTrue(text.contains("cannot withdraw 500: the limit is 100"), text);
        assertTrue(text.contains("withdraw (server.js:"), text);
        assertTrue(text.contains("yonder demo: done"), text);
    }
}
