package org.yonder.objspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yonder.objspace.transport.InMemoryTransport;
import org.yonder.objspace.transport.TcpListener;
import org.yonder.objspace.transport.TcpTransport;
import org.yonder.objspace.transport.Transport;
import org.yonder.objspace.wire.ProtocolException;

/** Transports move whole frames, refuse oversized ones before allocating, and report an orderly close as null. */
class TransportTest {
    @Test
    void tcpMovesWholeFramesBothWays() throws Exception {
        CompletableFuture<Transport> accepted = new CompletableFuture<>();
        try (TcpListener listener = new TcpListener("127.0.0.1", 0, s -> accepted.complete(new TcpTransport(s, 1024)))) {
            TcpTransport client = TcpTransport.connect("127.0.0.1", listener.port(), 1024, 5000);
            Transport server = accepted.get(5, TimeUnit.SECONDS);
            byte[] payload = {1, 2, 3, 4, 5};
            client.send(payload, 3);
            assertArrayEquals(new byte[]{1, 2, 3}, server.receive());
            server.send(new byte[0], 0);
            assertArrayEquals(new byte[0], client.receive());
            client.close();
            assertNull(server.receive(), "an orderly close reads as null");
            server.close();
        }
    }

    @Test
    void tcpRefusesAFrameOverTheLimitBeforeReadingIt() throws Exception {
        CompletableFuture<Transport> accepted = new CompletableFuture<>();
        try (TcpListener listener = new TcpListener("127.0.0.1", 0, s -> accepted.complete(new TcpTransport(s, 1024))); Socket raw = new Socket("127.0.0.1", listener.port())) {
            OutputStream out = raw.getOutputStream();
            out.write(new byte[]{0, 0, 4, 1});
            out.flush();
            Transport server = accepted.get(5, TimeUnit.SECONDS);
            ProtocolException e = assertThrows(ProtocolException.class, server::receive);
            assertEquals("frame of 1025 bytes exceeds the limit of 1024 bytes", e.getMessage());
            server.close();
        }
    }

    @Test
    void inMemoryPairCopiesFramesAndPropagatesClose() throws IOException {
        InMemoryTransport[] ends = InMemoryTransport.pair();
        byte[] frame = {9, 8, 7};
        ends[0].send(frame, 3);
        frame[0] = 0;
        assertArrayEquals(new byte[]{9, 8, 7}, ends[1].receive(), "the receiver got a copy");
        ends[0].close();
        assertNull(ends[1].receive());
        assertThrows(IOException.class, () -> ends[0].send(frame, 3));
    }
}
