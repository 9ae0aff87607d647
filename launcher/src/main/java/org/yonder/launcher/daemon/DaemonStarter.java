package org.yonder.launcher.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and starts the daemon of a key. Who may start one is settled by {@code KEY.lock}: a client that gets it (no
 * daemon of the key is alive, since a live one holds it all its life) starts the daemon and lets go of it, and the
 * daemon takes it as its first act; a client that finds it taken knows a daemon is starting (or serving) and starts
 * none. The client that starts a daemon does not wait for it: its own run goes to a fresh JVM, so the first run costs
 * what it cost before there was a daemon, and the daemon waits for that client to finish before it loads Truffle.
 */
final class DaemonStarter {
    private static final long MAX_LOG_BYTES = 1 << 20;
    /** After a daemon of a key failed to start, runs do not try again for this long ({@code yonder daemon start} does). */
    static final long RETRY_AFTER_MS = 30_000;
    /** sun_path of a Unix socket address holds 108 bytes, the last a NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    /** By name: the thin client must not load the daemon's classes, which need Truffle. */
    private static final String DAEMON_CLASS = "org.yonder.launcher.daemon.Daemon";

    private final Installation installation;
    private final Path folder;
    private final String key;

    DaemonStarter(Installation installation, Path folder, String key) {
        this.installation = installation;
        this.folder = folder;
        this.key = key;
    }

    Path socket() {
        return folder.resolve(key + ".sock");
    }

    Path log() {
        return folder.resolve(key + ".log");
    }

    /** A connection to the daemon, or null if none listens. */
    SocketChannel connect() {
        return connect(socket());
    }

    static SocketChannel connect(Path socket) {
        if (!Files.exists(socket)) {
            return null;
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return channel;
            } catch (IOException e) {
                channel.close();
                return null;   // a socket file left by a daemon that is gone (or going)
            }
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Starts the daemon in the background unless one of this key is alive or starting, or (unless {@code force}) one
     * failed to start in the last {@link #RETRY_AFTER_MS}: a daemon that cannot start must not cost every run a JVM.
     * {@code starter} is the process the daemon lets finish before it loads Truffle (0: none). The daemon's process,
     * or null if none was started.
     */
    Process startInBackground(long starter, boolean force) throws IOException {
        if (socket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            return null;   // no Unix socket can have this name: no daemon here
        }
        Path lockPath = folder.resolve(key + ".lock");
        boolean triedBefore = Files.exists(lockPath);
        try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return null;   // a daemon of this key is alive or starting
            }
            if (!force && triedBefore && Files.getLastModifiedTime(lockPath).toMillis() > System.currentTimeMillis() - RETRY_AFTER_MS) {
                return null;   // the last start of this key failed (a daemon that listened set the time to 0) just now
            }
            Files.setLastModifiedTime(lockPath, FileTime.fromMillis(System.currentTimeMillis()));
            SocketChannel answering = connect();
            if (answering != null) {
                answering.close();
                return null;
            }
            Files.deleteIfExists(socket());   // a dead daemon's
            sweep();
            List<String> command = new ArrayList<>();
            Path setsid = Path.of("/usr/bin/setsid");
            if (Files.isExecutable(setsid)) {
                command.add(setsid.toString());   // its own session: no Ctrl-C or hang-up of this terminal reaches it
            }
            command.addAll(installation.command(DAEMON_CLASS, List.of(socket().toString(), key, Long.toString(starter))));
            if (Files.exists(log()) && Files.size(log()) > MAX_LOG_BYTES) {
                Files.delete(log());   // earlier daemons' lines of this key are kept, up to a point
            }
            return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).redirectErrorStream(true).start();
        }
    }

    /** Waits until the daemon listens (a connection to it), or null if it died or did not within the timeout. */
    SocketChannel awaitListening(Process daemon, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            SocketChannel channel = connect();
            if (channel != null) {
                return channel;
            }
            if (daemon != null && !daemon.isAlive()) {
                return connect();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static long lastWritten(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Removes the logs and free locks of other keys that have no socket and whose log is more than a week old. */
    private void sweep() {
        long weekAgo = System.currentTimeMillis() - 7L * 24 * 3600 * 1000;
        try (var files = Files.list(folder)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String other = name.substring(0, Math.max(dot, 0));
                // A lock's time says how its last start went, not when it was used: its log's time says that.
                if (dot <= 0 || other.equals(key) || Files.exists(folder.resolve(other + ".sock")) || lastWritten(folder.resolve(other + ".log")) > weekAgo) {
                    continue;
                }
                if (name.endsWith(".log")) {
                    Files.deleteIfExists(p);
                } else if (name.endsWith(".lock")) {
                    try (FileChannel f = FileChannel.open(p, StandardOpenOption.WRITE); FileLock free = f.tryLock()) {
                        if (free != null) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // Housekeeping only.
        }
    }
}
