package org.yonder.objspace.session;

import java.util.function.Supplier;

/**
 * A per-thread deadline for remote calls: every call made on the thread while it is set (callbacks this thread serves
 * meanwhile included) fails with a timeout error once it passes, and the late answer is dropped when it comes. It
 * replaces the sessions' default ({@code yonder.CallTimeout}), which applies where none is set; a deadline set inside
 * another never extends it.
 * <p>
 * A deadline travels: a request sent under one carries what is left of it (a {@code DEADLINE} frame before it), and
 * the owner runs the request under that deadline, so the owner's own calls back (its waits for the caller's callbacks)
 * end with it too. A caller that cancels a call ({@code CANCEL}) moves the owner's deadline for it to now.
 */
public final class Deadline {
    /** One deadline: {@link System#nanoTime()} it passes at; moved to now when the call it bounds is cancelled. */
    static final class Cell {
        /** No deadline of its own (a request that came without one, which its caller may still cancel). */
        static final long NONE = Long.MIN_VALUE;
        /** The deadline this one is nested in (set when a request starts to run, inside the thread's own). */
        Cell outer;
        volatile long nanos;
        volatile boolean cancelled;

        Cell(Cell outer, long nanos) {
            this.outer = outer;
            this.nanos = nanos;
        }

        /** The soonest of this deadline and those it is nested in. */
        long effective() {
            long n = NONE;
            for (Cell c = this; c != null; c = c.outer) {
                long o = c.nanos;
                if (o != NONE && (n == NONE || o - n < 0)) {
                    n = o;
                }
            }
            return n == NONE ? 0 : n;
        }

        boolean cancelled() {
            for (Cell c = this; c != null; c = c.outer) {
                if (c.cancelled) {
                    return true;
                }
            }
            return false;
        }

        void cancel() {
            cancelled = true;
            nanos = System.nanoTime();
        }
    }

    private static final ThreadLocal<Cell[]> CURRENT = ThreadLocal.withInitial(() -> new Cell[1]);

    private Deadline() {
    }

    /** Runs {@code body} with calls bounded to {@code millis} from now (or the deadline already set, if sooner). */
    public static <T> T within(long millis, Supplier<T> body) {
        return within(new Cell(CURRENT.get()[0], System.nanoTime() + Math.max(0, millis) * 1_000_000L), body);
    }

    /** Runs {@code body} under {@code cell} (nested in the current thread's deadline, if any). */
    static <T> T within(Cell cell, Supplier<T> body) {
        Cell[] current = CURRENT.get();
        Cell saved = current[0];
        current[0] = cell;
        try {
            return body.get();
        } finally {
            current[0] = saved;
        }
    }

    /** {@code cell}, nested in the current thread's deadline (if any): what a request starts to run under. */
    static Cell nested(Cell cell) {
        cell.outer = CURRENT.get()[0];
        return cell;
    }

    /** The current thread's deadline ({@link System#nanoTime()}), or 0 for none. */
    static long current() {
        Cell c = CURRENT.get()[0];
        return c == null ? 0 : c.effective();
    }

    /** The current thread's deadline cell, or null. */
    static Cell currentCell() {
        return CURRENT.get()[0];
    }
}
