package org.yonder.objspace.session;

import java.util.function.Supplier;

/**
 * A per-thread deadline for remote calls: every call made on the thread while it is set (callbacks this thread serves
 * meanwhile included) fails with a timeout error once it passes, and the late answer is dropped when it comes. It
 * replaces the sessions' default ({@code yonder.CallTimeout}), which applies where none is set; a deadline set inside
 * another never extends it.
 */
public final class Deadline {
    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[1]);

    private Deadline() {
    }

    /** Runs {@code body} with calls bounded to {@code millis} from now (or the deadline already set, if sooner). */
    public static <T> T within(long millis, Supplier<T> body) {
        long[] current = CURRENT.get();
        long saved = current[0];
        long mine = System.nanoTime() + Math.max(0, millis) * 1_000_000L;
        current[0] = saved != 0 && saved - mine < 0 ? saved : mine;
        try {
            return body.get();
        } finally {
            current[0] = saved;
        }
    }

    /** The current thread's deadline ({@link System#nanoTime()}), or 0 for none. */
    static long current() {
        return CURRENT.get()[0];
    }
}
