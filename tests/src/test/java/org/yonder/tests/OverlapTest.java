package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
}
