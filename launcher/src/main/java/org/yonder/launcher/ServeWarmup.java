package org.yonder.launcher;

import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A server's warm-up before it announces itself ({@code yonder serve --warmup SECONDS}): a private server and client in
 * this JVM, on a loopback socket of their own, make the calls every first client makes (a null call, a member read, a
 * call with an array and an object, a callback, a loop over a remote array) for the given time (with {@code --jit
 * settle}, then until compilation is quiet: {@link #untilQuiet}). So the JVM has compiled
 * Yonder's own paths of both sides (transport, session, marshalling, dispatch) and the Graal compiler itself (Java code
 * that HotSpot compiles as it runs) before the first real request, which otherwise waits on them for seconds on a
 * small machine (docs/performance-tail.md). Nothing of the served script runs, and nothing of the warm-up stays: its
 * contexts are closed, and its listener with them, before the real one opens.
 */
final class ServeWarmup {
    /** The warm-up's own object, served on its private listener. */
    private static final String SERVED = """
                    Polyglot.export('svc', {
                      value: 42,
                      data: Array.from({ length: 1000 }, (_, i) => i),
                      noop() {},
                      add(a, lst, obj) { let s = a; for (const x of lst) s += x; return s; },
                      call_back(cb, n) { for (let i = 0; i < n; i++) cb(i); return n; },
                    });
                    """;

    /** The warm-up's client: the calls above, in rounds, until the time is up. */
    private static final String CLIENT = """
                    (function (svc, nanos, now) {
                      const end = now() + nanos;
                      const local = { tag: 'local' };
                      let rounds = 0;
                      while (now() < end) {
                        for (let i = 0; i < 200; i++) {
                          svc.noop();
                          if (svc.value !== 42 || svc.add(1, [1, 2, 3], local) !== 7) throw new Error('warm-up: wrong answer');
                        }
                        svc.call_back((i) => i, 10);
                        let s = 0;
                        for (const x of svc.data) s += x;
                        rounds++;
                      }
                      return rounds;
                    })
                    """;

    private ServeWarmup() {
    }

    /** Runs the warm-up for {@code seconds} (nothing for 0); a failure is reported and does not stop the server. */
    static void run(double seconds, Jit jit, java.io.PrintStream err) {
        if (seconds <= 0) {
            return;
        }
        long nanos = (long) (seconds * 1e9);
        Context server = null;
        Thread serving = null;
        try {
            server = jit.configure(Context.newBuilder().allowAllAccess(true)).option("yonder.Listen", "127.0.0.1:0").build();
            server.eval("js", SERVED);
            server.initialize("yonder");
            String url = server.eval("yonder", "listener").getMember("url").asString();
            Context served = server;
            serving = new Thread(() -> {
                try {
                    served.eval("yonder", "serve");
                } catch (PolyglotException e) {
                    // Cancelled when the warm-up is done.
                }
            }, "yonder-warmup-server");
            serving.setDaemon(true);
            serving.start();
            try (Context client = jit.configure(Context.newBuilder().allowAllAccess(true)).build()) {
                Value svc = client.eval("yonder", url + "/svc");
                Value now = client.eval("js", "() => Number(Java.type('java.lang.System').nanoTime())");
                Value rounds = client.eval("js", CLIENT);
                rounds.execute(svc, nanos, now);
                if (jit == Jit.SETTLE) {
                    untilQuiet(rounds, svc, now);
                }
            }
        } catch (PolyglotException | IllegalStateException e) {
            err.println("yonder: warm-up skipped: " + e.getMessage());
        } finally {
            stop(server, serving);
        }
    }

    /** A slice of {@link #untilQuiet}, and how many quiet ones in a row end it (one second). */
    private static final long SLICE_NANOS = 250_000_000L;
    private static final int QUIET_SLICES = 4;
    /** HotSpot compilation time in a slice that still counts as quiet (a tenth of it: C1's small, quick compilations go on). */
    private static final long QUIET_COMPILE_MILLIS = 25;
    /** The longest {@link #untilQuiet} goes on after the given time. */
    private static final long MAX_MORE_NANOS = 40_000_000_000L;

    /**
     * {@code --jit settle}: goes on with the rounds after the given time, in slices of a quarter second, until a second
     * of slices in a row compiled (almost) nothing and ran at least three quarters as many rounds as the best slice so
     * far (Truffle's compilations run in the calling thread in this mode, so a slice that waited for one does fewer
     * rounds), for at most {@link #MAX_MORE_NANOS} more. So the compilations a first client would meet happen here, not
     * in its calls: on this 2-CPU machine HotSpot was still compiling (the Graal compiler's own code, with C2) for 30-45
     * s, and with it done W1's p99 went from 3.8-5.0x the median to 2.8-3.3x (TailProbe --jit settle, docs/performance-tail.md).
     */
    private static void untilQuiet(Value rounds, Value svc, Value now) {
        java.lang.management.CompilationMXBean compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long end = System.nanoTime() + MAX_MORE_NANOS;
        int quiet = 0;
        int best = 0;
        while (quiet < QUIET_SLICES && System.nanoTime() < end) {
            long compiled = compiler.getTotalCompilationTime();
            int done = rounds.execute(svc, SLICE_NANOS, now).asInt();
            long compiling = compiler.getTotalCompilationTime() - compiled;
            best = Math.max(best, done);
            quiet = compiling <= QUIET_COMPILE_MILLIS && done * 4 >= best * 3 ? quiet + 1 : 0;
        }
    }

    /** Cancels the private server's serve loop and closes its context (and its listener). */
    private static void stop(Context server, Thread serving) {
        if (server == null) {
            return;
        }
        try {
            server.close(true);
        } catch (PolyglotException | IllegalStateException e) {
            // A cancelled context may say so while it closes; it is closed all the same.
        }
        if (serving != null) {
            try {
                serving.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
