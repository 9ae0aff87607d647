package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msgpack.value.ArrayValue;
import org.yonder.launcher.ServerProcess;

/**
 * A hostile leaf's Multiplex traffic, sent raw to a hub (servers/hub.js): a SHOUT to an object that is not
 * multiplexed, a SHOUT without a name, malformed multiplexed REPLICA values and NEW_MULTIPLEXED values each close that
 * peer's session with a PROTOCOL_ERROR naming the problem; a SHOUT to an id it was never given is ignored; and the hub
 * goes on serving a well-behaved leaf meanwhile. A well-formed SHOUT comes back to the raw peer with its number.
 */
class MultiplexAttackTest {
    private static final int INVOKE_MEMBER = 19;
    private static final int SHOUT = 13;
    private static final int REF = 1;
    private static final int REPLICA = 16;
    private static final int NEW_MULTIPLEXED = 18;
    static ServerProcess hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = Yonder.server("hub.js");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    /** The raw peer's export id of the hub's multiplexed counter {@code name}, read from the REPLICA it gets. */
    private static long counter(RawPeer raw, String name) throws Exception {
        raw.send(RawPeer.LOOKUP_ROOT, 2, 0, "hub");
        ArrayValue api = raw.answer(2);
        long apiId = api.get(3).asArrayValue().get(0).asArrayValue().get(1).asIntegerValue().asLong();
        raw.send(INVOKE_MEMBER, 3, apiId, "named", name, "test.Counter");
        ArrayValue reply = raw.answer(3);
        ArrayValue replica = reply.get(3).asArrayValue().get(0).asArrayValue();
        assertEquals(REPLICA, replica.get(0).asIntegerValue().asInt(), "a multiplexed object travels as a REPLICA: " + reply);
        assertEquals(5, replica.get(4).asIntegerValue().asInt(), "of kind 5: " + reply);
        assertEquals("test.Counter", replica.get(5).asStringValue().asString(), "with its copy tag");
        return replica.get(1).asArrayValue().get(1).asIntegerValue().asLong();
    }

    @Test
    void aWellFormedShoutComesBackNumberedAndAShoutToAnIdNeverGivenIsIgnored() throws Exception {
        try (RawPeer raw = new RawPeer(hub.url())) {
            long id = counter(raw, "raw-ok");
            raw.send(SHOUT, 424242, 0, "add", "stray", 1);   // nothing of this peer's: ignored
            raw.send(SHOUT, id, 0, "add", "raw", 1);
            while (true) {
                ArrayValue f = raw.read();
                if (f.get(0).asIntegerValue().asInt() == SHOUT) {
                    assertEquals(id, f.get(1).asIntegerValue().asLong(), "the hub's id of the object");
                    assertTrue(f.get(2).asIntegerValue().asLong() >= 1, "a sequence number: " + f);
                    assertEquals("[\"add\",\"raw\",1]", f.get(3).toString(), "the stray shout went nowhere; this one came back");
                    break;
                }
            }
        }
    }

    @Test
    void malformedShoutsAndMultiplexedValuesCloseTheSessionWithAProtocolErrorNamingTheProblem() throws Exception {
        try (Context watcher = Context.newBuilder().allowAllAccess(true).build()) {
            Value api = watcher.eval("yonder", hub.url() + "/hub");
            List<Object[]> attacks = List.of(
                            // {kind, values..., expected}: "root" shouts at the hub's plain API object; "counter" at a counter
                            new Object[]{"root", new Object[]{"add", 1}, "which is not multiplexed"},
                            new Object[]{"counter", new Object[]{}, "SHOUT carries the name of the shout"},
                            new Object[]{"counter", new Object[]{7, 1}, "SHOUT carries the name of the shout"},
                            new Object[]{"counter", new Object[]{"x".repeat(201)}, "SHOUT carries the name of the shout"},
                            new Object[]{"counter", new Object[]{"add", new Object[]{NEW_MULTIPLEXED, 5}}, "NEW_MULTIPLEXED needs a copy tag"},
                            new Object[]{"counter", new Object[]{"add", new Object[]{NEW_MULTIPLEXED, "t", "odd"}}, "NEW_MULTIPLEXED needs a copy tag"},
                            new Object[]{"counter", new Object[]{"add", new Object[]{NEW_MULTIPLEXED, "t", 5, 1}}, "a NEW_MULTIPLEXED member name is not a string"},
                            new Object[]{"counter", new Object[]{"add", new Object[]{NEW_MULTIPLEXED, "bad\u0001tag", "a", 1}}, "a copy tag is 1 to 200 characters"},
                            new Object[]{"counter", new Object[]{"add", new Object[]{REPLICA, new Object[]{REF, 1, 0, new Object[]{1, null, null, null, null}}, 7, 0, 5, 9, 0}},
                                "a multiplexed REPLICA's copy tag is not a string"},
                            new Object[]{"counter", new Object[]{"add", new Object[]{REPLICA, new Object[]{REF, 1, 0, new Object[]{1, null, null, null, null}}, 7, 0, 5, "t", "seq"}},
                                "a multiplexed REPLICA's sequence number is not an integer"});
            for (Object[] a : attacks) {
                try (RawPeer raw = new RawPeer(hub.url())) {
                    long target;
                    if (a[0].equals("root")) {
                        raw.send(RawPeer.LOOKUP_ROOT, 2, 0, "hub");
                        target = raw.answer(2).get(3).asArrayValue().get(0).asArrayValue().get(1).asIntegerValue().asLong();
                    } else {
                        target = counter(raw, "attacked");
                    }
                    raw.send(SHOUT, target, 0, (Object[]) a[1]);
                    String error = raw.protocolError();
                    assertTrue(error.contains((String) a[2]), "expected '" + a[2] + "' in: " + error);
                    assertEquals(-1, raw.in.read(), "the hub closed the connection after its PROTOCOL_ERROR");
                }
                assertTrue(api.invokeMember("sessions").asInt() >= 1, "the well-behaved peer is still answered after: " + a[2]);
            }
        }
    }

    /**
     * A ProtocolFuzzTest finding: a NEW_MULTIPLEXED argument sent to a server that never held a cacheable object made
     * its reader fail with a NullPointerException ("internal error in the reader"). The server now holds it as a
     * multiplexed object of its own, as a hub does, and answers the call.
     */
    @Test
    void aNewMultiplexedArgumentToAServerThatHeldNoCacheableObjectIsAnsweredNormally() throws Exception {
        try (ServerProcess plain = Yonder.server("svc.js"); RawPeer raw = new RawPeer(plain.url())) {
            long svc = raw.svc();
            raw.send(INVOKE_MEMBER, 3, svc, "noop", new Object[]{NEW_MULTIPLEXED, "set"});
            ArrayValue answer = raw.answer(3);
            assertEquals(RawPeer.REPLY, answer.get(0).asIntegerValue().asInt(), answer.toString());
            raw.send(INVOKE_MEMBER, 4, svc, "noop", new Object[]{NEW_MULTIPLEXED, "set", "a", 1});
            assertEquals(RawPeer.REPLY, raw.answer(4).get(0).asIntegerValue().asInt(), "and again, with a member");
            assertTrue(plain.output().stream().noneMatch(l -> l.contains("internal error") || l.contains("NullPointerException")),
                            String.join("\n", plain.output()));
        }
    }
}
