package org.yonder.objspace.session;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;

/**
 * The incoming requests for one context, run on that context's threads and serialized there, as in an event loop.
 * A thread that waits for a reply keeps serving this inbox, so a callback made during a call runs on the caller's
 * thread at any depth and nothing deadlocks. Waits let Truffle interrupt, cancel and close the context.
 */
public final class Inbox {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();
    private CompiledCalls compiled;
    /** How many tasks are queued, readable without the lock (for the spin before parking). */
    private volatile int queued;
    /**
     * How long a waiting thread yields before it parks. A reply or request usually arrives within tens of
     * microseconds; yielding instead of parking saves the futex wake-up of a thread hand-off, and on one CPU lets the
     * reader thread run at once.
     */
    static final long SPIN_NANOS = 100_000;

    /**
     * The context's message epoch: it moves on with every request the context serves, and with every request it sends
     * that may change state (a write, a call, an iterator step; reads do not move it). Data a scan downloaded is served
     * only while the epoch stands still: this context caused no change and heard of none in between.
     */
    public long epoch() {
        return epoch.get();
    }

    void advanceEpoch() {
        epoch.incrementAndGet();
    }

    /** The context's compiled serving paths, made on first use (on the context's thread). */
    synchronized CompiledCalls compiled() {
        if (compiled == null) {
            compiled = new CompiledCalls();
        }
        return compiled;
    }

    /** Queues a request for the context's threads. Called from reader threads. */
    public void post(Runnable task) {
        lock.lock();
        try {
            tasks.add(task);
            queued = tasks.size();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the waiting threads so they look at their conditions again (a reply arrived, a session closed). */
    public void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Serves queued requests on the current thread until {@code done} holds. The thread must be entered in the
     * context this inbox belongs to.
     */
    @TruffleBoundary
    public void serveUntil(BooleanSupplier done, Node location) {
        while (true) {
            long spinStart = System.nanoTime();
            while (!done.getAsBoolean() && queued == 0 && System.nanoTime() - spinStart < SPIN_NANOS) {
                Thread.yield();
            }
            Runnable task;
            lock.lock();
            try {
                while (!done.getAsBoolean() && tasks.isEmpty()) {
                    TruffleSafepoint.setBlockedThreadInterruptible(location, Condition::await, changed);
                }
                if (done.getAsBoolean()) {
                    return;
                }
                task = tasks.poll();
                queued = tasks.size();
            } finally {
                lock.unlock();
            }
            task.run();
        }
    }

    /** Runs the requests queued now, without waiting for more. */
    @TruffleBoundary
    public void drain() {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                task = tasks.poll();
                queued = tasks.size();
            } finally {
                lock.unlock();
            }
            if (task == null) {
                return;
            }
            task.run();
        }
    }
}
