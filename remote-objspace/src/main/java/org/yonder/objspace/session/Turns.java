package org.yonder.objspace.session;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import com.oracle.truffle.api.TruffleContext;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;

/**
 * Turns: which thread may be entered in the context and run its guest code, so that a call whose work is done is never
 * held up by another peer's unfinished callback.
 * <p>
 * A GraalJS context admits one entered thread at a time. A thread that waits for a remote answer used to serve every
 * incoming request itself, nested on its stack: when client A's request waited for A's callback and client B's request
 * arrived meanwhile, B's request ran inside that wait, and A's answer could not leave before B's request was done, even
 * when B's own callback took ten seconds. Now a waiting thread runs itself only the requests of the peer it waits for
 * (its callbacks) and the context's own work. When another peer's request is queued, it <em>lends</em> its turn: it
 * leaves the context ({@link TruffleContext#leaveAndEnter}, made for coroutines on threads), and a worker thread
 * enters and runs the request. A worker whose request waits for its own callback lends the turn in the same way. A
 * thread whose answer has come wants its turn back: whoever holds it lends it at its next wait. So the requests
 * interleave on several stacks, one running at a time, and each finishes as soon as its own answers are in, whatever
 * order they come in.
 * <p>
 * A turn count, not a flag: in a context that admits several entered threads (no JS), several embedder threads may wait
 * at once, and each lends and takes back one turn. Workers are bounded ({@code yonder.MaxWorkers}); each one that waits
 * holds a thread, and the requests past the bound wait in the queue for the next free one.
 */
final class Turns {
    /** How long an idle worker waits for work before it ends. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private volatile TruffleContext context;
    private int maxWorkers;
    private boolean closed;
    /** Turns lent and not taken: as many threads may enter now (guarded by the inbox's lock). */
    private int lent;
    /** Threads whose wait is over and that wait for a turn to enter again. */
    private volatile int wanted;
    private int workers;
    private int idleWorkers;

    void use(TruffleContext truffleContext, int max, boolean runBeside) {
        this.maxWorkers = max;
        this.besideRefused = !runBeside;
        this.context = max > 0 ? truffleContext : null;
    }

    boolean enabled() {
        return context != null && !closed;
    }

    /**
     * Off unless the owner allows free tasks beside its guest code (yonder.HostConcurrency), and set once a worker's enter
     * beside a running thread was refused (a single-threaded language is initialized). Off by default because a worker
     * that has entered keeps the context from starting JS later.
     */
    private volatile boolean besideRefused;

    /** Whether free tasks may still be tried beside the context's running thread. */
    boolean concurrent() {
        return enabled() && !besideRefused;
    }

    int wanted() {
        return wanted;
    }

    int lent() {
        return lent;
    }

    void close() {
        closed = true;
    }

    /**
     * Leaves the context to a worker or to a thread that wants its turn back, until this thread has something to do:
     * its wait is over, or a task it runs itself is queued. Then it takes a turn and enters again. Called on an entered
     * thread, from the inbox's serving loop.
     */
    void lend(Inbox inbox, BooleanSupplier done, Session reading, Node location) {
        TruffleSafepoint.Interrupter wake = new TruffleSafepoint.Interrupter() {
            @Override
            public void interrupt(Thread thread) {
                inbox.wake();
            }

            @Override
            public void resetInterrupted() {
            }
        };
        context.leaveAndEnter(null, wake, (Object x) -> {
            waitOutside(inbox, done, reading);
            return null;
        }, null);
        com.oracle.truffle.api.TruffleSafepoint.poll(location);
    }

