package org.yonder.objspace.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;

/**
 * Accepts TCP connections on one address and hands each socket to its acceptor. A listener of channels hands sockets
 * whose {@code getChannel()} is the connection's channel, for a {@link TcpTransport}; one of plain sockets (for TLS,
 * {@link TlsTransport}) hands classic sockets, whose blocking streams the JDK's TLS reads faster than a channel's.
 */
public final class TcpListener implements Closeable {
    private final ServerSocketChannel server;
    private final java.net.ServerSocket plain;
    private final Thread acceptor;
    private volatile boolean closed;

    /** What the listener does with each accepted socket; it must not block for long (it runs on the accepting thread). */
    public interface Acceptor {
        void accept(java.net.Socket socket) throws IOException;
    }

    public TcpListener(String host, int port, Acceptor onAccept) throws IOException {
        this(host, port, true, onAccept);
    }

    public TcpListener(String host, int port, boolean channels, Acceptor onAccept) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
        if (channels) {
            this.server = ServerSocketChannel.open();
            this.plain = null;
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 128);
        } else {
            this.server = null;
            this.plain = new java.net.ServerSocket();
            plain.setReuseAddress(true);
            plain.bind(address, 128);
        }
        this.acceptor = new Thread(() -> acceptLoop(onAccept), "yonder-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(Acceptor onAccept) {
        while (!closed) {
            java.net.Socket socket;
            try {
                socket = server != null ? server.accept().socket() : plain.accept();
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
        return server != null ? server.socket() : plain;
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
