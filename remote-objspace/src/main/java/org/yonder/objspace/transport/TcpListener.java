package org.yonder.objspace.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/** Accepts TCP connections on one address and hands each socket to its acceptor (which may layer TLS on it). */
public final class TcpListener implements Closeable {
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile boolean closed;

    /** What the listener does with each accepted socket; it must not block for long (it runs on the accepting thread). */
    public interface Acceptor {
        void accept(Socket socket) throws IOException;
    }

    public TcpListener(String host, int port, Acceptor onAccept) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        this.acceptor = new Thread(() -> acceptLoop(onAccept), "yonder-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(Acceptor onAccept) {
        while (!closed) {
            try {
                Socket socket = server.accept();
                try {
                    onAccept.accept(socket);
                } catch (IOException | RuntimeException e) {
                    socket.close();
                }
            } catch (SocketException e) {
                if (closed) {
                    return;
                }
            } catch (IOException e) {
                // One failed accept does not stop the listener.
            }
        }
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
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
