package org.yonder.launcher.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import org.graalvm.polyglot.Engine;

/**
 * The warm {@code yonder run} daemon of one key ({@link DaemonKey}): a full yonder JVM, started by a thin client
 * ({@link DaemonStarter}) in the client's working folder and environment, that holds one polyglot {@link Engine} and runs each script in a fresh
 * context on it ({@link DaemonRun}), one at a time; a client that finds it busy runs its script in a fresh JVM. It
 * listens on a Unix socket in the user's 0700 folder and serves only its own user (SO_PEERCRED). It exits after
 * {@code YONDER_DAEMON_IDLE} seconds without a run (default 1800), on {@code yonder daemon stop}, or when a script
 * calls {@code System.exit}; its log is the socket's name with {@code .log}.
 *
 * <p>Arguments: the socket's path, the key, and the pid of the client that started it (0: none).
 */
public final class Daemon {
    static final long DEFAULT_IDLE_SECONDS = 1800;

    private final Path socket;
    private final String key;
    private final Duration idle;
    private final PrintStream log = System.out;
    private final Instant started = Instant.now();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private volatile long lastUse = System.nanoTime();
    private volatile DaemonRun current;
    private volatile boolean stopping;
    private volatile String warmth = "warming up";
    private FileLock keyLock;
    private Engine engine;
    private ServerSocketChannel server;
    private Object socketFile;

