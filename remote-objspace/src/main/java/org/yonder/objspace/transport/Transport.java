package org.yonder.objspace.transport;

import java.io.Closeable;
import java.io.IOException;

/** Sends and receives whole frames, and nothing else. Implementations: {@link TcpTransport}, {@link InMemoryTransport}. */
public interface Transport extends Closeable {
    /** Sends one frame. Safe to call from several threads; frames are never interleaved. */
    void send(byte[] frame, int length) throws IOException;

    /** Sends two frames back to back, in one write where the transport can (a one-way frame riding along). */
    default void send(byte[] first, int firstLength, byte[] second, int secondLength) throws IOException {
        send(first, firstLength);
        send(second, secondLength);
    }

    /** Blocks for the next frame; returns {@code null} when the peer closed the connection in an orderly way. */
    byte[] receive() throws IOException;

    /** A readable name of the other end, for error messages. */
    String peerName();

    @Override
    void close();
}
