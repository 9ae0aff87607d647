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
        server = Yonder.server("attack.js", "-J-Xmx256m", "--yonder.MaxShapes=1000", "--yonder.MaxShapeBytes=1000000", "--yonder.MaxSessions=1000", "--yonder.MaxQueuedBytes=40000000");
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
    /**
     * Requests queued while the context is busy are bounded in bytes per peer: 20 requests of 4 MB each (80 MB) behind
     * a 2 s call, against a limit of 40 MB, are partly refused with an error naming the limit, and the rest answered.
     * Before, 150 queued 15 MiB requests held 2.1 GB.
     */
    @Test
    void queuedRequestBytesAreBoundedPerPeer() throws Exception {
        try (Socket s = connect()) {
            s.setSoTimeout(60_000);
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
            OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
            out.write(RawFrames.frame(2, 1, 0, "api"));   // LOOKUP_ROOT api
            out.flush();
            long api = StalledPeerTest.refId(in);
            out.write(invoke(2, api, "spin", 2000L));
            String big = "q".repeat(4_000_000);
            for (int i = 0; i < 20; i++) {
                out.write(invoke(10 + i, api, "echo", big));
            }
            out.flush();
            int answered = 0;
            int refused = 0;
            for (int i = 0; i < 21; i++) {
                Object[] f = RawFrames.readFrame(in);
                String first = String.valueOf(((Object[]) f[3])[0]);
                if (((Number) f[0]).intValue() == 4 && first.contains("would pass the limit of 40000000 bytes per peer (yonder.MaxQueuedBytes)")) {
                    refused++;
                } else if (((Number) f[0]).intValue() == 3 && first.length() >= 4_000_000) {
                    answered++;
                }
            }
            System.out.println("[MemoryBoundsTest] of 20 queued 4 MB requests, " + answered + " answered and " + refused + " refused");
            assertTrue(refused >= 8 && answered >= 5 && answered + refused == 20, answered + " answered, " + refused + " refused");
        }
        assertEquals(9, echo(9));
        assertTrue(server.output().stream().noneMatch(l -> l.contains("OutOfMemoryError")), "no allocation failed on the server: " + server.output());
    }

    private static byte[] invoke(long id, long target, String member, Object argument) throws IOException {
        org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(19).packLong(id).packLong(target).packArrayHeader(2).packString(member);
        if (argument instanceof String str) {
            p.packString(str);
        } else {
            p.packLong(((Number) argument).longValue());
        }
        return RawFrames.framed(p.toByteArray());
    }

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
