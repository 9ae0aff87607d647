package org.yonder.objspace.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.yonder.objspace.wire.ProtocolException;

/**
 * Frames over a TCP socket: a 4-byte big-endian length, then that many bytes. TCP_NODELAY is on. The length is checked
 * against the frame limit before anything is allocated. Receiving keeps its own buffer and the frame it is in the
 * middle of, so a read that times out loses nothing and the next one (on whichever thread holds the reading role)
 * goes on where it stopped.
 */
public final class TcpTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    /** Bytes read from the socket and not yet used: {@code inBuffer[inPos, inLimit)}. */
    private final byte[] inBuffer = new byte[65536];
    private int inPos;
    private int inLimit;
    /** The frame being received, how much of it has arrived, and its announced length; {@code null} between frames. */
    private byte[] partial;
    private int partialFilled;
    private int partialLength;
    /** The most a frame's buffer holds before its bytes arrive; it doubles as they do, up to the frame's length. */
    static final int FIRST_FRAME_STEP = 64 * 1024;
    private int soTimeout = -1;
    private final OutputStream out;
    private final int maxFrameBytes;
    private final String peerName;
    private final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock();
    private byte[] writeBuffer = new byte[8192];
    /** Frames held back by sendDeferrable, already length-prefixed in writeBuffer[0, deferredLength). Guarded by writeLock. */
    private int deferredLength;
    private int deferredFrames;
    private volatile boolean hasDeferred;
    /** At most this many frames or bytes are held back before they are written. */
    static final int MAX_DEFERRED_FRAMES = 64;
    static final int MAX_DEFERRED_BYTES = 64 * 1024;

    /** The stream below TLS records (null for plain TCP), where {@link #ready()} looks for bytes not yet decrypted. */
    private final InputStream below;

    public TcpTransport(Socket socket, int maxFrameBytes) throws IOException {
        this(socket, null, maxFrameBytes);
    }

    /**
     * Frames over {@code socket}; when it is a TLS socket layered on {@code plain}, the plain socket's buffer tells
     * whether records have arrived that TLS has not decrypted yet, so the latency path's spin sees them.
     */
    public TcpTransport(Socket socket, Socket plain, int maxFrameBytes) throws IOException {
        this.socket = socket;
        (plain != null ? plain : socket).setTcpNoDelay(true);
        this.below = plain != null ? plain.getInputStream() : null;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.maxFrameBytes = maxFrameBytes;
        this.peerName = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    public static TcpTransport connect(String host, int port, int maxFrameBytes, int timeoutMillis) throws IOException {
        Socket socket = connectSocket(host, port, timeoutMillis);
        try {
            return new TcpTransport(socket, maxFrameBytes);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A connected plain socket (for a caller that layers TLS on it). */
    public static Socket connectSocket(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
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
            if (deferredFrames >= MAX_DEFERRED_FRAMES || deferredLength >= MAX_DEFERRED_BYTES) {
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

    /** Takes the write lock if it comes free within about a millisecond (not interruptible). */
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

    /** Appends one length-prefixed frame after the held-back ones. Called under writeLock. */
    private void append(byte[] frame, int length) {
        int total = deferredLength + length + 4;
        if (writeBuffer.length < total) {
            writeBuffer = java.util.Arrays.copyOf(writeBuffer, Math.max(total, writeBuffer.length * 2));
        }
        putFrame(writeBuffer, deferredLength, frame, length);
        deferredLength = total;
    }

    /**
     * Writes everything appended, in steps of {@link #WRITE_STEP} bytes, each stamped, so that a write the peer does not
     * read shows as stalled ({@link #stalledWriteNanos}). Called under writeLock.
     */
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

    static final int WRITE_STEP = 64 * 1024;
    /** When the step being written started, or 0 when no write is in progress. */
    private volatile long writeStepStarted;

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
        int buffered = inLimit - inPos;
        if (partial != null) {
            return partialLength - partialFilled <= buffered;
        }
        if (buffered < 4) {
            return false;
        }
        int length = bufferedLength();
        return length >= 0 && buffered - 4 >= length;
    }

    private static void putFrame(byte[] b, int at, byte[] frame, int length) {
        b[at] = (byte) (length >>> 24);
        b[at + 1] = (byte) (length >>> 16);
        b[at + 2] = (byte) (length >>> 8);
        b[at + 3] = (byte) length;
        System.arraycopy(frame, 0, b, at + 4, length);
    }

    @Override
    public byte[] receive(int timeoutMillis) throws IOException {
        if (soTimeout != timeoutMillis) {
            socket.setSoTimeout(timeoutMillis);
            soTimeout = timeoutMillis;
        }
        try {
            if (partial == null) {
                while (inLimit - inPos < 4) {
                    if (!fill(inLimit - inPos > 0)) {
                        return null;
                    }
                }
                int length = bufferedLength();
                if (length < 0 || length > maxFrameBytes) {
                    throw new ProtocolException("frame of " + Integer.toUnsignedString(length) + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
                }
                inPos += 4;
                // Grown as the bytes arrive: a length prefix alone (a peer that sends 4 bytes and stops) pins no
                // more than the first step, not the frame's announced size.
                partialLength = length;
                partial = new byte[Math.min(length, FIRST_FRAME_STEP)];
                partialFilled = 0;
            }
            while (partialFilled < partialLength) {
                if (partialFilled == partial.length) {
                    partial = java.util.Arrays.copyOf(partial, (int) Math.min(partialLength, 2L * partial.length));
                }
                int buffered = inLimit - inPos;
                int want = partial.length - partialFilled;
                if (buffered > 0) {
                    int n = Math.min(buffered, want);
                    System.arraycopy(inBuffer, inPos, partial, partialFilled, n);
                    inPos += n;
                    partialFilled += n;
                } else if (want >= inBuffer.length) {
                    flush();
                    int n = in.read(partial, partialFilled, want);
                    if (n < 0) {
                        throw new EOFException("the connection closed in the middle of a frame");
                    }
                    partialFilled += n;
                } else if (!fill(true)) {
                    return null;
                }
            }
            byte[] frame = partial;
            partial = null;
            return frame;
        } catch (SocketTimeoutException e) {
            return TIMED_OUT;
        }
    }

    @Override
    public boolean ready() throws IOException {
        return inLimit > inPos || in.available() > 0 || (below != null && below.available() > 0);
    }

    /** The big-endian length prefix at the read position (at least 4 bytes are buffered). */
    private int bufferedLength() {
        return ((inBuffer[inPos] & 0xff) << 24) | ((inBuffer[inPos + 1] & 0xff) << 16) | ((inBuffer[inPos + 2] & 0xff) << 8) | (inBuffer[inPos + 3] & 0xff);
    }

    /**
     * Reads more bytes into the buffer, moving what is left to its start. Returns false at an orderly end of stream
     * between frames; an end inside a frame ({@code midFrame}) is an error.
     */
    private boolean fill(boolean midFrame) throws IOException {
        if (inPos > 0) {
            System.arraycopy(inBuffer, inPos, inBuffer, 0, inLimit - inPos);
            inLimit -= inPos;
            inPos = 0;
        }
        flush();
        int n = in.read(inBuffer, inLimit, inBuffer.length - inLimit);
        if (n < 0) {
            if (midFrame || partial != null) {
                throw new EOFException("the connection closed in the middle of a frame");
            }
            return false;
        }
        inLimit += n;
        return true;
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
