package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/**
 * One object reached through two sessions is one object: directly from its owner, and through a relay process that
 * forwards its own proxy. Identity goes by the owner's origin, which travels with references and survives forwarding.
 */
class CrossSessionIdentityTest {
    @Test
    void theSameObjectThroughTwoSessionsIsIdentical() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js");
                        ServerProcess relay = Yonder.server("relay.js", "--yonder.Connect=" + server.url());
                        Context client = Context.newBuilder().allowAllAccess(true).build()) {
            Value direct = client.eval("yonder", server.url() + "/svc");
            Value relayed = client.eval("yonder", relay.url() + "/svc");
            assertEquals(7, relayed.invokeMember("add", 1, new int[]{1, 2, 3}, new Object()).asInt(), "calls go through the relay");
            Value js = client.getBindings("js");
            js.putMember("direct", direct);
            js.putMember("relayed", relayed);
            assertTrue(client.eval("js", "direct === relayed").asBoolean());
            assertTrue(client.eval("js", "direct.items === relayed.items").asBoolean());
            assertFalse(client.eval("js", "direct.items === relayed").asBoolean());
            assertEquals(direct, relayed);
            assertEquals(direct.hashCode(), relayed.hashCode());
        }
    }

    @Test
    void aLocalObjectComingHomeThroughAThirdProcessIsTheOriginal() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js");
                        ServerProcess relay = Yonder.server("relay.js", "--yonder.Connect=" + server.url());
                        Context client = Context.newBuilder().allowAllAccess(true).build()) {
            Value js = client.getBindings("js");
            js.putMember("direct", client.eval("yonder", server.url() + "/svc"));
            js.putMember("relayed", client.eval("yonder", relay.url() + "/svc"));
            assertTrue(client.eval("js", "const y = { tag: 'mine' }; direct.hold(y); relayed.getHeld() === y").asBoolean(),
                            "y went to the server directly and came back through the relay: it is y itself");
        }
    }
}
