package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;

/** A raw connection to a server, past its HELLO: a hostile peer's frames, written by hand (the attack tests). */
final class RawPeer implements AutoCloseable {
    static final int HELLO = 1;
    static final int LOOKUP_ROOT = 2;
    static final int REPLY = 3;
    static final int THROW = 4;
    static final int PROTOCOL_ERROR = 6;

    final Socket socket;
    final DataInputStream in;
    final OutputStream out;

    RawPeer(String server) throws IOException {
        URI url = URI.create(server);
        socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        send(HELLO, 1, 1);
        assertEquals(REPLY, answer(1).get(0).asIntegerValue().asInt(), "HELLO answered");
    }

    /** [op, id, target, values]: values are strings, numbers, null (nil) and Object[] (msgpack arrays). */
    void send(int op, long id, long target, Object... values) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(op).packLong(id).packLong(target);
        pack(p, values);
        out.write(RawFrames.framed(p.toByteArray()));
        out.flush();
    }

    private static void pack(MessagePacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Object[] a) {
            p.packArrayHeader(a.length);
            for (Object e : a) {
                pack(p, e);
            }
        } else {
            p.packLong(((Number) v).longValue());
        }
    }

    ArrayValue read() throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(frame)) {
            return u.unpackValue().asArrayValue();
        }
    }

    /** The answer (REPLY or THROW) to request {@code id}, past any one-way frames. */
    ArrayValue answer(long id) throws IOException {
        while (true) {
            ArrayValue f = read();
            int op = f.get(0).asIntegerValue().asInt();
            if ((op == REPLY || op == THROW) && f.get(1).asIntegerValue().asLong() == id) {
                return f;
            }
        }
    }

    /** The single value of the REPLY to request {@code id}; no request of the server's may come before it. */
    int replyOnly(long id) throws IOException {
        List<String> between = new ArrayList<>();
        while (true) {
            ArrayValue f = read();
            int op = f.get(0).asIntegerValue().asInt();
            if ((op == REPLY || op == THROW) && f.get(1).asIntegerValue().asLong() == id) {
                assertEquals(REPLY, op, "answered: " + f);
                assertTrue(between.isEmpty(), "the server asked this peer for something first: " + between);
                return f.get(3).asArrayValue().get(0).asIntegerValue().asInt();
            }
            if (op >= 16 || op == HELLO || op == LOOKUP_ROOT) {
                between.add(f.toString());
            }
        }
    }

    /** The export id of root {@code svc} on this connection. */
    long svc() throws IOException {
        send(LOOKUP_ROOT, 2, 0, "svc");
        ArrayValue answer = answer(2);
        assertEquals(REPLY, answer.get(0).asIntegerValue().asInt(), answer.toString());
        return answer.get(3).asArrayValue().get(0).asArrayValue().get(1).asIntegerValue().asLong();
    }

    /** The text of the PROTOCOL_ERROR frame the server sends before it closes the session. */
    String protocolError() throws IOException {
        while (true) {
            ArrayValue f;
            try {
                f = read();
            } catch (java.io.EOFException e) {
                throw new AssertionError("the server closed the connection with no PROTOCOL_ERROR", e);
            }
            if (f.get(0).asIntegerValue().asInt() == PROTOCOL_ERROR) {
                return f.get(3).asArrayValue().get(0).asStringValue().asString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
