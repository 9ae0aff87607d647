package org.yonder.objspace.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Frames over a TLS socket's streams (the JDK's {@code SSLSocket} has no non-blocking mode). Receiving is
 * {@link FrameInput}'s. Writes block: they go out in 64 KiB steps, each stamped, so that a peer that does not read
 * shows as stalled ({@link #stalledWriteNanos}) and the heartbeat closes its session after {@code yonder.WriteTimeout};
 * plain TCP ({@link TcpTransport}) queues instead. Readiness looks below the TLS records, at the plain socket.
 */
public final class TlsTransport extends FrameOutput {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The stream below the TLS records, where {@link #ready()} looks for bytes not yet decrypted. */
    private final InputStream below;
    private final FrameInput input;
    private final String peerName;
    private int soTimeout = -1;
    /** Bytes appended and not yet written, length-prefixed frames: writeBuffer[0, bufferedLength). Guarded by writeLock. */
    private byte[] writeBuffer = new byte[8192];
    private int bufferedLength;
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
    public void flush() throws IOException {
        // A thread that holds the lock for long is blocked in a write, and that write carries the held-back frames
        // too; a reader must not wait for it (the peer may be waiting for this side to read before it reads).
        if (hasDeferred && tryLockBriefly()) {
            try {
                if (bufferedLength > 0) {
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

    @Override
    void append(byte[] frame, int length) {
        int total = bufferedLength + length + 4;
        if (writeBuffer.length < total) {
            writeBuffer = java.util.Arrays.copyOf(writeBuffer, Math.max(total, writeBuffer.length * 2));
        }
        putFrame(writeBuffer, bufferedLength, frame, length);
        bufferedLength = total;
    }

    @Override
    void writeOut() throws IOException {
        int n = bufferedLength;
        bufferedLength = 0;
        noneHeldBack();
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