    private Daemon(Path socket, String key, Duration idle) {
        this.socket = socket;
        this.key = key;
        this.idle = idle;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Daemon SOCKET KEY STARTER_PID (started by the yonder thin client)");
            System.exit(2);
        }
        Daemon daemon = new Daemon(Path.of(args[0]), args[1], Duration.ofSeconds(idleSeconds(System.getenv("YONDER_DAEMON_IDLE"))));
        if (daemon.takeKey()) {
            daemon.letStarterFinish(Long.parseLong(args[2]));
            daemon.serve();
        }
    }

    private static long idleSeconds(String setting) {
        try {
            return setting == null || setting.isBlank() ? DEFAULT_IDLE_SECONDS : Math.max(1, Long.parseLong(setting.trim()));
        } catch (NumberFormatException e) {
            System.out.println("YONDER_DAEMON_IDLE=" + setting + " is not a number of seconds: " + DEFAULT_IDLE_SECONDS + " s instead");
            return DEFAULT_IDLE_SECONDS;
        }
    }

    /**
     * Takes {@code KEY.lock} for the daemon's life (the client that started it lets go of it just after): while it is
     * held, no client starts another daemon of this key. False if another daemon of the key has it.
     */
    private boolean takeKey() throws IOException {
        FileChannel lockFile = FileChannel.open(socket.resolveSibling(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            keyLock = lockFile.tryLock();
            if (keyLock != null) {
                return true;
            }
            sleepQuietly(20);
        }
        log("another daemon of key " + key + " holds its lock: exiting");
        lockFile.close();
        return false;
    }

    /** The client that started this daemon runs its own script in a fresh JVM: Truffle loads after that (at most 10 s). */
    private void letStarterFinish(long starter) {
        if (starter > 0) {
            ProcessHandle.of(starter).ifPresent(p -> {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (InterruptedException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // Go on.
                }
            });
        }
    }

    private void serve() throws IOException {
        ExitRelay.install(this::scriptExits);
        engine = Engine.create();
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Files.deleteIfExists(socket);   // a dead daemon's: this one holds the key's lock
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        socketFile = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
        UserPrincipal owner = Files.getOwner(socket);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopListening, "yonder-daemon-unlink"));
        lastUse = System.nanoTime();   // idle from now, not from before the engine was made
        Files.setLastModifiedTime(socket.resolveSibling(key + ".lock"), FileTime.fromMillis(0));   // started well: no back-off for the next start
        log("pid " + ProcessHandle.current().pid() + " serving " + socket + " (key " + key + ", idle exit after " + idle.toSeconds() + " s), in "
                        + Path.of("").toAbsolutePath());
        Warmup.start(engine, this);
        Thread idleWatch = new Thread(this::idleWatch, "yonder-daemon-idle");
        idleWatch.setDaemon(true);
        idleWatch.start();
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                throw e;
            }
            try {
                UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
                if (!peer.user().equals(owner)) {
                    log("refused a connection from user " + peer.user().getName());
                    channel.close();
                    continue;
                }
            } catch (IOException | UnsupportedOperationException e) {
                log("refused a connection whose peer is unknown: " + e);
                channel.close();
                continue;
            }
            Thread t = new Thread(null, () -> handle(channel), "yonder-daemon-connection", org.yonder.launcher.Main.STACK_BYTES);   // runs scripts: the stack of a fresh JVM's
            t.start();
        }
    }

    /** One connection: a RUN, STATUS or STOP. Bad input gets FAILED and the connection is closed; the daemon serves on. */
    private void handle(SocketChannel channel) {
        try (channel) {
            InputStream in = Channels.newInputStream(channel);
            OutputStream out = Channels.newOutputStream(channel);
            try {
                Frames.Frame request = Frames.read(in);
                if (request == null) {
                    return;
                }
                switch (request.type()) {
                    case Frames.STATUS -> Frames.writeText(out, Frames.INFO, status());
                    case Frames.STOP -> {
                        Frames.writeText(out, Frames.INFO, "yonder: stopping daemon pid " + ProcessHandle.current().pid() + " (key " + key + ")");
                        stop();
                    }
                    case Frames.RUN -> run(request.asStrings(), in, out);
                    default -> throw new Frames.BadFrame("expected RUN, STATUS or STOP, not frame " + (char) request.type());
                }
            } catch (Frames.BadFrame e) {
                log("bad request: " + e.getMessage());
                synchronized (out) {
                    Frames.writeText(out, Frames.FAILED, "bad request: " + e.getMessage());
                }
                channel.shutdownOutput();
            }
        } catch (IOException e) {
            log("connection: " + e);
        }
    }

    private void run(List<String> request, InputStream in, OutputStream out) throws IOException {
        if (request.size() < 5 || !request.get(0).equals(String.valueOf(Frames.VERSION))) {
            throw new Frames.BadFrame("a RUN needs version " + Frames.VERSION + ", key, stdout and stderr charsets, and arguments");
        }
        if (!request.get(1).equals(key)) {
            throw new Frames.BadFrame("this daemon's key is " + key + ", not " + request.get(1));
        }
        if (!request.get(4).equals("run")) {
            throw new Frames.BadFrame("a daemon runs only 'yonder run', not '" + request.get(4) + "'");
        }
        Charset stdout;
        Charset stderr;
        try {
            stdout = Charset.forName(request.get(2));
            stderr = Charset.forName(request.get(3));
        } catch (IllegalArgumentException e) {
            throw new Frames.BadFrame("unknown charset: " + e.getMessage());
        }
        if (stopping || !busy.compareAndSet(false, true)) {
            Frames.write(out, Frames.BUSY, new byte[0]);
            return;
        }
        try {
            current = new DaemonRun(this, in, out, stdout, stderr, request.subList(4, request.size()));
            long t0 = System.nanoTime();
            int status = current.run(engine);
            log("run " + runs.incrementAndGet() + ": " + String.join(" ", request.subList(4, request.size())) + " -> " + status + " in "
                            + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } finally {
            current = null;
            lastUse = System.nanoTime();
            busy.set(false);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String status() {
        long idleSeconds = busy.get() ? 0 : (System.nanoTime() - lastUse) / 1_000_000_000L;
        return "yonder daemon pid " + ProcessHandle.current().pid() + ", key " + key + ", in " + Path.of("").toAbsolutePath() + ", up since " + started
                        + ", " + runs.get() + " runs, " + (busy.get() ? "running a script" : "idle for " + idleSeconds + " s of " + idle.toSeconds())
                        + ", " + warmth + ", log " + socket.resolveSibling(key + ".log");
    }

    private void idleWatch() {
        long tick = Math.max(100, Math.min(5_000, idle.toMillis() / 10));
        while (true) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() - lastUse > idle.toNanos() && busy.compareAndSet(false, true)) {
                log("idle for " + idle.toSeconds() + " s: exiting");
                exit(0);
            }
        }
    }

    /** {@code yonder daemon stop}: no new runs, the running script cancelled, then exit. */
    private void stop() {
        stopListening();
        DaemonRun run = current;
        if (run != null) {
            run.cancel("yonder daemon stop");
        }
        new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (current != null && System.nanoTime() < deadline) {
                sleepQuietly(10);   // the cancelled run's client gets its status (130) before the JVM goes
            }
            exit(0);
        }, "yonder-daemon-stop").start();
    }

    /** A script called {@code System.exit(status)}: stop taking runs, then its client gets the status. */
    private void scriptExits(int status) {
        if (stopping) {
            return;
        }
        stopListening();
        DaemonRun run = current;
        log("a script called System.exit(" + status + ")" + (run == null ? " outside a run" : ""));
        if (run != null) {
            run.exiting(status);
        }
    }

    /** The daemon cannot go on (a script that will not stop): no new runs, and halt. */
    void abandon(String why) {
        log("giving up: " + why);
        stopListening();
        Runtime.getRuntime().halt(70);
    }

    private void exit(int status) {
        stopListening();
        System.exit(status);
    }

    /** Closes the socket and removes its file if it is still this daemon's, so the next client starts a new daemon. */
    private synchronized void stopListening() {
        stopping = true;
        try {
            server.close();
        } catch (IOException e) {
            // Closed.
        }
        try {
            if (Files.exists(socket) && Files.readAttributes(socket, BasicFileAttributes.class).fileKey().equals(socketFile)) {
                Files.delete(socket);
            }
        } catch (IOException e) {
            // Gone already.
        }
    }

    /** What {@link Warmup} reports, for the status. */
    void warmth(String state) {
        warmth = state;
        log(state);
    }

    void log(String message) {
        log.println(Instant.now() + " " + message);
        log.flush();
    }
}
