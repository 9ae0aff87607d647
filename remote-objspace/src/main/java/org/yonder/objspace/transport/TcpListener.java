package org.yonder.objspace.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Accepts TCP connections on one address and hands each one, as a connected channel still in blocking mode, to its
 * acceptor, which makes a {@link TcpTransport} of it or layers TLS on its socket ({@link TlsTransport}).
 */
public final class TcpListener implements Closeable {
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private volatile boolean closed;

    /** What the listener does with each accepted channel; it must not block for long (it runs on the accepting thread). */
    public interface Acceptor {
        void accept(SocketChannel channel) throws IOException;
    }

    public TcpListener(String host, int port, Acceptor onAccept) throws IOException {
        this.server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        this.acceptor = new Thread(() -> acceptLoop(onAccept), "yonder-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(Acceptor onAccept) {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue;   // One failed accept does not stop the listener.
            }
            try {
                onAccept.accept(channel);
            } catch (IOException | RuntimeException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Gone.
                }
            }
        }
    }

    public String host() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getAddress().getHostAddress();
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
