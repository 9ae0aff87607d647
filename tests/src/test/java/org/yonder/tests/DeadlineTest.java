package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * Deadlines: a call that gets no answer in time fails on the caller with a timeout error that names the deadline; the
 * late answer is dropped when it comes and the session goes on. {@code yonder.CallTimeout} sets one for every call,
 * {@code Polyglot.eval('yonder', 'deadline')(ms, fn)} for the calls {@code fn} makes, callbacks it serves included.
 */
class DeadlineTest extends SvcServer {
    @Test
    void aCallPastTheCallTimeoutFailsAndTheSessionGoesOn() {
        try (Context other = Yonder.client(server.url())) {
            Yonder.js(other, "Polyglot.import('svc').identity(0)");   // the server is done with other tests' slow calls
        }
        try (Context client = Yonder.clientWith("yonder.Connect", server.url(), "yonder.CallTimeout", "300")) {
            client.initialize("yonder");   // binds the server's roots
            String r = Yonder.js(client, """
                            var svc = Polyglot.import('svc');
                            var t0 = Date.now();
                            var message;
                            try { svc.sleep(2000); message = 'answered'; } catch (e) { message = e.message; }
                            [Date.now() - t0, message].join('|')""").asString();
            long millis = Long.parseLong(r.substring(0, r.indexOf('|')));
            assertTrue(r.contains("within its deadline (yonder.CallTimeout of 300 ms)"), r);
            assertTrue(millis >= 290 && millis < 1_500, "failed after " + millis + " ms");
            assertEquals(5, Yonder.js(client, "Polyglot.eval('yonder', 'deadline')(10000, () => svc.identity(5))").asInt(),
                            "the session goes on (a deadline of the caller's replaces the default while the server ends its sleep); the late answer was dropped");
            assertEquals(1, Yonder.js(client, "Polyglot.eval('yonder', 'stats').callsAbandoned").asInt());
            assertEquals(0, Yonder.js(client, "Polyglot.eval('yonder', 'stats').pendingCalls").asInt());
        }
    }

    @Test
    void aDeadlineBoundsTheCallsOfOneFunctionOnly() {
        try (Context client = Yonder.client(server.url())) {
            String r = Yonder.js(client, """
                            var svc = Polyglot.import('svc');
                            var deadline = Polyglot.eval('yonder', 'deadline');
                            var out = [];
                            try { deadline(200, () => svc.sleep(1000)); out.push('answered'); } catch (e) { out.push(e.message.includes("a deadline of the caller's")); }
                            out.push(deadline(5000, () => svc.sleep(50)));   // within it
                            out.push(svc.sleep(300));                         // no deadline outside
                            out.join()""").asString();
            assertEquals("true,50,300", r);
        }
    }

    /**
     * The deadline fires inside a callback chain: the client's call waits for the server, which calls the client back,
     * whose callback calls the server again and waits there. The nested call fails at the deadline, the callback
     * throws, the outer call fails too; when the server's work ends, both sides have no call left pending.
     */
    @Test
    void aDeadlineInsideANestedCallbackChainLeavesNothingPendingOnEitherSide() throws Exception {
        try (Context client = Yonder.client(server.url())) {
            String r = Yonder.js(client, """
                            var svc = Polyglot.import('svc');
                            var t0 = Date.now();
                            var outcome;
                            try {
                              Polyglot.eval('yonder', 'deadline')(300, () => svc.pingPong((n) => svc.sleep(1500), 3));
                              outcome = 'answered';
                            } catch (e) { outcome = e.message.includes('within its deadline'); }
                            [Date.now() - t0, outcome].join('|')""").asString();
            long millis = Long.parseLong(r.substring(0, r.indexOf('|')));
            assertEquals("true", r.substring(r.indexOf('|') + 1), r);
            assertTrue(millis < 1_400, "the caller gave up at its deadline, not when the server was done: " + millis + " ms");
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline
                            && (Yonder.js(client, "svc.pendingCalls()").asInt() != 0 || Yonder.js(client, "Polyglot.eval('yonder', 'stats').pendingCalls").asInt() != 0)) {
                Thread.sleep(50);
            }
            assertEquals(0, Yonder.js(client, "svc.pendingCalls()").asInt(), "the server waits on no callback");
            assertEquals(0, Yonder.js(client, "Polyglot.eval('yonder', 'stats').pendingCalls").asInt(), "the client waits on no call");
            assertEquals(7, Yonder.js(client, "svc.identity(7)").asInt());
        }
    }

    /**
     * The caller's deadline travels with its request: the owner's wait for the caller's callback ends with it, although
     * the callback itself takes 2 s (before, the owner waited the whole 2 s).
     */
    @Test
    void theCallersDeadlineTravelsToTheOwnerAndEndsItsWaitForACallback() {
        try (Context client = Yonder.client(server.url())) {
            String r = Yonder.js(client, """
                            var svc = Polyglot.import('svc');
                            var r;
                            try {
                              r = Polyglot.eval('yonder', 'deadline')(500, () => svc.waitOnCallback(() => { java.lang.Thread.sleep(2000); return 1; }));
                            } catch (e) { r = 'caller: ' + e.message; }
                            r""").asString();
            String owner = Yonder.js(client, "svc.lastWait()").asString();
            assertTrue(owner.startsWith("gave up after ") && owner.contains("a deadline of the caller's"), owner);
            long after = Long.parseLong(owner.substring("gave up after ".length(), owner.indexOf(':')));
            assertTrue(after >= 400 && after < 1_500, "the owner waited " + after + " ms for a callback under a 500 ms deadline");
            assertTrue(r.contains("gave up after") || r.contains("deadline"), r);
            assertEquals(0, Yonder.js(client, "svc.pendingCalls()").asInt(), "nothing left pending on the owner");
            assertEquals(0, Yonder.js(client, "Polyglot.eval('yonder', 'stats').pendingCalls").asInt(), "nor on the caller");
        }
    }

    /**
     * Cancelling an async call tells the owner: its wait for the caller's callback ends at once, the caller's promise
     * rejects with a clear error, and neither side is left with a pending call.
     */
    @Test
    void cancellingAnAsyncCallEndsTheOwnersWaitAndRejectsThePromise() {
        try (Context client = Yonder.client(server.url())) {
            Yonder.js(client, """
                            var svc = Polyglot.import('svc');
                            var received = () => Polyglot.eval('yonder', 'stats').framesReceived;
                            var before = received();
                            var p = Polyglot.eval('yonder', 'async')(svc, 'waitOnCallback')(() => 'cb ran');
                            // The owner waits for this callback once its request has come (it waits in our inbox): the
                            // session's reader thread counts the frame. At least 500 ms, however loaded the machine.
                            var since = Date.now();
                            while (received() === before || Date.now() - since < 500) java.lang.Thread.sleep(10);
                            p.cancel();
                            var out = 'pending';
                            p.catch((e) => { out = e.message; });""");
            client.eval("yonder", "loop");   // serves the callback (its answer is dropped by the owner) and runs the jobs
            String out = Yonder.js(client, "out").asString();
            assertTrue(out.contains("cancelled by its caller"), out);
            String owner = Yonder.js(client, "svc.lastWait()").asString();
            assertTrue(owner.startsWith("gave up after ") && owner.contains("cancelled it"), owner);
            assertEquals(0, Yonder.js(client, "svc.pendingCalls()").asInt(), "nothing left pending on the owner");
            assertEquals(0, Yonder.js(client, "Polyglot.eval('yonder', 'stats').pendingCalls").asInt(), "nor on the caller");
        }
    }
}
