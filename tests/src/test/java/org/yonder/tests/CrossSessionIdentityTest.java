package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.yonder.launcher.ServerProcess;

/**
 * Identity across sessions. An object of this context's own that comes back through a third process is the original.
 * A third party's object reached through two sessions is two objects: identity agrees with where calls go, and a peer
 * cannot make its own object pass for another peer's by putting that peer's origin on its reference.
 */
class CrossSessionIdentityTest {
    @Test
    void aThirdPartysObjectThroughTwoSessionsIsTwoObjectsThatEachKeepTheirIdentity() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js");
                        ServerProcess relay = Yonder.server("relay.js", "--yonder.Connect=" + server.url());
                        Context client = Context.newBuilder().allowAllAccess(true).build()) {
            Value direct = client.eval("yonder", server.url() + "/svc");
            Value relayed = client.eval("yonder", relay.url() + "/svc");
            assertEquals(7, relayed.invokeMember("add", 1, new int[]{1, 2, 3}, new Object()).asInt(), "calls go through the relay");
            Value js = client.getBindings("js");
            js.putMember("direct", direct);
            js.putMember("relayed", relayed);
            assertFalse(client.eval("js", "direct === relayed").asBoolean(), "calls to one go to the server, to the other to the relay");
            assertFalse(client.eval("js", "direct.items === relayed.items").asBoolean());
            assertTrue(client.eval("js", "direct.items === direct.items && relayed.items === relayed.items").asBoolean(),
                            "within one session a member read twice is one object");
            assertNotEquals(direct, relayed);
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

    /**
     * A hostile peer reads another client's object off the server (learning its origin), then sends an object of its
     * own under that origin. Before origins were bound to sessions the server took the two for one object, so a
     * check such as {@code x === trusted} passed while calls on {@code x} went to the attacker. (The held object is
     * an array because remote arrays stay foreign on a JS owner, so {@code ===} asks interop's identity; presented
     * kinds are JS objects of their own, one per proxy.)
     */
    @Test
    void aPeerCannotPassItsOwnObjectOffAsAnotherPeers() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js");
                        Context honest = Yonder.client(server.url());
                        Socket socket = new Socket(URI.create(server.url()).getHost(), URI.create(server.url()).getPort())) {
            Yonder.js(honest, "var trusted = ['the honest client']; Polyglot.import('svc').hold(trusted)");
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(RawFrames.frame(1, 1, 1));
            assertEquals(3, RawFrames.readFrame(in)[0], "HELLO answered");
            out.write(RawFrames.frame(2, 2, 0, "svc"));
            List<org.msgpack.value.Value> svc = reply(in).get(0).asArrayValue().list();
            long svcId = svc.get(1).asIntegerValue().toLong();
            List<org.msgpack.value.Value> svcOrigin = svc.get(svc.size() - 1).asArrayValue().list();
            out.write(request(19, 3, svcId, p -> p.packString("getHeld")));
            List<org.msgpack.value.Value> held = reply(in).get(0).asArrayValue().list();
            long heldId = held.get(1).asIntegerValue().toLong();
            List<org.msgpack.value.Value> heldOrigin = held.get(held.size() - 1).asArrayValue().list();
            long space = heldOrigin.get(0).asIntegerValue().toLong();
            long serial = heldOrigin.get(1).asIntegerValue().toLong();
            assertNotEquals(svcOrigin.get(0).asIntegerValue().toLong(), space, "the held array is the honest client's, not the server's");

            out.write(request(19, 4, svcId, p -> {
                p.packString("same");
                forgedRef(p, 1, 0, held.get(3), space, serial);
                p.packArrayHeader(2).packInt(2).packLong(heldId);
            }));
            assertEquals(false, reply(in).get(0).asBooleanValue().getBoolean(),
                            "an object of the attacker's under the honest client's origin is not the honest client's object");

            out.write(request(19, 5, svcId, p -> {
                p.packString("same");
                p.packArrayHeader(2).packInt(2).packLong(heldId);
                p.packArrayHeader(2).packInt(2).packLong(heldId);
            }));
            assertEquals(true, reply(in).get(0).asBooleanValue().getBoolean(), "the held array is itself");

            out.write(request(19, 6, svcId, p -> {
                p.packString("same");
                forgedRef(p, 2, 0, null, svcOrigin.get(0).asIntegerValue().toLong(), svcOrigin.get(1).asIntegerValue().toLong());
                p.packArrayHeader(2).packInt(2).packLong(svcId);
            }));
            assertEquals(true, reply(in).get(0).asBooleanValue().getBoolean(),
                            "a reference with the server's own origin comes home: it is the server's object (the peer was given it)");
            assertEquals("the honest client", Yonder.js(honest, "Polyglot.import('svc').getHeld()[0]").asString(), "the server still serves");
        }
    }

    private interface Values {
        void pack(MessageBufferPacker p) throws IOException;
    }

    private static byte[] request(int op, long id, long target, Values values) throws IOException {
        MessageBufferPacker body = MessagePack.newDefaultBufferPacker();
        values.pack(body);
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(op).packLong(id).packLong(target);
        int count;
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(body.toByteArray())) {
            count = 0;
            while (u.hasNext()) {
                u.skipValue();
                count++;
            }
        }
        p.packArrayHeader(count);
        p.writePayload(body.toByteArray());
        return RawFrames.framed(p.toByteArray());
    }

    /** A REF to an export of the sender's own, of the shape {@code shapeDef}, under someone else's origin. */
    private static void forgedRef(MessageBufferPacker p, long id, int shapeId, org.msgpack.value.Value shapeDef, long space, long serial) throws IOException {
        p.packArrayHeader(7).packInt(1).packLong(id).packInt(shapeId);
        if (shapeDef != null) {
            p.packValue(shapeDef);
        } else {
            p.packNil();
        }
        p.packNil().packNil();
        p.packArrayHeader(2).packLong(space).packLong(serial);
    }

    /** The values of the next REPLY, skipping one-way frames (a RELEASE, a PING). */
    private static List<org.msgpack.value.Value> reply(DataInputStream in) throws IOException {
        while (true) {
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(frame)) {
                List<org.msgpack.value.Value> f = u.unpackValue().asArrayValue().list();
                int op = f.get(0).asIntegerValue().toInt();
                if (op == 3) {
                    return f.get(3).asArrayValue().list();
                }
                if (op == 4 || op == 6) {
                    throw new AssertionError("the server answered " + f);
                }
            }
        }
    }
}
