package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ChildJvm;
import org.yonder.launcher.ServerProcess;

/**
 * A JS server serves overlapping requests of several clients without one holding up another: a request that waits for
 * its caller's callback leaves the context to the others' requests (session/Turns.java), so each answer leaves as soon
 * as its own callbacks are done.
 */
class OverlapTest {
    static ServerProcess server;
    static ServerProcess python;

    @BeforeAll
    static void start() throws IOException {
        server = Yonder.server("overlap.js");
        python = Yonder.server("overlap.py");
    }

    @AfterAll
    static void stop() {
        server.close();
        python.close();
    }

    /** A client whose callback sleeps {@code ms} on its own thread and then answers {@code answer}. */
    private static Context clientWithSlowCallback(ServerProcess of, long ms, String answer) {
        Context c = Yonder.client(of.url());
        Yonder.js(c, "var overlap = Polyglot.import('overlap'); overlap.echo(0);"
                        + "var slow = (tag) => { java.lang.Thread.sleep(" + ms + "); return '" + answer + "'; };");
        return c;
    }

    private static CompletableFuture<String> callInThread(Context c, long[] tookMillis) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                String r = Yonder.js(c, "overlap.viaCallback(slow, 'x')").asString();
                tookMillis[0] = (System.nanoTime() - t0) / 1_000_000;
                result.complete(r);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return result;
    }

    @Test
    void aCallWithA1sCallbackReturnsAfterAbout1sWhileAnotherClientsRequestWaits10sOnItsOwnCallback() throws Exception {
        oneSecondBesideTen(server);
    }

    @Test
    void onAPythonServerToo() throws Exception {
        oneSecondBesideTen(python);
    }

    private static void oneSecondBesideTen(ServerProcess server) throws Exception {
        try (Context a = clientWithSlowCallback(server, 1_000, "a"); Context b = clientWithSlowCallback(server, 10_000, "b")) {
            long[] tookA = new long[1];
            long[] tookB = new long[1];
            CompletableFuture<String> callA = callInThread(a, tookA);
            Thread.sleep(200);   // A's request is inside its callback now
            CompletableFuture<String> callB = callInThread(b, tookB);   // arrives meanwhile; its callback takes 10 s
            assertEquals("x:a", callA.get(30, TimeUnit.SECONDS));
            System.out.println("[OverlapTest] A's call with a 1 s callback took " + tookA[0] + " ms while B's request waited on its 10 s callback");
            assertTrue(tookA[0] >= 1_000 && tookA[0] < 5_000, "A's call took " + tookA[0] + " ms; server said " + server.output());
            assertTrue(!callB.isDone(), "B's call is still waiting on its own callback");
            assertEquals("x:b", callB.get(30, TimeUnit.SECONDS));
            System.out.println("[OverlapTest] B's call with a 10 s callback took " + tookB[0] + " ms");
            assertTrue(tookB[0] >= 10_000 && tookB[0] < 20_000, "B's call took " + tookB[0] + " ms");
        }
    }

    @Test
    void sixtyFourThreadsAndEightProcessesHammeringOneServerGetEachTheirOwnAnswers() throws Exception {
        Path script = Files.createTempDirectory("yonder-hammer").resolve("hammer.js");
        try (var in = OverlapTest.class.getResourceAsStream("/clients/hammer.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        long servedBefore;
        // 64 threads of one JVM share one Java client context and its one connection: each call carries a value of its
        // thread's own and must get exactly that back; every tenth goes through a callback of the thread's own.
        try (Context c = Context.newBuilder().allowAllAccess(true).build()) {
            Value svc = c.eval("yonder", server.url() + "/overlap");
            servedBefore = svc.invokeMember("served").asLong();
            for (int p = 0; p < 8; p++) {
                List<String> cmd = ChildJvm.command("run", script.toString(), "--connect", server.url());
                cmd.add(1, "-Dhammer.id=" + p);
                cmd.add(1, "-Dhammer.calls=1000");
                Path out = Files.createTempFile("yonder-hammer", ".txt");
                outputs.add(out);
                processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start());
            }
            int threads = 64;
            int calls = 300;
            AtomicInteger ok = new AtomicInteger();
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int k = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < calls; i++) {
                        String v = "t" + k + "-" + i;
                        try {
                            String got;
                            String want;
                            if (i % 10 == 0) {
                                got = svc.invokeMember("viaCallback", (ProxyExecutable) a -> a[0].asString() + "/" + v, v).asString();
                                want = v + ":" + v + "/" + v;
                            } else {
                                got = svc.invokeMember("echo", v).asString();
                                want = v;
                            }
                            if (!want.equals(got)) {
                                wrong.add("thread " + k + " call " + i + " wanted " + want + " got " + got);
                            } else {
                                ok.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            wrong.add("thread " + k + " call " + i + " failed: " + e);
                        }
                    }
                });
                th.start();
                all.add(th);
            }
            for (Thread th : all) {
                th.join(300_000);
            }
            assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " calls went wrong");
            assertEquals(threads * calls, ok.get());
            for (int p = 0; p < processes.size(); p++) {
                assertTrue(processes.get(p).waitFor(300, TimeUnit.SECONDS), "hammer process " + p + " did not finish");
                String printed = Files.readString(outputs.get(p));
                assertEquals(0, processes.get(p).exitValue(), printed);
                assertTrue(printed.contains("hammer " + p + " ok 1000"), printed);
            }
            // Every call was served exactly once (the callbacks' own requests are the client's, not counted here).
            long served = svc.invokeMember("served").asLong() - servedBefore;
            assertEquals(threads * calls + 8 * 1000, served, "requests served");
            System.out.println("[OverlapTest] " + threads + " threads x " + calls + " calls and 8 processes x 1000 calls: every answer its own");
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
            }
        }
    }

    /** A Java server's service: one slow method, one quick one. */
    public static final class JavaService {
        public String sleep(int ms) throws InterruptedException {
            Thread.sleep(ms);
            return "slept " + ms;
        }

        public int echo(int x) {
            return x;
        }
    }

    @Test
    void whileAClientIsInsideA5sCallOfAJavaServerAnotherConnectsAndEachOfItsHundredCallsIsQuick() throws Exception {
        // The owner allows its host objects' requests to run beside each other (a Java program's own context, no JS).
        Context server = Context.newBuilder().allowAllAccess(true).option("yonder.Listen", "127.0.0.1:0").option("yonder.HostConcurrency", "true").build();
        try {
            server.getPolyglotBindings().putMember("java", new JavaService());
            String url = server.eval("yonder", "listener").getMember("url").asString();
            Thread serving = new Thread(() -> {
                try {
                    server.eval("yonder", "serve");
                } catch (org.graalvm.polyglot.PolyglotException e) {
                    // closed by the test
                }
            }, "java-server");
            serving.setDaemon(true);
            serving.start();
            try (Context a = Context.newBuilder().allowAllAccess(true).build()) {
                Value svcA = a.eval("yonder", url + "/java");
                assertEquals(1, svcA.invokeMember("echo", 1).asInt());
                CompletableFuture<String> slow = new CompletableFuture<>();
                long t0 = System.nanoTime();
                Thread callA = new Thread(() -> {
                    try {
                        slow.complete(svcA.invokeMember("sleep", 5_000).asString());
                    } catch (Throwable e) {
                        slow.completeExceptionally(e);
                    }
                });
                callA.setDaemon(true);
                callA.start();
                Thread.sleep(300);   // A is inside its 5 s call now
                long connect = System.nanoTime();
                long slowest = 0;
                try (Context b = Context.newBuilder().allowAllAccess(true).build()) {
                    Value svcB = b.eval("yonder", url + "/java");   // connects: handshake and root lookup
                    long connected = (System.nanoTime() - connect) / 1_000_000;
                    for (int i = 0; i < 100; i++) {
                        long c0 = System.nanoTime();
                        assertEquals(i, svcB.invokeMember("echo", i).asInt());
                        slowest = Math.max(slowest, (System.nanoTime() - c0) / 1_000_000);
                    }
                    assertTrue(!slow.isDone(), "A's call is still inside its 5 s");
                    System.out.println("[OverlapTest] during A's 5 s call, B connected in " + connected + " ms and its slowest of 100 calls took " + slowest + " ms");
                    assertTrue(connected < 2_000, "B's connect took " + connected + " ms");
                    assertTrue(slowest < 50, "B's slowest call took " + slowest + " ms");
                }
                assertEquals("slept 5000", slow.get(30, TimeUnit.SECONDS));
                long tookA = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(tookA >= 5_000 && tookA < 8_000, "A's call took " + tookA + " ms");
            }
        } finally {
            try {
                server.close(true);   // cancels the serving thread
            } catch (org.graalvm.polyglot.PolyglotException e) {
                // the cancellation itself
            }
        }
    }

    /**
     * Promise pipelining: a call on the answer-to-be of an async call is sent at once, so a chain of three calls costs
     * one round trip: all three requests leave before the first answer comes back (the client's pipelinedSent and the
     * server's pipelinedServed count them), and the chain's value is right. A failure of the first fails the rest.
     */
    @Test
    void aPipelinedChainOfThreeCallsSendsAllThreeBeforeTheFirstAnswerComesBack() {
        try (Context c = Yonder.client(server.url())) {
            Yonder.js(c, """
                            var overlap = Polyglot.import('overlap');
                            var open = Polyglot.eval('yonder', 'async')(overlap, 'open');
                            var stats = () => Polyglot.eval('yonder', 'stats');
                            var before = [stats().roundTrips, stats().pipelinedSent, overlap.pipelinedServed()];
                            var out = 'pending', failed = 'pending';
                            (async () => {
                              const t0 = Date.now();
                              const all = await open('f').call('reader').call('all');   // three requests, sent back to back
                              const sent = stats();
                              out = [all, sent.roundTrips - before[0] - 1, sent.pipelinedSent - before[1], JSON.stringify(Object.keys(sent).filter(k => /^[A-Z_]+$/.test(k)).map(k => k + '=' + sent[k]))].join('|');
                              try { await open('missing').call('read'); failed = 'no error'; } catch (e) { failed = e.message; }
                            })();""");
            c.eval("yonder", "loop");
            String[] r = Yonder.js(c, "out").asString().split("\\|");
            assertEquals("all of f", r[0]);
            assertEquals("3", r[1], "requests sent for the chain " + r[3]);
            assertEquals("2", r[2], "of which pipelined: sent before the answer they call on came back");
            assertEquals(2, Yonder.js(c, "overlap.pipelinedServed() - before[2]").asInt() - 1, "the server served two requests on its own answers (and one more for the failure)");
            String failed = Yonder.js(c, "failed").asString();
            assertTrue(failed.contains("pipelined on") && failed.contains("no file named missing"), failed);
        }
    }
}
