package org.yonder.launcher;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code nats-server -js} as a child process on 127.0.0.1 and a free port, with a store folder of its own,
 * for the NATS backbone's tests and bench rows (docs/multiplex-nats.md). {@link #start()} fails with what to install
 * when it is not on the PATH.
 */
public final class NatsServer implements AutoCloseable {
    private final Process process;
    private final String url;

    private NatsServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** The {@code nats-server} executable on the PATH (or in an sbin folder), or null. */
    public static String executable() {
        String path = System.getenv("PATH") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/local/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, "nats-server");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** Starts one and waits up to 20 s for its port to accept. */
    public static NatsServer start() throws IOException {
        String server = executable();
        if (server == null) {
            throw new IOException("nats-server is not on the PATH: install it (Debian: apt-get install nats-server; .ci/run does)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path store = Files.createTempDirectory("yonder-nats");
        Path log = store.resolve("nats.log");
        Process p = new ProcessBuilder(server, "-js", "-a", "127.0.0.1", "-p", Integer.toString(port), "-sd", store.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new NatsServer(p, "nats://127.0.0.1:" + port);
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > until) {
                    p.destroyForcibly();
                    throw new IOException("nats-server did not start:\n" + Files.readString(log));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while nats-server started", e);
                }
            }
        }
    }

    /** {@code nats://127.0.0.1:PORT}, the value of {@code --yonder.Backbone}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
