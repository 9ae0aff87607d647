package org.yonder.launcher.daemon;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The script's stdout or stderr in the daemon: each write goes to the client at once as OUT or ERR frames on the
 * shared connection, so the order of the two streams' bytes is kept. After the client is gone writes fail, as they
 * would on a closed pipe.
 */
final class ClientOutput extends OutputStream {
    private static final int CHUNK = 64 * 1024;
    private final OutputStream connection;
    private final byte type;

    ClientOutput(OutputStream connection, byte type) {
        this.connection = connection;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i += CHUNK) {
            synchronized (connection) {
                Frames.write(connection, type, b, off + i, Math.min(CHUNK, len - i));
            }
        }
    }
}