    /** Outside the context: reads this thread's session while nothing is to do, then takes a turn. Never throws. */
    private void waitOutside(Inbox inbox, BooleanSupplier done, Session reading) {
        ReentrantLock lock = inbox.lock();
        Condition changed = inbox.changed();
        // Only now, with this thread out of the context, may another enter.
        lock.lock();
        try {
            lent++;
            changed.signalAll();
            wakeWorker(inbox);
        } finally {
            lock.unlock();
        }
        while (true) {
            lock.lock();
            try {
                if (done.getAsBoolean() || inbox.hasTaskForLocked(reading) || closed) {
                    if (lent > 0) {
                        lent--;
                        return;
                    }
                    wanted++;
                    changed.signalAll();   // the holder looks up from its wait and lends at once
                    try {
                        changed.await(Inbox.DIRECT_READ_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        // Truffle interrupts to cancel or close: this thread takes its turn first, then sees it.
                    } finally {
                        wanted--;
                    }
                    continue;
                }
            } finally {
                lock.unlock();
            }
            Session direct = reading != null ? reading : inbox.soleSession();
            if (direct != null && !direct.isClosed() && direct.tryTakeReadingRole()) {
                try {
                    direct.wantsToRead();
                    direct.readOne(Inbox.DIRECT_READ_MILLIS_SHARED, Inbox.SPIN_NANOS);
                } finally {
                    direct.giveUpReadingRole();
                }
                continue;
            }
            lock.lock();
            try {
                if (!done.getAsBoolean() && !inbox.hasTaskForLocked(reading) && !closed) {
                    changed.await(Inbox.DIRECT_READ_MILLIS_SHARED, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                // looked at again at once
            } finally {
                lock.unlock();
            }
        }
    }

    /** Actions a worker runs once it has left the context (see {@link Inbox#afterLeaving}); null off workers. */
    private static final ThreadLocal<java.util.ArrayList<Runnable>> AFTER_LEAVING = new ThreadLocal<>();

    static void afterLeaving(Runnable action) {
        java.util.ArrayList<Runnable> queued = AFTER_LEAVING.get();
        if (queued == null) {
            action.run();
        } else {
            queued.add(action);
        }
    }

    /** What {@link #enter} gives when the context refuses the thread (closed, or a language denies a second thread). */
    private static final Object REFUSED = new Object();

    /** Enters {@code c} on this worker; its actions to run after leaving are collected from now on. */
    private static Object enter(TruffleContext c) {
        Object prev;
        try {
            prev = c.enter(null);
        } catch (RuntimeException e) {
            return REFUSED;
        }
        AFTER_LEAVING.set(new java.util.ArrayList<>());
        return prev;
    }

    private static void leave(TruffleContext c, Object prev) {
        try {
            c.leave(null, prev);
        } finally {
            java.util.ArrayList<Runnable> queued = AFTER_LEAVING.get();
            AFTER_LEAVING.remove();
            for (Runnable r : queued) {
                r.run();
            }
        }
    }

    /** Starts a worker if none is idle and tasks wait (the inbox's lock is held). A free task starts one each. */
    void wakeWorker(Inbox inbox) {
        if (idleWorkers > 0 || workers >= maxWorkers || closed || inbox.queued() == 0 || context == null) {
            return;
        }
        workers++;
        Thread t = new Thread(() -> work(inbox), "yonder-worker-" + NAMES.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    /**
     * A worker: takes a lent turn when a task waits, enters the context and runs tasks while nobody wants the turn; or,
     * where the context admits several threads, runs a free task (one that needs no guest code) beside the others.
     */
    private void work(Inbox inbox) {
        ReentrantLock lock = inbox.lock();
        Condition changed = inbox.changed();
        while (true) {
            Runnable task;
            Session from;
            boolean inTurn;
            lock.lock();
            try {
                long start = System.nanoTime();
                idleWorkers++;
                try {
                    while (!closed && context != null && !(lent > 0 && wanted == 0 && inbox.queued() > 0) && !(concurrent() && inbox.hasFreeTaskLocked())) {
                        long left = IDLE_NANOS - (System.nanoTime() - start);
                        if (left <= 0) {
                            workers--;
                            return;
                        }
                        changed.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    workers--;
                    return;
                } finally {
                    idleWorkers--;
                }
                if (closed || context == null) {
                    workers--;
                    return;
                }
                inTurn = lent > 0 && wanted == 0 && inbox.queued() > 0;
                from = null;
                if (inTurn) {
                    lent--;
                    Inbox.Task t = inbox.pollAnyTaskLocked();
                    task = t == null ? null : t.body();
                    from = t == null ? null : t.from();
                } else {
                    task = inbox.pollFreeLocked();
                }
            } finally {
                lock.unlock();
            }
            if (!inTurn) {
                runBeside(inbox, task);
                continue;
            }
            try {
                runEntered(inbox, task, from);
            } finally {
                lock.lock();
                try {
                    lent++;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Runs free tasks beside whatever thread runs guest code, if the context's languages admit a second thread. */
    private void runBeside(Inbox inbox, Runnable first) {
        TruffleContext c = context;
        if (c == null || first == null) {
            if (first != null) {
                inbox.post(first);
            }
            return;
        }
        Object prev = enter(c);
        if (prev == REFUSED) {
            // A single-threaded language (GraalJS) is initialized: free tasks run in turn from now on.
            besideRefused = true;
            inbox.post(first);
            return;
        }
        try {
            Runnable task = first;
            while (task != null) {
                task.run();
                task = closed ? null : inbox.pollFree();
            }
        } finally {
            leave(c, prev);
        }
    }

    /**
     * How long a worker that ran a peer's request goes on reading that peer's connection for its next one, while nobody
     * wants the turn: a client that calls again at once is served with no hand-off between threads (W7).
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private void runEntered(Inbox inbox, Runnable first, Session from) {
        TruffleContext c = context;
        Object prev = enter(c);
        if (prev == REFUSED) {
            // The context is closed, or its languages refuse this thread: give the task back to the waiting threads,
            // which serve every request themselves from now on.
            context = null;
            if (first != null) {
                inbox.post(first);
            }
            return;
        }
        try {
            Runnable task = first;
            while (task != null) {
                inbox.lastRunNanos = System.nanoTime();
                task.run();
                task = wanted > 0 || closed ? null : inbox.pollAny();
            }
            if (from != null && !from.isClosed() && wanted == 0 && !closed) {
                inbox.serveUntil(() -> wanted > 0 || closed || from.isClosed() || System.nanoTime() - inbox.lastRunNanos > LINGER_NANOS, null, from);
            }
        } finally {
            leave(c, prev);
        }
    }
}
