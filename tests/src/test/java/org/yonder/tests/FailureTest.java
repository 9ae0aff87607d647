package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/** A dead peer fails pending calls at once with a clear error; nothing hangs. */
class FailureTest {
    @Test
    void cancellingTheClientEndsAWaitForASlowCallPromptly() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js")) {
            Context client = Yonder.client(server.url());
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    // The waiting thread reads the socket itself; the cancel must still reach it.
                    Yonder.js(client, "Polyglot.import('svc').sleep(20000)");
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            caller.start();
            Thread.sleep(1000);
            long cancelled = System.nanoTime();
            client.close(true);
            Throwable t = outcome.get(5, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - cancelled) / 1_000_000;
            assertTrue(t instanceof PolyglotException p && p.isCancelled(), "the call ended by the cancel: " + t);
            assertTrue(millis < 2000, "cancelled after " + millis + " ms");
        }
    }

    @Test
    void killingTheServerFailsAPendingCallWithinTwoSeconds() throws Exception {
        ServerProcess server = Yonder.server("svc.js");
        Context client = Yonder.client(server.url());
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.complete(Yonder.js(client, """
                                const svc = Polyglot.import('svc');
                                try { svc.sleep(30000); 'the call returned' } catch (e) { 'caught: ' + e.message }""").asString());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        caller.start();
        Thread.sleep(1500);
        assertTrue(server.isAlive());
        long killed = System.nanoTime();
        server.kill();
        String message = outcome.get(2, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(message.startsWith("caught: yonder: peer disconnected"), message);
        assertTrue(millis < 2000, "failed after " + millis + " ms");
        caller.join();
        String again = Yonder.js(client, "try { Polyglot.import('svc').noop(); 'ok' } catch (e) { e.message }").asString();
        assertTrue(again.contains("peer disconnected"), "later calls fail at once too: " + again);
        client.close();
    }

    @Test
    void aFrozenServerIsDetectedByTheHeartbeat() throws Exception {
        ServerProcess server = Yonder.server("svc.js");
        try (Context client = Context.newBuilder().allowAllAccess(true).option("yonder.Heartbeat", "300").build()) {
            Value svc = client.eval("yonder", server.url() + "/svc");
            assertEquals(42, svc.getMember("value").asInt());
            Thread.sleep(1000);
            assertEquals(42, svc.getMember("value").asInt(), "an idle connection stays up: both sides ping");
            signal("STOP", server.pid());
            long stopped = System.nanoTime();
            PolyglotException e = assertThrows(PolyglotException.class, () -> svc.invokeMember("noop"));
            long millis = (System.nanoTime() - stopped) / 1_000_000;
            assertTrue(e.getMessage().contains("peer disconnected") && e.getMessage().contains("heartbeat"), e.getMessage());
            assertTrue(millis < 2000, "detected after " + millis + " ms");
        } finally {
            signal("CONT", server.pid());
            server.kill();
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
    }

    @Test
    void javaClientSeesADisconnectAsAPolyglotException() throws Exception {
        ServerProcess server = Yonder.server("svc.js");
        try (Context client = Context.newBuilder().allowAllAccess(true).build()) {
            Value svc = client.eval("yonder", server.url() + "/svc");
            assertEquals(42, svc.getMember("value").asInt());
            server.kill();
            PolyglotException e = assertThrows(PolyglotException.class, () -> svc.invokeMember("noop"));
            assertTrue(e.getMessage().contains("peer disconnected"), e.getMessage());
            assertTrue(e.isGuestException());
        }
    }

    @Test
    void aRemoteExceptionStaysReadableAfterThePeerIsGone() throws Exception {
        ServerProcess server = Yonder.server("svc.js");
        try (Context client = Context.newBuilder().allowAllAccess(true).build()) {
            Value svc = client.eval("yonder", server.url() + "/svc");
            PolyglotException e = assertThrows(PolyglotException.class, () -> svc.invokeMember("failDeep", "post mortem"));
            server.kill();
            assertEquals("TypeError: post mortem", e.getMessage(), "the message travelled with the exception");
            Value frames = client.eval("yonder", "stackOf").execute(e.getGuestObject());
            assertTrue(frames.toString().contains("inner (svc.js:") && frames.toString().contains("failDeep (svc.js:"), frames.toString());
        }
    }

    @Test
    void connectingToNothingSaysSo() {
        try (Context client = Context.newBuilder().allowAllAccess(true).build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> client.eval("yonder", "yonder://127.0.0.1:1/svc"));
            assertTrue(e.getMessage().contains("cannot connect to yonder://127.0.0.1:1"), e.getMessage());
            PolyglotException bad = assertThrows(PolyglotException.class, () -> client.eval("yonder", "http://example.com"));
            assertTrue(bad.getMessage().contains("cannot parse"), bad.getMessage());
        }
    }

    @Test
    void unknownRootIsAClearError() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js"); Context client = Context.newBuilder().allowAllAccess(true).build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> client.eval("yonder", server.url() + "/nothing"));
            assertTrue(e.getMessage().contains("no root named 'nothing'"), e.getMessage());
            assertEquals(42, client.eval("yonder", server.url() + "/svc").getMember("value").asInt(), "the connection is still good");
        }
    }
}
