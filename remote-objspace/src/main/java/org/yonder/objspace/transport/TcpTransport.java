package org.yonder.objspace.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Frames over a TCP connection, a non-blocking {@link SocketChannel} with TCP_NODELAY, in the clear or in TLS records
 * ({@link TlsLayer}, the JDK's {@code SSLEngine}). Receiving is {@link FrameInput}'s; a read that must wait waits in
 * this transport's own selector, up to its timeout.
 * <p>
 * Writes never block. A frame is written at once as far as the socket takes it; what it does not take stays in this
 * transport's outgoing queue, in order, and the {@link Writer} thread sends it as the peer reads. A frame sent while
 * the queue is not empty joins it. The queue is bounded ({@code maxOutgoingBytes}, option {@code yonder.MaxOutgoingBytes}):
 * a send that would pass the bound fails, and the session closes with a reason that names the limit. So a peer that
 * does not read never holds up the thread that answers it, and costs at most the bound in memory; a queue that makes
 * no progress for {@code yonder.WriteTimeout} also closes its session ({@link #stalledWriteNanos}). Over TLS the queue
 * holds plain bytes, wrapped into records as the socket takes them: the same rules hold.
 */
public final class TcpTransport extends FrameOutput {
    private final SocketChannel channel;
    private final Selector readSelector;
    private final FrameInput input;
    private final long maxOutgoingBytes;
    private final String peerName;
    /** The TLS records this transport's bytes travel in, or null in the clear. */
    private final TlsLayer tls;
    private int timeoutMillis;

    /** Outgoing bytes, length-prefixed frames: {@code out[start, end)}; the last {@code deferredFrames} are held back. Guarded by writeLock. */
    private byte[] out = new byte[8192];
    private int start;
    private int end;
    /** Since when queued bytes have waited for the socket with no progress, or 0 when none wait. */
    private volatile long stalledSince;
    /** Whether the writer thread is draining this transport's queue. Guarded by writeLock. */
    private boolean withWriter;
    private volatile boolean closed;
    /** Set by {@link #wakeReceive}: the waiting read gives up (once) and the receive times out. */
    private volatile boolean woken;

    public TcpTransport(SocketChannel channel, int maxFrameBytes) throws IOException {
        this(channel, maxFrameBytes, Long.MAX_VALUE);
    }

    public TcpTransport(SocketChannel channel, int maxFrameBytes, long maxOutgoingBytes) throws IOException {
        this(channel, maxFrameBytes, maxOutgoingBytes, null);
    }

    private TcpTransport(SocketChannel channel, int maxFrameBytes, long maxOutgoingBytes, TlsLayer tls) throws IOException {
        this.channel = channel;
        this.tls = tls;
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        this.readSelector = Selector.open();
        channel.register(readSelector, SelectionKey.OP_READ);
        this.input = new FrameInput(maxFrameBytes);
        this.maxOutgoingBytes = maxOutgoingBytes;
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        this.peerName = remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    public static TcpTransport connect(String host, int port, int maxFrameBytes, int timeoutMillis) throws IOException {
        return new TcpTransport(connectChannel(host, port, timeoutMillis), maxFrameBytes);
    }

    /**
     * Frames in TLS records over {@code channel}, through {@code engine} (client or server mode, set up by the caller);
     * runs the TLS handshake first, up to {@code handshakeMillis}. A failed handshake closes the channel.
     */
    public static TcpTransport tls(SocketChannel channel, javax.net.ssl.SSLEngine engine, int handshakeMillis, int maxFrameBytes, long maxOutgoingBytes)
                    throws IOException {
        TcpTransport transport = new TcpTransport(channel, maxFrameBytes, maxOutgoingBytes, new TlsLayer(engine));
        try {
            transport.tls.handshake(channel, transport.readSelector, handshakeMillis);
            return transport;
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** The TLS session of a transport over TLS, or null. */
    public javax.net.ssl.SSLSession tlsSession() {
        return tls == null ? null : tls.engine().getSession();
    }

    /** A connected channel, still blocking, for a TcpTransport. */
    public static SocketChannel connectChannel(String host, int port, int timeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().connect(new InetSocketAddress(host, port), timeoutMillis);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    // region Sending

    @Override
    public void flush() throws IOException {
        if (hasDeferred) {
            writeLock.lock();
            try {
                if (deferredFrames > 0) {
                    writeOut();
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** Appends one length-prefixed frame to the queue; past the bound, the send fails and the connection closes. */
    @Override
    void append(byte[] frame, int length) throws IOException {
        long queued = (long) end - start + length + 4;
        if (queued > maxOutgoingBytes) {
            close();
            throw new IOException("the peer reads too slowly: " + queued + " bytes would wait to be sent, more than the limit of " + maxOutgoingBytes
                            + " bytes (yonder.MaxOutgoingBytes)");
        }
        if (out.length - end < length + 4) {
            if (start > 0) {
                System.arraycopy(out, start, out, 0, end - start);
                end -= start;
                start = 0;
            }
            if (out.length - end < length + 4) {
                out = java.util.Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) end + length + 4, 2L * out.length)));
            }
        }
        putFrame(out, end, frame, length);
        end += length + 4;
    }

    /** Writes what the socket takes now; the writer thread sends the rest. Called under writeLock. */
    @Override
    void writeOut() throws IOException {
        noneHeldBack();
        if (withWriter) {
            return;   // Bytes are queued already: this frame goes after them, when the writer sends them.
        }
        drain();
        if (queued()) {
            withWriter = true;
            Writer.INSTANCE.add(this);
        }
    }

    /** Writes from the queue until it is empty or the socket takes no more. Called under writeLock. */
    private void drain() throws IOException {
        while (start < end) {
            int n = tls == null ? channel.write(ByteBuffer.wrap(out, start, end - start)) : tls.write(channel, out, start, end - start);
            if (n == 0) {
                stalled();
                return;
            }
            start += n;
            stalledSince = start < end ? System.nanoTime() : 0;
        }
        if (tls != null && !tls.writePending(channel)) {
            start = 0;
            end = 0;
            stalled();
            return;
        }
        start = 0;
        end = 0;
        stalledSince = 0;
        if (out.length > (1 << 20)) {
            out = new byte[8192];   // A burst's large buffer is not kept for the connection's life.
        }
    }

    private void stalled() {
        if (stalledSince == 0) {
            stalledSince = System.nanoTime();
        }
    }

    /** Whether bytes wait to be sent: frames, or over TLS records. Called under writeLock. */
    private boolean queued() {
        return start < end || tls != null && tls.hasPendingRecords();
    }

    /** The writer thread's turn: sends what it can; returns whether bytes still wait. */
    boolean drainFromWriter() {
        writeLock.lock();
        try {
            if (closed) {
                withWriter = false;
                return false;
            }
            drain();
            if (!queued()) {
                withWriter = false;
                noneHeldBack();   // frames held back meanwhile went out with the rest
                return false;
            }
            return true;
        } catch (IOException e) {
            withWriter = false;
            close();
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public long stalledWriteNanos(long now) {
        long since = stalledSince;
        return since == 0 ? 0 : now - since;
    }

    // endregion

    // region Receiving

    @Override
    public boolean hasBufferedFrame() {
        return input.hasBufferedFrame();
    }

    @Override
    public byte[] receive(int timeoutMillis) throws IOException {
        this.timeoutMillis = timeoutMillis;
        try {
            return input.receive(this::read, this::flush);
        } catch (SocketTimeoutException e) {
            return TIMED_OUT;
        }
    }

    /** Reads what has arrived, waiting in the selector up to the receive's timeout (0: for ever) when nothing has. */
    private int read(byte[] b, int off, int len) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(b, off, len);
        long deadline = timeoutMillis == 0 ? 0 : System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            int n = tls == null ? channel.read(target) : tls.read(channel, b, off, len, this::answerBelowFrames);
            if (n != 0) {
                return n;
            }
            if (woken || Thread.currentThread().isInterrupted()) {
                // Woken, or interrupted (Truffle cancels or closes the context): the caller looks at its inbox and
                // polls its safepoint now. An interrupted select would return at once, again and again.
                woken = false;
                throw new SocketTimeoutException("woken");
            }
            long wait = 0;
            if (deadline != 0) {
                wait = (deadline - System.nanoTime()) / 1_000_000L;
                if (wait <= 0) {
                    throw new SocketTimeoutException("read timed out");
                }
            }
            try {
                readSelector.select(wait);
                readSelector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                throw new IOException("the connection was closed");
            }
            if (closed) {
                throw new IOException("the connection was closed");
            }
        }
    }

    @Override
    public void wakeReceive() {
        woken = true;
        readSelector.wakeup();
    }

    @Override
    public boolean ready() throws IOException {
        if (input.hasBufferedBytes()) {
            return true;
        }
        if (tls == null) {
            return input.pull((b, off, len) -> channel.read(ByteBuffer.wrap(b, off, len))) != 0;
        }
        // Looks below the TLS records: bytes on the socket are unwrapped, and ready only when plain bytes came out.
        return input.pull((b, off, len) -> tls.read(channel, b, off, len, this::answerBelowFrames)) != 0;
    }

    /** Sends what TLS itself must answer (a key update the peer asked for), with the queued bytes. */
    private void answerBelowFrames() {
        writeLock.lock();
        try {
            writeOut();
        } catch (IOException e) {
            close();
        } finally {
            writeLock.unlock();
        }
    }

    // endregion

    @Override
    public String peerName() {
        return peerName;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is best effort; the reader sees the end of the stream either way.
        }
        readSelector.wakeup();
        try {
            readSelector.close();
        } catch (IOException ignored) {
            // Gone.
        }
    }

    /**
     * The one thread that sends the queued bytes of every TCP transport whose peer reads slower than it is answered:
     * it waits until their sockets take more, and writes. Started on first use; idle otherwise.
     */
    static final class Writer implements Runnable {
        static final Writer INSTANCE = new Writer();
        private final java.util.concurrent.ConcurrentLinkedQueue<TcpTransport> added = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private Selector selector;

        private synchronized Selector selector() throws IOException {
            if (selector == null) {
                selector = Selector.open();
                Thread t = new Thread(this, "yonder-writer");
                t.setDaemon(true);
                t.start();
            }
            return selector;
        }

        void add(TcpTransport transport) throws IOException {
            added.add(transport);
            selector().wakeup();
        }

        @Override
        public void run() {
            while (true) {
                try {
                    for (TcpTransport t; (t = added.poll()) != null;) {
                        if (t.drainFromWriter()) {
                            SelectionKey key = t.channel().keyFor(selector);
                            try {
                                if (key != null && key.isValid()) {
                                    key.interestOps(SelectionKey.OP_WRITE);
                                } else {
                                    t.channel().register(selector, SelectionKey.OP_WRITE, t);
                                }
                            } catch (java.nio.channels.ClosedChannelException | java.nio.channels.CancelledKeyException e) {
                                // Closed meanwhile: nothing more to send.
                            }
                        }
                    }
                    selector.select(1000);
                    for (java.util.Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext();) {
                        SelectionKey key = it.next();
                        it.remove();
                        // Keys are never cancelled here (a cancelled key cannot be registered again before the next
                        // select); a drained transport's key just stops asking, and a closed channel's goes by itself.
                        if (key.isValid() && !((TcpTransport) key.attachment()).drainFromWriter() && key.isValid()) {
                            key.interestOps(0);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // One transport's failure closed it (drainFromWriter); the writer goes on for the others.
                }
            }
        }
    }
}
