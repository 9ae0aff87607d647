package org.yonder.launcher.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The script's stdin in the daemon. Pulled, not pushed: each read asks the client for at most that many bytes
 * (STDIN_WANTED) and waits for its STDIN answer, so the client reads from its own stdin only what the script reads,
 * as a fresh JVM would; what the script leaves unread stays in the terminal or pipe. An empty answer, or the client
 * going away, is the end of input.
 */
final class ClientInput extends InputStream {
    private static final byte[] END = new byte[0];
    private final OutputStream connection;
    private final LinkedBlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
    private boolean ended;

    ClientInput(OutputStream connection) {
        this.connection = connection;
    }

    /** A STDIN frame from the client (called by the connection's reader). */
    void answer(byte[] bytes) {
        answers.add(bytes);
    }

    /** The client is gone: every read from now on, and one that waits, sees the end of input. */
    void clientGone() {
        answers.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        synchronized (connection) {
            Frames.writeInt(connection, Frames.STDIN_WANTED, Math.min(len, 65_536));
        }
        byte[] got;
        try {
            got = answers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("stdin read interrupted");
        }
        if (got.length == 0) {
            ended = true;
            return -1;
        }
        int n = Math.min(got.length, len);   // the client sends at most what was asked
        System.arraycopy(got, 0, b, off, n);
        return n;
    }
}
