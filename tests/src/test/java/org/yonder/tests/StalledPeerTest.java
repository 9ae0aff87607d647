package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.yonder.launcher.ServerProcess;

/**
 * A client that sends requests and never reads the answers fills the socket's buffers. Before, the server's write of
 * the next answer blocked with no end while it held the session's lock, which the heartbeat waited on too: the whole
 * server stopped for as long as the socket stayed open. Now writes never block: what the socket does not take waits in
 * the session's outgoing queue ({@code TcpTransport}), and the serving thread goes on at once. A queue past
 * {@code yonder.MaxOutgoingBytes} (64 MiB) closes that session, as does one that makes no progress for
 * {@code yonder.WriteTimeout}.
 */
class StalledPeerTest {
    @Test
    void aClientThatNeverReadsIsDisconnectedAndOthersAreServed() throws Exception {
        try (ServerProcess server = Yonder.server("attack.js", "--yonder.WriteTimeout=2000"); Socket attacker = connect(server)) {
            OutputStream out = attacker.getOutputStream();
            InputStream in = attacker.getInputStream();
            out.write(RawFrames.frame(2, 1, 0, "api"));   // LOOKUP_ROOT api
            long api = refId(new DataInputStream(in));
            for (int i = 0; i < 40; i++) {   // 40 answers of 4 MB each, never read
                out.write(invoke(100 + i, api, "big", 4_000_000));
            }
            out.flush();
            Thread.sleep(1_000);
            long start = System.nanoTime();
            int answer = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> echo(server, 7), "another client is answered while the attacker reads nothing");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(7, answer);
            System.out.println("[StalledPeerTest] another client answered after " + millis + " ms");
            assertTrue(millis < 15_000, "answered after " + millis + " ms");
            // The attacker's connection was closed by the server: draining it ends at the end of the stream.
            attacker.setSoTimeout(30_000);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                byte[] sink = new byte[1 << 16];
                while (in.read(sink) >= 0) {
                    // drain
                }
            }, "the server closed the attacker's connection");
            assertEquals(8, echo(server, 8));
        }
    }

    /**
     * With the write timeout off, a non-reading client under the queue's bound (10 answers of 4 MB) holds nothing up:
     * another client is answered at once (before, only after 15.5 s, when dead-peer detection closed the attacker).
     * Past the bound (30 more), the attacker is disconnected even with the write timeout off.
     */
    @Test
    void writesNeverBlockAServingThreadAndTheQueueIsBounded() throws Exception {
        try (ServerProcess server = Yonder.server("attack.js", "--yonder.WriteTimeout=0", "--yonder.Heartbeat=0"); Socket attacker = connect(server)) {
            neverBlocked(server, attacker);
        }
    }

    /**
     * The same over TLS. Before, TLS went through the JDK's blocking {@code SSLSocket}: a serving thread's write blocked
     * until the write timeout (here off), so the other client waited for ever. Now TLS records go through an
     * {@code SSLEngine} over the same non-blocking channel and queue.
     */
    @Test
    void overTlsWritesNeverBlockAServingThreadEither() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("yonder-stalled-tls");
        try (ServerProcess server = Yonder.server("attack.js", "--yonder.WriteTimeout=0", "--yonder.Heartbeat=0", "--yonder.Tls=true",
                        "--yonder.TlsKeyStore=" + dir.resolve("server.p12"));
                        Socket attacker = connectTls(server)) {
            neverBlocked(server, attacker);
        }
    }

    private static void neverBlocked(ServerProcess server, Socket attacker) throws Exception {
        long before = System.nanoTime();
        assertEquals(6, echo(server, 6));
        System.out.println("[StalledPeerTest] before the attack, a new client's call took " + (System.nanoTime() - before) / 1_000_000 + " ms");
        {
            OutputStream out = attacker.getOutputStream();
            InputStream in = attacker.getInputStream();
            out.write(RawFrames.frame(2, 1, 0, "api"));   // LOOKUP_ROOT api
            long api = refId(new DataInputStream(in));
            for (int i = 0; i < 10; i++) {
                out.write(invoke(100 + i, api, "big", 4_000_000));
            }
            out.flush();
            Thread.sleep(1_500);
            long start = System.nanoTime();
            assertEquals(7, assertTimeoutPreemptively(Duration.ofSeconds(30), () -> echo(server, 7)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("[StalledPeerTest] with 40 MB unread and no write timeout, another client answered after " + millis + " ms");
            // The serving thread first makes the attacker's 10 answers (40 MB, encrypted too over TLS): seconds of CPU on a
            // small loaded machine (5.9 s seen over TLS while other builds ran), against for ever before the fix.
            assertTrue(millis < 12_000, "answered after " + millis + " ms");
            for (int i = 0; i < 30; i++) {
                out.write(invoke(200 + i, api, "big", 4_000_000));
            }
            out.flush();
            Thread.sleep(6_000);   // still reading nothing, while the server makes the answers
            attacker.setSoTimeout(30_000);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                byte[] sink = new byte[1 << 16];
                while (in.read(sink) >= 0) {
                    // drain
                }
            }, "past yonder.MaxOutgoingBytes the server closed the attacker's connection");
            assertEquals(8, echo(server, 8));
        }
    }

    private static int echo(ServerProcess server, int n) {
        try (Context client = Yonder.client(server.url())) {
            return Yonder.js(client, "Polyglot.import('api').echo(" + n + ")").asInt();
        }
    }

    private static Socket connect(ServerProcess server) throws IOException {
        URI uri = URI.create(server.url());
        return new Socket(uri.getHost(), uri.getPort());
    }

    /** A TLS socket to the server that takes any certificate (the attacker does not care whom it attacks). */
    private static Socket connectTls(ServerProcess server) throws Exception {
        javax.net.ssl.X509TrustManager any = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        context.init(null, new javax.net.ssl.TrustManager[]{any}, null);
        URI uri = URI.create(server.url());
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort());
        socket.startHandshake();
        return socket;
    }

    /** The object id of the REF a REPLY holds. */
    static long refId(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(frame)) {
            u.unpackArrayHeader();
            assertEquals(3, u.unpackInt(), "REPLY");
            u.unpackLong();
            u.unpackLong();
            u.unpackArrayHeader();
            u.unpackArrayHeader();
            assertEquals(1, u.unpackInt(), "REF");
            return u.unpackLong();
        }
    }

    private static byte[] invoke(long id, long target, String member, int argument) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(19).packLong(id).packLong(target).packArrayHeader(2).packString(member).packInt(argument);
        return RawFrames.framed(p.toByteArray());
    }
}
