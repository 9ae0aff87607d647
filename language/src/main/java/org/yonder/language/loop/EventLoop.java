package org.yonder.language.loop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;

import org.yonder.objspace.session.Inbox;

/**
 * The timers of one context ({@code setTimeout}, {@code setInterval} and their {@code clear}s, which the launcher
 * installs for JS scripts), run on the context's own threads, as everything that enters it is.
 * <p>
 * One clock thread per JVM waits for the timers of every context; a timer that is due posts its callback to its
 * context's inbox, and whichever thread serves the inbox runs it. A callback runs only in the context's event loop
 * (the outermost serving loop: {@code yonder serve}, or {@code yonder run} after the script), never inside a wait for a
 * remote answer, so that, as in any JS event loop, a timer never interrupts code that is running: one that falls due
 * during a wait runs when the loop gets the thread back. After each callback the context's promise jobs run. A
 * callback's uncaught error is reported on the context's error stream and the loop goes on, as a browser does.
 */
public final class EventLoop {
    private static final ScheduledThreadPoolExecutor CLOCK = clock();
    /** The loop's serving depth, per thread: timers run only there (see {@link Inbox#depth()}). */
    private static final ThreadLocal<int[]> LOOP_DEPTH = ThreadLocal.withInitial(() -> new int[]{-1});
    /** A timer that fell due outside the loop looks again after this long. */
    private static final long RETRY_NANOS = 1_000_000L;

    private final Inbox inbox;
    private final Runnable afterEach;
    private final Consumer<String> report;
    private final Map<Long, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    /** {@code afterEach} runs the context's promise jobs; {@code report} prints an uncaught error. */
    public EventLoop(Inbox inbox, Runnable afterEach, Consumer<String> report) {
        this.inbox = inbox;
        this.afterEach = afterEach;
        this.report = report;
    }

    private static ScheduledThreadPoolExecutor clock() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "yonder-timers");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    private final class Timer {
        final long id;
        final Object callback;
        final long periodNanos;
        volatile ScheduledFuture<?> future;

        Timer(long id, Object callback, long periodNanos) {
            this.id = id;
            this.callback = callback;
            this.periodNanos = periodNanos;
        }
    }

    /**
     * Calls {@code callback} (no arguments) after {@code delayMillis}, and then every {@code delayMillis} if
     * {@code repeat}; returns the timer's id. A delay below 1 ms, or not a number, is 1 ms, as in browsers and Node.
     */
    @TruffleBoundary
    public long schedule(Object callback, double delayMillis, boolean repeat) {
        long nanos = (long) (!(delayMillis >= 1) ? 1 : Math.min(delayMillis, Integer.MAX_VALUE)) * 1_000_000L;
        Timer t = new Timer(ids.incrementAndGet(), callback, repeat ? nanos : 0);
        timers.put(t.id, t);
        if (closed) {
            timers.remove(t.id);
            return t.id;
        }
        arm(t, nanos);
        return t.id;
    }

    /** Stops a timer; an unknown or finished one is no error. */
    @TruffleBoundary
    public void cancel(long id) {
        Timer t = timers.remove(id);
        if (t != null && t.future != null) {
            t.future.cancel(false);
        }
    }

    /** How many timers are still to run: pending timeouts and live intervals. */
    public int pending() {
        return timers.size();
    }

    /** The current thread serves this context's event loop from now on, in its next serving loop. */
    public static void enterLoop() {
        LOOP_DEPTH.get()[0] = Inbox.depth() + 1;
    }

    /** The current thread's event loop ended. */
    public static void leaveLoop() {
        LOOP_DEPTH.get()[0] = -1;
    }

    /** The context closes: no timer runs any more. */
    public void close() {
        closed = true;
        for (Timer t : timers.values()) {
            if (t.future != null) {
                t.future.cancel(false);
            }
        }
        timers.clear();
    }

    private void arm(Timer t, long nanos) {
        t.future = CLOCK.schedule(() -> inbox.post(() -> fire(t)), nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs on a thread that serves the inbox. */
    private void fire(Timer t) {
        if (closed || timers.get(t.id) != t) {
            return;   // cleared meanwhile
        }
        if (Inbox.depth() != LOOP_DEPTH.get()[0]) {
            arm(t, RETRY_NANOS);   // inside a wait for a remote answer, or outside the loop: not now
            return;
        }
        if (t.periodNanos == 0) {
            timers.remove(t.id);
        }
        try {
            InteropLibrary.getUncached().execute(t.callback);
        } catch (AbstractTruffleException | InteropException e) {
            report.accept("uncaught error in a timer: " + describe(e));
        }
        afterEach.run();
        if (t.periodNanos != 0 && !closed && timers.get(t.id) == t) {
            arm(t, t.periodNanos);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof AbstractTruffleException) {
            try {
                InteropLibrary interop = InteropLibrary.getUncached();
                if (interop.hasExceptionMessage(e)) {
                    return interop.asString(interop.getExceptionMessage(e));
                }
            } catch (InteropException | RuntimeException ignored) {
                // fall through
            }
        }
        return String.valueOf(e.getMessage());
    }
}
