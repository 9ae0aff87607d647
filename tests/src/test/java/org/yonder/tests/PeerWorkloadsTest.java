package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/**
 * The round trips of the peer workloads W1-W5 (../shared/peers/WORKLOADS.md), each written as the bench client writes
 * it, against the bench's own server object ({@code bench/src/main/resources/bench/svc.js}) in a separate process.
 * Counted by the sessions on both ends, so they do not depend on timing.
 */
class PeerWorkloadsTest {
    static ServerProcess server;
    static Context client;

    @BeforeAll
    static void start() throws Exception {
        server = Yonder.serverFile(Path.of("..", "bench", "src", "main", "resources", "bench", "svc.js"));
        client = Yonder.client(server.url());
        Yonder.js(client, """
                        var svc = Polyglot.import('svc');
                        var conn = Polyglot.eval('yonder', '%s');
                        // [client-to-server round trips, server-to-client round trips (callbacks)]
                        var cost = op => {
                          const a = conn.stats();
                          op();
                          const b = conn.stats();
                          return [b.roundTrips - a.roundTrips, b.requestsServed - a.requestsServed];
                        };
                        """.formatted(server.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private static void assertCost(String op, int toServer, int callbacks) {
        for (int i = 0; i < 3; i++) {
            // The same operation again (warm): the cost must not drift (no lazy extra fetches, no cache misses).
            Value cost = Yonder.js(client, "cost(() => { " + op + " })");
            assertEquals(toServer, cost.getArrayElement(0).asLong(), op + ": round trips to the server, run " + i);
            assertEquals(callbacks, cost.getArrayElement(1).asLong(), op + ": callbacks from the server, run " + i);
        }
    }

    @Test
    void w1NullCallIsOneRoundTrip() {
        assertCost("svc.noop()", 1, 0);
    }

    @Test
    void w2AttributeReadIsOneRoundTrip() {
        assertCost("if (svc.value !== 42) throw new Error('W2')", 1, 0);
    }

    @Test
    void w3CallWithAListAndAnObjectIsOneRoundTripInAll() {
        assertCost("if (svc.add(1, [1, 2, 3], {}) !== 7) throw new Error('W3')", 1, 0);
    }

    @Test
    void w4SummingTenThousandRemoteIntsTheNaturalWayIsThreeRoundTrips() {
        // svc.data, its size, and one batched download of its elements; each element is then read locally.
        assertCost("const data = svc.data; let s = 0; for (const x of data) s += x; if (s !== 49995000) throw new Error('W4 ' + s)", 3, 0);
    }

    @Test
    void w5HundredCallbacksAreOneRoundTripAndAHundredBack() {
        assertCost("if (svc.call_back(i => i, 100) !== 100) throw new Error('W5')", 1, 100);
    }
}
