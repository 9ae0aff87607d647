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

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.yonder.launcher.ServerProcess;

/**
 * Memory a peer can make the server hold is bounded by what it sends, not by what it announces. The server runs with
 * a 256 MiB heap ({@code -Xmx256m}); both attacks below needed gigabytes before: a length prefix alone allocated the
 * whole announced frame (16 MiB for 5 bytes), and the nested counts of one frame allocated each count's array
 * (hundreds of MiB for a 2 MiB frame). After each, the server answers another client at once.
 */
class MemoryBoundsTest {
    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = Yonder.server("attack.js", "-J-Xmx256m", "--yonder.MaxShapes=1000", "--yonder.MaxShapeBytes=1000000", "--yonder.MaxSessions=1000");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void lengthPrefixesAloneDoNotPinTheirFrames() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            // 300 connections x a 16 MiB prefix and one byte: 4.8 GiB announced, 300 x 64 KiB held.
            for (int i = 0; i < 300; i++) {
                Socket s = connect();
                OutputStream out = s.getOutputStream();
                out.write(new byte[]{0x00, (byte) 0xff, (byte) 0xff, (byte) 0xf0, (byte) 0x94});
                out.flush();
                held.add(s);
            }
            Thread.sleep(500);
            assertEquals(7, echo(7), "the server still answers others while the prefixes are held");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        assertEquals(8, echo(8));
        assertTrue(server.output().stream().noneMatch(l -> l.contains("OutOfMemoryError")), "no allocation failed on the server: " + server.output());
    }

    @Test
    void nestedCountsCannotAmplifyAFrame() throws Exception {
        // EXECUTE with one value: 60 nested ARRAY values, each announcing 2^20 elements (8 MiB of references each,
        // about 480 MiB in all) in a frame of a few hundred bytes padded to 2 MiB.
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(32).packLong(1).packLong(0).packArrayHeader(1);
        for (int i = 0; i < 60; i++) {
            p.packArrayHeader(1 << 20).packInt(8);   // [ARRAY, ...1,048,575 elements]
        }
        p.packNil();
        byte[] payload = java.util.Arrays.copyOf(p.toByteArray(), 2 << 20);
        for (int k = 0; k < 3; k++) {
            try (Socket s = connect()) {
                s.getOutputStream().write(RawFrames.framed(payload));
                s.getOutputStream().flush();
                DataInputStream in = new DataInputStream(s.getInputStream());
                Object[] answer = RawFrames.readFrame(in);
                String message = String.valueOf(((Object[]) answer[3])[0]);
                assertTrue(message.contains("add up to more than its size"), message);
            }
        }
        assertEquals(9, echo(9), "the server still serves");
        assertTrue(server.output().stream().noneMatch(l -> l.contains("OutOfMemoryError")), "no allocation failed on the server: " + server.output());
    }

    @Test
    void shapesAPeerDefinesAreBoundedInNumberAndSize() throws Exception {
        assertTrue(protocolError(shapes(1001, 8)).contains("more than 1000 shapes defined in one session (the limit yonder.MaxShapes)"));
        assertTrue(protocolError(shapes(200, 10_000)).contains("take more than 1000000 characters (the limit yonder.MaxShapeBytes)"));
        assertEquals(10, echo(10), "the server still serves");
    }

    /** EXECUTE with {@code count} references, each defining a new shape whose class name has {@code nameLength} characters. */
    private static byte[] shapes(int count, int nameLength) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(32).packLong(1).packLong(0).packArrayHeader(count);
        String name = "N".repeat(nameLength);
        for (int i = 0; i < count; i++) {
            p.packArrayHeader(4).packInt(1).packLong(i + 1).packInt(i);
            p.packArrayHeader(5).packInt(1).packNil().packString(name + i).packNil().packNil();
        }
        return RawFrames.framed(p.toByteArray());
    }

    private static String protocolError(byte[] frame) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(frame);
            s.getOutputStream().flush();
            Object[] answer = RawFrames.readFrame(new DataInputStream(s.getInputStream()));
            assertEquals(6, answer[0], "PROTOCOL_ERROR");
            return String.valueOf(((Object[]) answer[3])[0]);
        }
    }

    private static int echo(int n) {
        try (Context client = Yonder.client(server.url())) {
            return Yonder.js(client, "Polyglot.import('api').echo(" + n + ")").asInt();
        }
    }

    private static Socket connect() throws IOException {
        URI uri = URI.create(server.url());
        Socket s = new Socket(uri.getHost(), uri.getPort());
        s.setSoTimeout(30_000);
        return s;
    }
}
