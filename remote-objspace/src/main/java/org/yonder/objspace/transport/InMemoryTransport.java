package org.yonder.objspace.transport;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

/** Two connected ends in one JVM, for unit tests. Frames are copied, as they would be on a socket. */
public final class InMemoryTransport implements Transport {
    private static final byte[] CLOSED = new byte[0];
    /** Queued by {@link #wakeReceive}: the receive that takes it times out. At most one is queued. */
    private static final byte[] WAKE = new byte[0];
    private final java.util.concurrent.atomic.AtomicBoolean wakeQueued = new java.util.concurrent.atomic.AtomicBoolean();

    private final LinkedBlockingQueue<byte[]> inbound;
    private final LinkedBlockingQueue<byte[]> outbound;
    private final String name;
    private volatile boolean closed;

    private InMemoryTransport(LinkedBlockingQueue<byte[]> inbound, LinkedBlockingQueue<byte[]> outbound, String name) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.name = name;
    }

    /** Returns the two ends of a new connection. */
    public static InMemoryTransport[] pair() {
        LinkedBlockingQueue<byte[]> ab = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<byte[]> ba = new LinkedBlockingQueue<>();
        return new InMemoryTransport[]{new InMemoryTransport(ba, ab, "memory:a"), new InMemoryTransport(ab, ba, "memory:b")};
    }

    @Override
    public void send(byte[] frame, int length) throws IOException {
        if (closed) {
            throw new IOException("in-memory transport is closed");
        }
        outbound.add(Arrays.copyOf(frame, length));
    }

    @Override
    public byte[] receive(int timeoutMillis) throws IOException {
        if (closed) {
            return null;
        }
        try {
            byte[] frame = timeoutMillis == 0 ? inbound.take() : inbound.poll(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (frame == null) {
                return TIMED_OUT;
            }
            if (frame == WAKE) {
                wakeQueued.set(false);
                return TIMED_OUT;
            }
            if (frame == CLOSED) {
                closed = true;
                return null;
            }
            return frame;
        } catch (InterruptedException e) {
            // Context threads read too, and Truffle interrupts them to run safepoint actions (cancel, tools): that
            // is no reason to end the connection. The caller polls its safepoints after a timed-out read.
            if (timeoutMillis == 0) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while receiving", e);
            }
            return TIMED_OUT;
        }
    }

    @Override
    public void wakeReceive() {
        if (wakeQueued.compareAndSet(false, true)) {
            inbound.add(WAKE);
        }
    }

    @Override
    public boolean ready() {
        return closed || !inbound.isEmpty();
    }

    @Override
    public String peerName() {
        return name;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            outbound.add(CLOSED);
            inbound.add(CLOSED);
        }
    }
}
