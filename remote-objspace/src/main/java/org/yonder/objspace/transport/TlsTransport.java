package org.yonder.objspace.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Frames over a TLS socket's streams (the JDK's {@code SSLSocket} has no non-blocking mode). Receiving is
 * {@link FrameInput}'s. Writes block: they go out in 64 KiB steps, each stamped, so that a peer that does not read
 * shows as stalled ({@link #stalledWriteNanos}) and the heartbeat closes its session after {@code yonder.WriteTimeout};
 * plain TCP ({@link TcpTransport}) queues instead. Readiness looks below the TLS records, at the plain socket.
 */
public final class TlsTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The stream below the TLS records, where {@link #ready()} looks for bytes not yet decrypted. */
    private final InputStream below;
    private final FrameInput input;
    private final String peerName;
    private int soTimeout = -1;
    private final ReentrantLock writeLock = new ReentrantLock();
    private byte[] writeBuffer = new byte[8192];
    /** Frames held back by sendDeferrable, already length-prefixed in writeBuffer[0, deferredLength). Guarded by writeLock. */
    private int deferredLength;
    private int deferredFrames;
    private volatile boolean hasDeferred;
    static final int WRITE_STEP = 64 * 1024;
    /** When the step being written started, or 0 when no write is in progress. */
    private volatile long writeStepStarted;

    /** Frames over {@code tls}, a TLS socket layered on {@code plain}. */
    public TlsTransport(Socket tls, Socket plain, int maxFrameBytes) throws IOException {
        this.socket = tls;
        plain.setTcpNoDelay(true);
        this.below = plain.getInputStream();
        this.in = tls.getInputStream();
        this.out = tls.getOutputStream();
        this.input = new FrameInput(maxFrameBytes);
        this.peerName = plain.getInetAddress().getHostAddress() + ":" + plain.getPort();
    }

    @Override
    public void send(byte[] frame, int length) throws IOException {
        writeLock.lock();
        try {
            append(frame, length);
            writeOut();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void send(byte[] first, int firstLength, byte[] second, int secondLength) throws IOException {
        writeLock.lock();
        try {
            append(first, firstLength);
            append(second, secondLength);
            writeOut();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean sendDeferrable(byte[] frame, int length) throws IOException {
        writeLock.lock();
        try {
            boolean first = deferredFrames == 0;
            append(frame, length);
            deferredFrames++;
            if (deferredFrames >= TcpTransport.MAX_DEFERRED_FRAMES || deferredLength >= TcpTransport.MAX_DEFERRED_BYTES) {
                writeOut();
                return false;
            }
            hasDeferred = true;
            return first;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        // A thread that holds the lock for long is blocked in a write, and that write carries the held-back frames
        // too; a reader must not wait for it (the peer may be waiting for this side to read before it reads).
        if (hasDeferred && tryLockBriefly()) {
            try {
                if (deferredLength > 0) {
                    writeOut();
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    private boolean tryLockBriefly() {
        long start = System.nanoTime();
        while (!writeLock.tryLock()) {
            if (System.nanoTime() - start > 1_000_000L) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    private void append(byte[] frame, int length) {
        int total = deferredLength + length + 4;
        if (writeBuffer.length < total) {
            writeBuffer = java.util.Arrays.copyOf(writeBuffer, Math.max(total, writeBuffer.length * 2));
        }
        TcpTransport.putFrame(writeBuffer, deferredLength, frame, length);
        deferredLength = total;
    }

    private void writeOut() throws IOException {
        int n = deferredLength;
        deferredLength = 0;
        deferredFrames = 0;
        hasDeferred = false;
        try {
            for (int at = 0; at < n; at += WRITE_STEP) {
                writeStepStarted = System.nanoTime();
                out.write(writeBuffer, at, Math.min(WRITE_STEP, n - at));
            }
        } finally {
            writeStepStarted = 0;
        }
    }

    @Override
    public boolean hasHeldBack() {
        return hasDeferred;
    }

    @Override
    public long stalledWriteNanos(long now) {
        long started = writeStepStarted;
        return started == 0 ? 0 : now - started;
    }

    @Override
    public boolean hasBufferedFrame() {
        return input.hasBufferedFrame();
    }

    @Override
    public byte[] receive(int timeoutMillis) throws IOException {
        if (soTimeout != timeoutMillis) {
            socket.setSoTimeout(timeoutMillis);
            soTimeout = timeoutMillis;
        }
        try {
            return input.receive(in::read, this::flush);
        } catch (SocketTimeoutException e) {
            return TIMED_OUT;
        }
    }

    @Override
    public boolean ready() throws IOException {
        return input.hasBufferedBytes() || in.available() > 0 || below.available() > 0;
    }

    @Override
    public String peerName() {
        return peerName;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the reader sees the end of the stream either way.
        }
    }
}
