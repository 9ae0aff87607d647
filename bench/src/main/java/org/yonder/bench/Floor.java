package org.yonder.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The TCP ping-pong floor, measured in the same run as Yonder: a 32-byte request and a 32-byte echo over 127.0.0.1,
 * TCP_NODELAY on both ends, a server thread per connection in a separate process (as ../shared/peers/floor does).
 */
public final class Floor {
    static final int SIZE = 32;

    private Floor() {
    }

    /** Server process: prints {@code PORT n}, then echoes 32-byte messages on every connection until killed. */
    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            System.out.println("PORT " + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> echo(s));
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void echo(Socket s) {
        byte[] b = new byte[SIZE];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            DataInputStream din = new DataInputStream(in);
            while (true) {
                din.readFully(b);
                out.write(b);
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    /** One client connection: {@link #pingPong()} is one round trip. */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final byte[] buf = new byte[SIZE];

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void pingPong() {
            try {
                out.write(buf);
                in.readFully(buf);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
