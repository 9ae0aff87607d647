package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/** Requests of several clients to one server interleave; no lock is held across a round trip. */
class ConcurrentClientsTest {
    private static <T> CompletableFuture<T> onThread(Supplier<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(body.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return f;
    }

    @Test
    void aSecondClientIsServedWhileTheServerWaitsForTheFirstClientsCallback() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js"); Context a = Yonder.client(server.url()); Context b = Yonder.client(server.url())) {
            CountDownLatch bDone = new CountDownLatch(1);
            CountDownLatch aInCallback = new CountDownLatch(1);
            a.getPolyglotBindings().putMember("waitForB", (ProxyExecutable) args -> {
                aInCallback.countDown();
                try {
                    return bDone.await(20, TimeUnit.SECONDS) ? "b was served meanwhile" : "b was not served";
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            CompletableFuture<String> aResult = onThread(() -> Yonder.js(a, """
                            const svc = Polyglot.import('svc');
                            let said;
                            svc.callBack(i => { said = Polyglot.import('waitForB')(); }, 1);
                            said""").asString());
            aInCallback.await(20, TimeUnit.SECONDS);
            CompletableFuture<Integer> bResult = onThread(() -> {
                int r = Yonder.js(b, "Polyglot.import('svc').add(1, [1, 2, 3], {})").asInt();
                bDone.countDown();
                return r;
            });
            assertEquals(7, bResult.get(20, TimeUnit.SECONDS));
            assertEquals("b was served meanwhile", aResult.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void manyInterleavedCallsFromTwoClientsAllGetTheirOwnAnswers() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js"); Context a = Yonder.client(server.url()); Context b = Yonder.client(server.url())) {
            String loop = """
                            const svc = Polyglot.import('svc');
                            let ok = 0;
                            for (let k = 0; k < 200; k++) {
                              let got = [];
                              svc.callBack(i => got.push(i + %d), 3);
                              if (got.join() === [0, 1, 2].map(i => i + %d).join() && svc.add(k, [%d], {}) === k + %d) ok++;
                            }
                            ok""";
            CompletableFuture<Integer> ra = onThread(() -> Yonder.js(a, loop.formatted(100, 100, 1, 1)).asInt());
            CompletableFuture<Integer> rb = onThread(() -> Yonder.js(b, loop.formatted(200, 200, 2, 2)).asInt());
            assertEquals(200, ra.get(60, TimeUnit.SECONDS));
            assertEquals(200, rb.get(60, TimeUnit.SECONDS));
            assertEquals(2L, Yonder.js(a, "Polyglot.import('svc').sessionCount()").asLong(), "the server holds one session per client");
        }
    }

    /**
     * Two clients that call back to back: the server's serving thread reads both connections itself, as it reads an
     * only client's, so their requests are not each read by a session's reader thread and handed over (a thread
     * hand-off per request, which held two clients to one client's rate). The count of hand-offs does not depend on
     * timing as long as each client's next call comes within a millisecond; the bound leaves room for a slow start.
     */
    @Test
    void twoClientsCallingBackToBackAreReadByTheServingThreadWithoutHandOffs() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js"); Context a = Yonder.client(server.url()); Context b = Yonder.client(server.url())) {
            String loop = """
                            const svc = Polyglot.import('svc');
                            let sum = 0;
                            for (let k = 0; k < 5000; k++) sum += svc.add(k, [], {});
                            sum""";
            Yonder.js(a, "Polyglot.import('svc').noop()");
            Yonder.js(b, "Polyglot.import('svc').noop()");
            long[] before = framesRead(a);
            CompletableFuture<Long> ra = onThread(() -> Yonder.js(a, loop).asLong());
            CompletableFuture<Long> rb = onThread(() -> Yonder.js(b, loop).asLong());
            assertEquals(5000L * 4999 / 2, ra.get(120, TimeUnit.SECONDS));
            assertEquals(5000L * 4999 / 2, rb.get(120, TimeUnit.SECONDS));
            long[] after = framesRead(a);
            long read = after[0] - before[0];
            long handedOff = after[1] - before[1];
            assertTrue(read >= 10_000, "the server read the 10,000 requests: " + read);
            assertTrue(handedOff < read / 4, handedOff + " of " + read + " frames were read by reader threads and handed to the serving thread");
        }
    }

    private static long[] framesRead(Context c) {
        org.graalvm.polyglot.Value v = Yonder.js(c, "Polyglot.import('svc').framesRead()");
        return new long[]{v.getArrayElement(0).asLong(), v.getArrayElement(1).asLong()};
    }
}
