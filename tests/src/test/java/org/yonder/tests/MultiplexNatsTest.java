package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.NatsServer;
import org.yonder.launcher.ServerProcess;

/**
 * Multiplex on the NATS JetStream backbone (docs/multiplex-nats.md): MultiplexTest's order, late-joiner and chain tests,
 * with the hub started with {@code --yonder.Backbone}. The leaves follow the stream the hub's REPLICA names; the hub
 * pushes no SHOUT frame to any session. Starts its own {@code nats-server -js} on a free port; fails if it is missing.
 */
class MultiplexNatsTest {
    private static NatsServer nats;
    private static String url;

    @BeforeAll
    static void startNats() throws Exception {
        nats = NatsServer.start();   // fails, saying what to install, when nats-server is missing
        url = nats.url();
    }

    @AfterAll
    static void stopNats() {
        if (nats != null) {
            nats.close();
        }
    }

    private static String[] backbone() {
        return new String[]{"--yonder.Backbone=" + url};
    }

    /** Every shout went over NATS: the hub published each one and pushed no SHOUT frame to any session. */
    private static final MultiplexTest.HubCheck OVER_NATS = (hub, shouts) -> {
        Map<String, Long> s = MultiplexTest.hubStats(hub);
        assertEquals(shouts, s.get("published"), "every shout published on the backbone: " + s);
        assertEquals(shouts, s.get("sequenced"), s.toString());
        assertEquals(0L, s.get("pushed"), "no SHOUT frame from the hub to a session: " + s);
    };

    @Test
    void aThousandShoutsFromThreeLeafProcessesReachEveryLeafOnceInTheStreamsOrder() throws Exception {
        MultiplexTest.thousandShoutsInOneOrder(OVER_NATS, backbone());
    }

    @Test
    void aLateJoinerAfter500ShoutsReplaysFromItsSnapshotAndGetsTheNextShoutOnce() throws Exception {
        MultiplexTest.lateJoiner(OVER_NATS, backbone());
    }

    @Test
    void aChainHubRepeaterRepeaterKeepsTheStreamsOrderForLeavesAtEveryLevel() throws Exception {
        MultiplexTest.chainKeepsTheOrder(OVER_NATS, backbone());
    }

    @Test
    void aPeerThatConnectedHereCannotChooseTheBackboneThisSideConnectsTo() throws Exception {
        // The client is a hub on the backbone and hands its object to a server with no yonder.Backbone of its own.
        try (ServerProcess server = Yonder.server("hub.js");
                        Context c = Yonder.clientWith("yonder.Backbone", url)) {
            c.initialize("yonder");
            c.eval("js", "globalThis.mine = Polyglot.eval('yonder', 'multiplex')('test.Counter', { count: 0, last: '' })");
            c.getBindings("js").putMember("server", c.eval("yonder", server.url() + "/hub"));
            c.eval("js", "server.arrive(mine); server.arrived(mine)");
            String refused = "a peer that connected here named the NATS backbone " + url + "; this side follows one only with its own yonder.Backbone";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.output().stream().noneMatch(l -> l.contains(refused))) {
                assertTrue(System.nanoTime() < until, "the server says it does not follow the client's backbone:\n" + String.join("\n", server.output()));
                Thread.sleep(20);
            }
        }
    }

    @Test
    void aShoutWhoseArgumentIsAReferenceSaysTheBackboneCarriesValuesOnly() throws Exception {
        try (ServerProcess hub = Yonder.server("hub.js", backbone()); Context c = Yonder.client(hub.url())) {
            c.eval("js", """
                            globalThis.got = [];
                            Polyglot.eval('yonder', 'leaf')('test.Counter', class Counter { remote_add(from, i) { got.push(from + ':' + i); } });
                            globalThis.counter = Polyglot.import('hub').named('refs', 'test.Counter');
                            """);
            String error = c.eval("js", "try { counter.shout_add({ an: 'object' }, 0); 'no error' } catch (e) { String(e.message) }").asString();
            assertTrue(error.contains("values by copy only") && error.contains("embedded hub"), error);
            c.eval("js", "counter.shout_add('v', 1)");
            MultiplexTest.pollUntil(c, () -> c.eval("js", "got.length").asInt() == 1, "the shout of values");
            assertEquals("v:1", c.eval("js", "got[0]").asString());
        }
    }
}
