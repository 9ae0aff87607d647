package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * Callbacks that call back (ping-pong recursion between a client and the server) nest one waiting remote call per
 * level on each side's thread. Before, 1,000 levels overflowed a client JVM's stack inside class initialisation: an
 * uncatchable NoClassDefFoundError that broke that class for the JVM's life. Now a call past
 * {@code yonder.MaxCallDepth} (128) fails before it is sent, with an error the guest catches, and both sides go on.
 */
class CallDepthTest extends SvcServer {
    @Test
    void deepPingPongFailsWithACatchableErrorAndBothSidesGoOn() {
        try (Context client = Yonder.client(server.url())) {
            String r = Yonder.js(client, """
                            const svc = Polyglot.import('svc');
                            const cb = n => n === 0 ? 0 : 1 + svc.pingPong(cb, n - 1);
                            let message;
                            try { svc.pingPong(cb, 1000); message = 'no error'; } catch (e) { message = String(e.message); }
                            [message.includes('the limit yonder.MaxCallDepth'), svc.pingPong(cb, 50)].join(' ')""").asString();
            assertEquals("true 50", r, "the deep recursion fails with the limit's name; 50 levels still work");
        }
        try (Context again = Yonder.client(server.url())) {
            assertEquals(20, Yonder.js(again, "const svc = Polyglot.import('svc'); const cb = n => n === 0 ? 0 : 1 + svc.pingPong(cb, n - 1); svc.pingPong(cb, 20)").asInt(),
                            "a new client of the same JVM works (no class was broken)");
        }
        assertTrue(server.output().stream().noneMatch(l -> l.contains("StackOverflowError") || l.contains("NoClassDefFoundError")), String.join("\n", server.output()));
    }
}
