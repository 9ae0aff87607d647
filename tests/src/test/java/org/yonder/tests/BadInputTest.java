package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yonder.tests.RawFrames.frame;
import static org.yonder.tests.RawFrames.framed;
import static org.yonder.tests.RawFrames.readFrame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/** A peer that sends garbage gets a protocol error and is disconnected; everyone else keeps being served. */
class BadInputTest {
    static ServerProcess server;
    static Context goodClient;

    @BeforeAll
    static void start() throws Exception {
        server = Yonder.server("svc.js");
        goodClient = Yonder.client(server.url());
        Yonder.js(goodClient, "var svc = Polyglot.import('svc');");
    }

    @AfterAll
    static void stop() throws Exception {
        goodClient.close();
        server.close();
    }

    private static Socket connect() throws IOException {
        URI uri = URI.create(server.url());
        Socket s = new Socket(uri.getHost(), uri.getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void assertClosed(DataInputStream in) throws IOException {
        try {
            int b = in.read();
            assertEquals(-1, b, "the server closed the connection");
        } catch (EOFException | java.net.SocketException e) {
            // Closed, as expected.
        }
    }

    private static String protocolErrorAfterSending(byte[] raw) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(raw);
            DataInputStream in = new DataInputStream(s.getInputStream());
            Object[] frame = readFrame(in);
            assertEquals(6, frame[0], "PROTOCOL_ERROR");
            assertClosed(in);
            return (String) ((Object[]) frame[3])[0];
        }
    }

    private void goodClientStillWorks() {
        assertEquals(7, Yonder.js(goodClient, "svc.add(1, [1, 2, 3], {})").asInt());
    }

    @Test
    void garbageBytesGetAProtocolErrorAndTheConnectionCloses() throws IOException {
        String message = protocolErrorAfterSending(framed(new byte[]{(byte) 0xc1, (byte) 0xc1, (byte) 0xc1}));
        assertTrue(message.startsWith("protocol error: malformed frame"), message);
        goodClientStillWorks();
    }

    @Test
    void oversizedFrameIsRefusedBeforeAllocating() throws IOException {
        String message = protocolErrorAfterSending(new byte[]{0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertTrue(message.contains("frame of 2147483647 bytes exceeds the limit of"), message);
        goodClientStillWorks();
    }

    @Test
    void unknownOpcodeAndWrongShapesAreProtocolErrors() throws IOException {
        assertTrue(protocolErrorAfterSending(frame(120, 1, 0)).contains("unknown opcode 120"));
        assertTrue(protocolErrorAfterSending(framed(new byte[]{(byte) 0x92, 1, 2})).contains("a frame is an array of 4 fields, not 2"));
        assertTrue(protocolErrorAfterSending(frame(3, 77, 0, 1)).contains("answer to request 77, which is not pending"));
        goodClientStillWorks();
    }

    @Test
    void wellFramedButWrongRequestsGetErrorAnswersAndTheConnectionStays() throws IOException {
        try (Socket s = connect()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(frame(16, 1, 12345, "value"));
            Object[] answer = readFrame(in);
            assertEquals(4, answer[0], "THROW");
            assertEquals(1L, answer[1]);
            assertTrue(((String) ((Object[]) answer[3])[0]).contains("unknown object id 12345"));
            out.write(frame(2, 2, 0, 42));
            Object[] badRoot = readFrame(in);
            assertEquals(4, badRoot[0]);
            assertTrue(((String) ((Object[]) badRoot[3])[0]).contains("LOOKUP_ROOT expects a name string"));
            out.write(frame(1, 3, 1));
            Object[] hello = readFrame(in);
            assertEquals(3, hello[0], "the same connection still answers: REPLY to HELLO");
            assertTrue(((String) ((Object[]) hello[3])[0]).contains("svc"), String.valueOf(((Object[]) hello[3])[0]));
        }
        goodClientStillWorks();
    }

    /** A request whose one argument is a reference with a shape definition of {@code fields} as given. */
    private static byte[] refWithShape(long traits, java.util.List<String> methods) throws IOException {
        org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(2).packLong(1).packLong(0).packArrayHeader(1);
        p.packArrayHeader(4).packInt(1).packLong(1).packInt(0);
        p.packArrayHeader(6).packLong(traits).packNil().packString("Object").packNil().packNil();
        p.packArrayHeader(methods.size());
        for (String m : methods) {
            p.packString(m);
        }
        return framed(p.toByteArray());
    }

    @Test
    void methodNamesInAShapeAreBoundedAndOnlyForJsObjects() throws IOException {
        int jsObject = 1 | (1 << 24);
        java.util.List<String> many = java.util.stream.IntStream.range(0, 65).mapToObj(i -> "m" + i).toList();
        String tooMany = protocolErrorAfterSending(refWithShape(jsObject, many));
        assertTrue(tooMany.contains("a shape with 65 method names (at most 64)"), tooMany);
        String notJs = protocolErrorAfterSending(refWithShape(1, java.util.List.of("run")));
        assertTrue(notJs.contains("method names in the shape of a value that is not a JS object with members"), notJs);
        for (long unknown : new long[]{1L << 32, Long.MIN_VALUE, Integer.MIN_VALUE}) {
            String badTrait = protocolErrorAfterSending(refWithShape(jsObject | unknown, java.util.List.of("run")));
            assertTrue(badTrait.contains("unknown shape traits"), badTrait);
        }
        goodClientStillWorks();
    }

    @Test
    void aShapeVariantOutOfRangeIsAProtocolError() throws IOException {
        for (long variant : new long[]{-2, 64, Integer.MAX_VALUE, 1L << 40}) {
            org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(4).packInt(2).packLong(1).packLong(0).packArrayHeader(1);
            p.packArrayHeader(4).packInt(1).packLong(1).packInt(0);
            p.packArrayHeader(7).packLong(1 | (1 << 24) | (1 << 9)).packNil().packString("Twin").packNil().packNil().packNil().packLong(variant);
            String error = protocolErrorAfterSending(framed(p.toByteArray()));
            assertTrue(error.contains("shape variant " + variant + " (from -1 to 63)"), error);
        }
        goodClientStillWorks();
    }
}
