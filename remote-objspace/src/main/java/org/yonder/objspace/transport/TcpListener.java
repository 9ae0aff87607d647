package org.yonder.objspace.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;

/** Accepts TCP connections on one address and hands each one, as a {@link Transport}, to a consumer. */
public final class TcpListener implements Closeable {
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile boolean closed;

    public TcpListener(String host, int port, int maxFrameBytes, Consumer<Transport> onAccept) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        this.acceptor = new Thread(() -> acceptLoop(maxFrameBytes, onAccept), "yonder-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(int maxFrameBytes, Consumer<Transport> onAccept) {
        while (!closed) {
            try {
                Socket socket = server.accept();
                onAccept.accept(new TcpTransport(socket, maxFrameBytes));
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
