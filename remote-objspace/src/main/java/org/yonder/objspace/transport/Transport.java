package org.yonder.objspace.transport;

import java.io.Closeable;
import java.io.IOException;

/** Sends and receives whole frames, and nothing else. Implementations: {@link TcpTransport} (non-blocking TCP, in the clear or over TLS), {@link InMemoryTransport}. */
public interface Transport extends Closeable {
    /** Sends one frame. Safe to call from several threads; frames are never interleaved. */
    void send(byte[] frame, int length) throws IOException;

    /** Sends two frames back to back, in one write where the transport can (a one-way frame riding along). */
    default void send(byte[] first, int firstLength, byte[] second, int secondLength) throws IOException {
        send(first, firstLength);
        send(second, secondLength);
    }

    /**
     * Sends one frame, or holds it back to go out with the next write: the caller is about to read a frame that has
     * already arrived, so more answers are coming (answers to pipelined requests leave in one write). Held-back frames
     * go out before any other frame, when too many wait, when {@link #flush()} is called, and before any read that
     * would wait for the network. Returns true when this frame is the first one held back (the caller sees that
     * it gets written in time); false when it was written, or joined frames already held back.
     */
    default boolean sendDeferrable(byte[] frame, int length) throws IOException {
        send(frame, length);
        return false;
    }

    /** Writes the frames {@link #sendDeferrable} held back, if any. */
    default void flush() throws IOException {
    }

    /** Whether a whole frame has arrived and is buffered, so {@link #receive(int)} will not wait (a hint). */
    default boolean hasBufferedFrame() {
        return false;
    }

    /** What {@link #receive(int)} returns when no whole frame arrived in time; compare by identity. */
    byte[] TIMED_OUT = new byte[0];

    /**
     * Waits up to {@code timeoutMillis} (0: for ever) for the next frame. Returns the frame, {@link #TIMED_OUT}, or
     * {@code null} when the peer closed the connection in an orderly way. A timeout loses nothing: a frame that was
     * half read is finished by the next call. Only one thread receives at a time (the session's reading role).
     */
    byte[] receive(int timeoutMillis) throws IOException;

    /**
     * Whether bytes are waiting to be received, without blocking (a hint: they may be only part of a frame). Lets a
     * reader spin briefly instead of sleeping in the kernel, which on a VM costs tens of microseconds to wake from.
     */
    boolean ready() throws IOException;

    /** Blocks for the next frame; {@code null} when the peer closed the connection in an orderly way. */
    default byte[] receive() throws IOException {
        return receive(0);
    }

    /** A readable name of the other end, for error messages. */
    String peerName();

    @Override
    void close();

    /**
     * How long the write in progress has made no progress (a peer that does not read fills the socket's buffers and
     * the write blocks), or 0 when none is in progress. Read without locks, by the heartbeat timer.
     */
    default long stalledWriteNanos(long now) {
        return 0;
    }

    /**
     * Makes a {@link #receive} that waits on another thread return {@link #TIMED_OUT} now, or the next one if none
     * waits: a context thread that reads its socket has work posted from elsewhere. Called from any thread.
     */
    default void wakeReceive() {
    }

    /** Whether frames are held back (see {@link #sendDeferrable}); a hint, read without locks. */
    default boolean hasHeldBack() {
        return false;
    }
}
