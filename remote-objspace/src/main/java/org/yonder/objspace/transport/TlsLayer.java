package org.yonder.objspace.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS records between a {@link TcpTransport}'s plain bytes and its non-blocking channel, through the JDK's
 * {@link SSLEngine}. Sending wraps plain bytes into records and writes what the socket takes; records not yet taken
 * wait here ({@link #hasPendingRecords}), so writes never block, as on plain TCP. Receiving reads records off the
 * channel and unwraps them. The engine allows one wrap and one unwrap at the same time: wraps run under the
 * transport's write lock, unwraps on the thread that holds the reading role.
 */
final class TlsLayer {
    private final SSLEngine engine;
    /** Records wrapped and not yet written: {@code netOut[position, limit)}. Guarded by the transport's write lock. */
    private final ByteBuffer netOut;
    /** Records read and not yet unwrapped: {@code netIn[0, position)}. */
    private ByteBuffer netIn;
    /** Plain bytes unwrapped and not yet taken: {@code appIn[position, limit)}. */
    private ByteBuffer appIn;

    TlsLayer(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netOut = ByteBuffer.allocate(packet);
        netOut.flip();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        appIn.flip();
    }

    SSLEngine engine() {
        return engine;
    }

    /**
     * Runs the TLS handshake on a non-blocking channel, waiting in {@code selector} (registered for the channel) up to
     * {@code timeoutMillis} in all. Certificates are checked by the engine's trust managers; a refusal is an
     * {@link SSLException} that names it.
     */
    void handshake(SocketChannel channel, Selector selector, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        engine.beginHandshake();
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    wrap(ByteBuffer.allocate(0));
                    while (netOut.hasRemaining()) {
                        if (channel.write(netOut) == 0) {
                            await(channel, selector, SelectionKey.OP_WRITE, deadline);
                        }
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (unwrap() == SSLEngineResult.Status.BUFFER_UNDERFLOW || status == HandshakeStatus.NEED_UNWRAP && noProgress) {
                        int n = channel.read(netIn);
                        if (n < 0) {
                            throw new EOFException("the peer closed the connection during the TLS handshake");
                        }
                        if (n == 0) {
                            await(channel, selector, SelectionKey.OP_READ, deadline);
                        }
                    }
                }
                default -> {
                    while (netOut.hasRemaining()) {   // the last handshake records
                        if (channel.write(netOut) == 0) {
                            await(channel, selector, SelectionKey.OP_WRITE, deadline);
                        }
                    }
                    return;
                }
            }
        }
    }

    /** Whether the last unwrap consumed nothing (it needs more records). */
    private boolean noProgress;

    private static void await(SocketChannel channel, Selector selector, int op, long deadline) throws IOException {
        long wait = (deadline - System.nanoTime()) / 1_000_000L;
        if (wait <= 0) {
            throw new SocketTimeoutException("the TLS handshake took too long");
        }
        channel.keyFor(selector).interestOps(op);
        selector.select(wait);
        selector.selectedKeys().clear();
        channel.keyFor(selector).interestOps(SelectionKey.OP_READ);
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null;) {
            task.run();
        }
    }

    // region Sending (under the transport's write lock)

    boolean hasPendingRecords() {
        return netOut.hasRemaining();
    }

    /**
     * Writes pending records, then wraps and writes plain bytes from {@code b[off, off + len)} while the socket takes
     * them. Returns how many plain bytes were wrapped: 0 when the socket takes no more (records may still wait).
     */
    int write(SocketChannel channel, byte[] b, int off, int len) throws IOException {
        if (netOut.hasRemaining() && (channel.write(netOut) == 0 || netOut.hasRemaining())) {
            return 0;
        }
        int taken = 0;
        while (taken < len) {
            taken += wrap(ByteBuffer.wrap(b, off + taken, len - taken));
            channel.write(netOut);
            if (netOut.hasRemaining()) {
                break;
            }
        }
        return taken;
    }

    /** Writes pending records; returns false when some still wait. */
    boolean writePending(SocketChannel channel) throws IOException {
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !netOut.hasRemaining()) {
            wrap(ByteBuffer.allocate(0));   // a post-handshake message the peer asked for (a key update)
        }
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Wraps what one record holds of {@code src} into the empty {@code netOut}; returns the plain bytes taken. */
    private int wrap(ByteBuffer src) throws IOException {
        netOut.clear();
        SSLEngineResult r;
        try {
            r = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new EOFException("the TLS connection was closed");
        }
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runTasks();
        }
        return r.bytesConsumed();
    }

    // endregion

    // region Receiving (on the thread that holds the reading role)

    boolean hasPlainBytes() {
        return appIn.hasRemaining();
    }

    /**
     * Plain bytes into {@code b[off, off + len)} from what was unwrapped, else from records the channel has now: their
     * count, 0 when none have arrived, -1 at the end of the stream. Never waits. {@code needsWrap} is told when the
     * peer asked for an answer below the frames (a key update), which the caller sends under its write lock.
     */
    int read(SocketChannel channel, byte[] b, int off, int len, Runnable needsWrap) throws IOException {
        while (!appIn.hasRemaining()) {
            SSLEngineResult.Status status = unwrap();
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                needsWrap.run();
            }
            if (status == SSLEngineResult.Status.CLOSED) {
                return -1;
            }
            if (appIn.hasRemaining()) {
                break;
            }
            if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW || noProgress) {
                int n = channel.read(netIn);
                if (n <= 0) {
                    return n;
                }
            }
        }
        int n = Math.min(len, appIn.remaining());
        appIn.get(b, off, n);
        return n;
    }

    /** Unwraps the records read so far into {@code appIn} (which must be empty or hold unread bytes at its end). */
    private SSLEngineResult.Status unwrap() throws IOException {
        netIn.flip();
        appIn.compact();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession().getApplicationBufferSize());
                appIn.flip();
                bigger.put(appIn);
                appIn = bigger;
                r = engine.unwrap(netIn, appIn);
            }
        } finally {
            appIn.flip();
            netIn.compact();
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && netIn.position() == netIn.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, engine.getSession().getPacketBufferSize()));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runTasks();
        }
        noProgress = r.bytesConsumed() == 0 && r.bytesProduced() == 0;
        return r.getStatus();
    }

    // endregion
}
