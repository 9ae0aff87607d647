package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.value.ArrayValue;

/**
 * A hostile peer's replica traffic, sent raw: malformed UPDATE frames and malformed REPLICA values in a request's
 * arguments close that peer's session with a PROTOCOL_ERROR that names what is wrong, an UPDATE of nothing held is
 * ignored, and the server goes on serving a well-behaved client meanwhile.
 */
class ReplicaAttackTest extends ReplicasServer {
    private static final int HELLO = 1;
    private static final int LOOKUP_ROOT = 2;
    private static final int REPLY = 3;
    private static final int THROW = 4;
    private static final int PROTOCOL_ERROR = 6;
    private static final int UPDATE = 12;
    private static final int INVOKE_MEMBER = 19;
    private static final int REF = 1;
    private static final int HOME = 2;
    private static final int ABSENT = 7;
    private static final int REPLICA = 16;


    @Test
    void malformedUpdatesCloseTheSessionWithAProtocolErrorAndAnUpdateOfNoReplicaIsIgnored() throws Exception {
        try (Context watcher = Context.newBuilder().allowAllAccess(true).build()) {
            Value svc = watcher.eval("yonder", server.url() + "/svc");
            // Fewer than two values, or an incarnation or base counter that is not a number.
            for (Object[] values : List.of(new Object[]{}, new Object[]{1}, new Object[]{"one", 0}, new Object[]{1, "zero", "home", 3})) {
                try (RawPeer raw = new RawPeer(server.url())) {
                    raw.send(UPDATE, 1, 5, values);
                    String error = raw.protocolError();
                    assertTrue(error.contains("UPDATE carries an incarnation and a base counter first"), error);
                    assertEquals(-1, raw.in.read(), "the server closed the connection after its PROTOCOL_ERROR");
                }
                assertTrue(svc.invokeMember("seen").asString().contains("\"home\""), "the well-behaved client is still answered");
            }
            // A well-formed UPDATE of an object the server holds no replica of: ignored, and the session goes on.
            try (RawPeer raw = new RawPeer(server.url())) {
                raw.send(UPDATE, 999, 5, 1, 0, "home", 3);
                raw.send(LOOKUP_ROOT, 2, 0, "svc");
                ArrayValue answer = raw.answer(2);
                assertEquals(REPLY, answer.get(0).asIntegerValue().asInt(), "a request after the stray UPDATE is answered: " + answer);
            }
        }
    }

    @Test
    void malformedReplicaValuesInArgumentsCloseTheSessionWithAProtocolErrorNamingTheProblem() throws Exception {
        // Each REPLICA is the argument of svc.peek(replica, 'home'), the first reference this connection sends.
        Object[][] cases = {
            {new Object[]{REPLICA, ref(1), 7, 0, 2}, "a REPLICA of kind 2 with 0 items"},
            {new Object[]{REPLICA, ref(1), 7, 0, 0, "home"}, "a REPLICA of kind 0 with 1 items"},
            {new Object[]{REPLICA, ref(1), 7, 0, 0, 5, 1}, "a REPLICA member name is not a string"},
            {new Object[]{REPLICA, ref(1), 7, 0, 0, "home", new Object[]{ABSENT}}, "ABSENT inside a REPLICA"},
            {new Object[]{REPLICA, new Object[]{HOME, 1}, 7, 0, 0}, "a REPLICA's reference is not a REF"},
            {new Object[]{REPLICA, 5, 7, 0, 0}, "a REPLICA's reference is not a REF"},
            {new Object[]{REPLICA, ref(1), 7, 0}, "REPLICA needs a reference, an incarnation, a counter and a kind (length 4)"},
        };
        try (Context watcher = Context.newBuilder().allowAllAccess(true).build()) {
            Value svc = watcher.eval("yonder", server.url() + "/svc");
            for (Object[] c : cases) {
                try (RawPeer raw = new RawPeer(server.url())) {
                    raw.send(INVOKE_MEMBER, 3, raw.svc(), "peek", c[0], "home");
                    String error = raw.protocolError();
                    assertTrue(error.contains((String) c[1]), "expected '" + c[1] + "' in: " + error);
                    assertEquals(-1, raw.in.read(), "the server closed the connection after its PROTOCOL_ERROR");
                }
                assertTrue(svc.invokeMember("seen").asString().contains("\"home\""), "the well-behaved client is still answered after: " + c[1]);
            }
        }
    }

    @Test
    void aWellFormedReplicaInAnArgumentIsReadByTheServerFromItsStateWithNoRequestBack() throws Exception {
        try (RawPeer raw = new RawPeer(server.url())) {
            long svc = raw.svc();
            raw.send(INVOKE_MEMBER, 3, svc, "peek", new Object[]{REPLICA, ref(1), 7, 3, 0, "home", 41, "name", "raw"}, "home");
            assertEquals(41, raw.replyOnly(3), "the server read the member from the state that came with the reference");
            // The same object again (its shape known by now) at a newer version: the server's replica takes that state.
            raw.send(INVOKE_MEMBER, 4, svc, "peek", new Object[]{REPLICA, new Object[]{REF, 1, 0}, 7, 4, 0, "home", 42, "name", "raw"}, "home");
            assertEquals(42, raw.replyOnly(4));
        }
    }

    /** A reference to object {@code id} of the sender's, defining shape 0 (an object with members). */
    private static Object[] ref(long id) {
        return new Object[]{REF, id, 0, new Object[]{1, null, null, null, null}};
    }
}
