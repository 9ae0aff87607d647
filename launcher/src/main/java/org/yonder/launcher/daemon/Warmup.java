package org.yonder.launcher.daemon;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.yonder.launcher.Launch;
import org.yonder.launcher.Main;

/**
 * Warms the daemon's engine off the critical path: on a background thread, a {@code yonder serve} and a few
 * {@code yonder run}s of small JS scripts that make remote calls over an in-memory listener (no port is opened), through
 * {@link Main}'s own code path. The runs after it find GraalJS, the yonder language and the remote object space loaded,
 * and their shared code already parsed; runs do not wait for it.
 */
final class Warmup {
    private static final String SERVER = """
                    class Account { constructor(n) { this.balance = n; } withdraw(n) { if (n > this.balance) throw new RangeError('limit'); return this.balance -= n; } }
                    Polyglot.export('svc', { value: 42, add: (a, b, o) => a + (Array.isArray(b) ? b.reduce((x, y) => x + y, 0) : b), open: (n) => new Account(n),
                      later: (x) => new Promise((resolve) => setTimeout(() => resolve(x), 1)) });
                    """;
    private static final String CLIENT = """
                    const svc = Polyglot.import('svc');
                    let s = svc.value;
                    for (let i = 0; i < 20; i++) s = svc.add(s, [1, 2, 3], {});
                    const a = svc.open(100);
                    try { a.withdraw(500); } catch (e) { String(e.stack); }
                    console.log(s, JSON.stringify({ s, list: [1, 2, 3] }), a.balance);
                    svc.later(1).then((x) => console.log(x));
                    setTimeout(() => queueMicrotask(() => {}), 1);
                    """;
    private static final int CLIENT_RUNS = 3;

    private Warmup() {
    }

    static void start(Engine engine, Daemon daemon) {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                run(engine);
                daemon.warmth("warm (warm-up took " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            } catch (IOException | RuntimeException e) {
                daemon.warmth("warm-up failed (the daemon works, only colder): " + e);
            }
        }, "yonder-daemon-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run(Engine engine) throws IOException {
        Path dir = Files.createTempDirectory("yonder-warmup");
        try {
            Path server = Files.writeString(dir.resolve("warm-server.js"), SERVER);
            Path client = Files.writeString(dir.resolve("warm-client.js"), CLIENT);
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            CompletableFuture<String> url = new CompletableFuture<>();
            CompletableFuture<Context> serverContext = new CompletableFuture<>();
            PrintStream ready = new PrintStream(new LineWatcher(url), true, StandardCharsets.UTF_8);
            Thread serving = new Thread(() -> {
                Main.run(new String[]{"serve", server.toString(), "--listen", "mem:yonder-daemon-warmup-" + ProcessHandle.current().pid(), "--warmup", "0"},
                                new Launch(engine, null, c -> {
                    c.initialize("yonder");
                    serverContext.complete(c);
                }), ready, discard);
                url.completeExceptionally(new IOException("the warm-up server stopped"));
            }, "yonder-daemon-warmup-server");
            serving.setDaemon(true);
            serving.start();
            try {
                String u = url.get(120, TimeUnit.SECONDS);
                for (int i = 0; i < CLIENT_RUNS; i++) {
                    Main.run(new String[]{"run", client.toString(), "--connect", u}, new Launch(engine, new ByteArrayInputStream(new byte[0]), c -> c.initialize("yonder")),
                                    discard, discard);
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("warm-up server: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                serverContext.thenAccept(c -> c.close(true));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Completes {@code url} with the URL of the server's ready line. */
    private static final class LineWatcher extends OutputStream {
        private final CompletableFuture<String> url;
        private final StringBuilder line = new StringBuilder();

        LineWatcher(CompletableFuture<String> url) {
            this.url = url;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                String l = line.toString();
                line.setLength(0);
                if (l.startsWith(Main.READY_PREFIX)) {
                    url.complete(l.substring(Main.READY_PREFIX.length()).trim());
                }
            } else {
                line.append((char) b);
            }
        }
    }
}
