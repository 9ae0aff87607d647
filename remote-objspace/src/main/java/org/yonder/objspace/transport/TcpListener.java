package org.yonder.objspace.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;

/**
 * Accepts TCP connections on one address and hands each connection's channel to its acceptor, for a
 * {@link TcpTransport} (in the clear, or over TLS).
 */
public final class TcpListener implements Closeable {
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private volatile boolean closed;

    /** What the listener does with each accepted socket; it must not block for long (it runs on the accepting thread). */
    public interface Acceptor {
        void accept(java.nio.channels.SocketChannel socket) throws IOException;
    }

    public TcpListener(String host, int port, Acceptor onAccept) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
        this.server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(address, 128);
        this.acceptor = new Thread(() -> acceptLoop(onAccept), "yonder-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(Acceptor onAccept) {
        while (!closed) {
            java.nio.channels.SocketChannel socket;
            try {
                socket = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;   // One failed accept does not stop the listener.
            }
            try {
                onAccept.accept(socket);
            } catch (IOException | RuntimeException e) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Gone.
                }
            }
        }
    }

    private java.net.ServerSocket socket() {
        return server.socket();
    }

    public String host() {
        return socket().getInetAddress().getHostAddress();
    }

    public int port() {
        return socket().getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket().close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
