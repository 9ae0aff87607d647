package org.yonder.objspace.transport;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending half of the socket transport: frames are appended under one lock, length-prefixed, and written at
 * once, or held back ({@link #sendDeferrable}) to go out with the next write. How the bytes are written is the
 * subclass's: {@link TcpTransport} without blocking, through its queue (in the clear or in TLS records).
 */
abstract class FrameOutput implements Transport {
    /** At most this many frames or bytes are held back before they are written. */
    static final int MAX_DEFERRED_FRAMES = 64;
    static final int MAX_DEFERRED_BYTES = 64 * 1024;

    final ReentrantLock writeLock = new ReentrantLock();
    /** Frames held back, and their bytes. Guarded by writeLock. */
    int deferredFrames;
    int deferredBytes;
    volatile boolean hasDeferred;

    /** Appends one length-prefixed frame after the bytes not yet written. Called under writeLock. */
    abstract void append(byte[] frame, int length) throws IOException;

    /** Writes everything appended, the held-back frames included. Called under writeLock. */
    abstract void writeOut() throws IOException;

    /** Marks the held-back frames as written (writeOut's first step). */
    final void noneHeldBack() {
        deferredFrames = 0;
        deferredBytes = 0;
        hasDeferred = false;
    }

    @Override
    public final void send(byte[] frame, int length) throws IOException {
        writeLock.lock();
        try {
            append(frame, length);
            writeOut();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final void send(byte[] first, int firstLength, byte[] second, int secondLength) throws IOException {
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
    public final boolean sendDeferrable(byte[] frame, int length) throws IOException {
        writeLock.lock();
        try {
            boolean first = deferredFrames == 0;
            append(frame, length);
            deferredFrames++;
            deferredBytes += length + 4;
            if (deferredFrames >= MAX_DEFERRED_FRAMES || deferredBytes >= MAX_DEFERRED_BYTES) {
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
    public final boolean hasHeldBack() {
        return hasDeferred;
    }

    static void putFrame(byte[] b, int at, byte[] frame, int length) {
        b[at] = (byte) (length >>> 24);
        b[at + 1] = (byte) (length >>> 16);
        b[at + 2] = (byte) (length >>> 8);
        b[at + 3] = (byte) length;
        System.arraycopy(frame, 0, b, at + 4, length);
    }
}
