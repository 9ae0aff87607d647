package org.yonder.objspace.transport;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

import org.yonder.objspace.wire.ProtocolException;

/**
 * The receiving half of a framed byte stream: a 4-byte big-endian length, then that many bytes. Keeps its own buffer
 * and the frame it is in the middle of, so a read that times out loses nothing and the next one (on whichever thread
 * holds the reading role) goes on where it stopped. The length is checked against the frame limit before anything is
 * allocated, and a frame's buffer grows as its bytes arrive, not from the length prefix. Used by {@link TcpTransport}
 * (a non-blocking channel, its bytes in the clear or unwrapped from TLS records); not thread-safe.
 */
final class FrameInput {
    /** Where bytes come from: like {@code InputStream.read}, waiting as the transport's timeout says; -1 at the end. */
    interface Source {
        int read(byte[] b, int off, int len) throws IOException;
    }

    /** What the transport does before a read that may wait: write the frames it held back. */
    interface BeforeWait {
        void run() throws IOException;
    }

    /** The most a frame's buffer holds before its bytes arrive; it doubles as they do, up to the frame's length. */
    static final int FIRST_FRAME_STEP = 64 * 1024;

    private final int maxFrameBytes;
    /** Bytes read and not yet used: {@code buffer[pos, limit)}. */
    private final byte[] buffer = new byte[65536];
    private int pos;
    private int limit;
    /** The frame being received, how much of it has arrived, and its announced length; {@code null} between frames. */
    private byte[] partial;
    private int partialFilled;
    private int partialLength;

    FrameInput(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * The next frame, or null at an orderly end of the stream between frames. {@code beforeWait} runs before each read
     * from {@code source} (the transport writes what it held back before it may wait for the peer).
     */
    byte[] receive(Source source, BeforeWait beforeWait) throws IOException {
        if (partial == null) {
            while (limit - pos < 4) {
                if (!fill(source, beforeWait, limit - pos > 0)) {
                    return null;
                }
            }
            int length = bufferedLength();
            if (length < 0 || length > maxFrameBytes) {
                throw new ProtocolException("frame of " + Integer.toUnsignedString(length) + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
            }
            pos += 4;
            // Grown as the bytes arrive: a length prefix alone (a peer that sends 4 bytes and stops) pins no more than
            // the first step, not the frame's announced size.
            partialLength = length;
            partial = new byte[Math.min(length, FIRST_FRAME_STEP)];
            partialFilled = 0;
        }
        while (partialFilled < partialLength) {
            if (partialFilled == partial.length) {
                partial = Arrays.copyOf(partial, (int) Math.min(partialLength, 2L * partial.length));
            }
            int buffered = limit - pos;
            int want = partial.length - partialFilled;
            if (buffered > 0) {
                int n = Math.min(buffered, want);
                System.arraycopy(buffer, pos, partial, partialFilled, n);
                pos += n;
                partialFilled += n;
            } else if (want >= buffer.length) {
                beforeWait.run();
                int n = source.read(partial, partialFilled, want);
                if (n < 0) {
                    throw new EOFException("the connection closed in the middle of a frame");
                }
                partialFilled += n;
            } else if (!fill(source, beforeWait, true)) {
                return null;
            }
        }
        byte[] frame = partial;
        partial = null;
        return frame;
    }

    /** Whether a whole frame is buffered, so {@link #receive} will not read. */
    boolean hasBufferedFrame() {
        int buffered = limit - pos;
        if (partial != null) {
            return partialLength - partialFilled <= buffered;
        }
        if (buffered < 4) {
            return false;
        }
        int length = bufferedLength();
        return length >= 0 && buffered - 4 >= length;
    }

    boolean hasBufferedBytes() {
        return limit > pos;
    }

    /** Reads once from a source that does not wait (a non-blocking channel) into the buffer; its count, or -1 at the end. */
    int pull(Source nonBlocking) throws IOException {
        compact();
        if (limit == buffer.length) {
            return 0;
        }
        int n = nonBlocking.read(buffer, limit, buffer.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    /** The big-endian length prefix at the read position (at least 4 bytes are buffered). */
    private int bufferedLength() {
        return ((buffer[pos] & 0xff) << 24) | ((buffer[pos + 1] & 0xff) << 16) | ((buffer[pos + 2] & 0xff) << 8) | (buffer[pos + 3] & 0xff);
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }

    /**
     * Reads more bytes into the buffer. Returns false at an orderly end of stream between frames; an end inside a
     * frame ({@code midFrame}) is an error.
     */
    private boolean fill(Source source, BeforeWait beforeWait, boolean midFrame) throws IOException {
        compact();
        beforeWait.run();
        int n = source.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            if (midFrame || partial != null) {
                throw new EOFException("the connection closed in the middle of a frame");
            }
            return false;
        }
        limit += n;
        return true;
    }
}
