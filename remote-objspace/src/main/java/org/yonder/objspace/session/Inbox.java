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
 * <p>
 * A waiting thread also reads the socket itself when it can (leader/follower): a thread waiting for its reply reads
 * that call's session, and a thread serving the inbox for ever reads the context's only session. The frame it reads
 * is handled on the spot, so a reply or a request reaches the thread that runs it with no hand-off between threads.
 * The session's own reader thread only reads while no context thread does (see {@link Session}).
 */
public final class Inbox {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Task> tasks = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();
    private CompiledCalls compiled;
    private final java.util.concurrent.CopyOnWriteArrayList<Session> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** A waiting thread that reads a socket gives up the read after this long to look at the inbox again. */
    static final int DIRECT_READ_MILLIS = 50;
    /**
     * The same, when other sessions may post requests meanwhile. A post from another thread wakes the read at once
     * ({@link #wakeDirectReader}); the timeout only bounds a race lost between them.
     */
    static final int DIRECT_READ_MILLIS_SHARED = 2;
    /**
     * The same, for a thread serving for ever (it reads the only session). A client that connects meanwhile wakes it
     * ({@link #attach}); from then on the context has two sessions and this thread serves the inbox instead. The
     * timeout only bounds a lost race, so an idle served context wakes 10 times a second, not 100.
     */
    static final int DIRECT_READ_MILLIS_SERVING = 100;
    /** How many tasks are queued, readable without the lock (for the spin before parking). */
    private volatile int queued;
    /**
     * How long a waiting thread yields before it blocks: a reading thread while nothing has arrived, another while
     * the reading role is taken. A reply or request usually arrives within tens of microseconds; yielding instead of
     * sleeping saves waking a sleeping CPU (tens of microseconds on a VM), and on one CPU lets the peer run at once.
     * {@code -Dyonder.spinNanos=0} turns it off.
     */
    static final long SPIN_NANOS = Long.getLong("yonder.spinNanos", 100_000);

    /**
     * The context's message epoch: it moves on with every request the context serves, and with every request it sends
     * that may change state (a write, a call, an iterator step; reads do not move it). Data a scan downloaded is served
     * only while the epoch stands still: this context caused no change and heard of none in between.
     */
    public long epoch() {
        return epoch.get();
    }

    public void advanceEpoch() {
        epoch.incrementAndGet();
    }

    /** The context's compiled serving paths, made on first use (on the context's thread). */
    synchronized CompiledCalls compiled() {
        if (compiled == null) {
            compiled = new CompiledCalls();
        }
        return compiled;
    }

    void attach(Session session) {
        sessions.add(session);
        wake();   // also a serving thread that reads the only session: it serves the inbox from now on
    }

    void detach(Session session) {
        sessions.remove(session);
        wake();
    }

    /** The context's only session, or null when it has none or several. */
    Session soleSession() {
        Object[] all = sessions.toArray();
        return all.length == 1 ? (Session) all[0] : null;
    }

    /** Work that must be done before this context's next answer leaves (a relay's forwarded updates). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> beforeAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Queues {@code work} for the context's threads, to be done at the latest before any answer this context sends
     * next: a relay's replica forwards an update (read by a thread that may not enter the context) before the relay
     * answers the write that caused it.
     */
    public void beforeNextAnswer(Runnable work) {
        beforeAnswers.add(work);
        post(this::runBeforeAnswers);
    }

    /** Does the work queued by {@link #beforeNextAnswer}, in order. On a thread entered in the context. */
    void runBeforeAnswers() {
        for (Runnable r; (r = beforeAnswers.poll()) != null;) {
            r.run();
        }
    }

    /** Queues work for the context's threads that belongs to no peer (a timer, a future's callback). */
    public void post(Runnable task) {
        post(task, null);
    }

    /**
     * Queues a task for the context's threads: a request of {@code from}'s peer, or (null) the context's own work. A
     * thread that waits for an answer from one peer runs only that peer's requests and the context's own work itself;
     * another peer's request goes to a worker (see {@link Turns}).
     */
    void post(Runnable task, Session from) {
        post(task, from, false);
    }

    /** As {@link #post(Runnable, Session)}; a {@code free} task may run beside guest code (see {@link Turns}). */
    void post(Runnable task, Session from, boolean free) {
        lock.lock();
        try {
            tasks.add(new Task(task, from, free));
            queued = tasks.size();
            changed.signalAll();
            if (turns.lent() > 0 || free && turns.concurrent()) {
                turns.wakeWorker(this);
            }
        } finally {
            lock.unlock();
        }
        wakeDirectReader();
    }

    /**
     * The session a context thread reads directly now (in {@link #serveLoop}), and that thread: a task posted from
     * another thread (a NATS message, a timer, a future's callback, a request another session's reader handed off)
     * cuts its wait short instead of waiting out the read's timeout. Set thread first, session second; read in the
     * reverse order. A race only costs a spurious early return or the timeout, as before.
     */
    private volatile Session directReader;
    private volatile Thread directReaderThread;

    private void wakeDirectReader() {
        Session d = directReader;
        if (d != null && directReaderThread != Thread.currentThread()) {
            d.wakeReceive();
        }
    }

    /**
     * Reads one frame of {@code direct} on this context thread, unless a task was queued meanwhile. Publishing the
     * reader before looking at {@code queued} (and {@link #post} queuing before looking at the reader) means a task
     * posted from another thread either is seen here or wakes the read.
     */
    private void readDirect(Session direct, int timeoutMillis) {
        directReaderThread = Thread.currentThread();
        directReader = direct;
        try {
            if (queued == 0) {
                direct.readOne(timeoutMillis, SPIN_NANOS);
            }
        } finally {
            directReader = null;
        }
    }

    /** A queued task, with the session whose peer sent it (null for the context's own work). */
    record Task(Runnable body, Session from, boolean free) {
        /** Whether a thread waiting for an answer from {@code reading} (null: any, the outermost loop) runs it itself. */
        boolean runsOn(Session reading) {
            return reading == null || from == null || from == reading;
        }
    }

    /** The context's turns: who may be entered and run its guest code while others wait (see {@link Turns}). */
    final Turns turns = new Turns();

    /**
     * Lets waiting threads lend the context to workers (single-threaded guest languages permitting: the lending thread
     * leaves the context first). Without it (an inbox of no Truffle context), a waiting thread serves every peer's
     * requests itself, nested. With {@code beside}, requests that need no guest code run on workers beside the thread
     * that runs guest code (option yonder.HostConcurrency).
     */
    public void useContext(com.oracle.truffle.api.TruffleContext context, int maxWorkers, boolean beside) {
        turns.use(context, maxWorkers, beside);
    }

    /**
     * Runs {@code action} once the current thread has left the context, if it is a worker (else now): an action that
     * lets a host thread go on (completing a Java future) must not find the context still entered by the worker, or
     * that thread's {@code Context.close()} fails.
     */
    public static void afterLeaving(Runnable action) {
        Turns.afterLeaving(action);
    }

    /** The context closes: idle workers end, and no more start. */
    public void close() {
        turns.close();
        wake();
    }

    /** Whether tasks wait to be run (requests, callbacks of answered calls, timers). */
    public boolean hasTasks() {
        return queued > 0;
    }

    /** Wakes the waiting threads so they look at their conditions again (a reply arrived, a session closed). */
    public void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        wakeDirectReader();
    }

    /**
     * Serves queued requests on the current thread until {@code done} holds, reading the context's only session
     * itself meanwhile. The thread must be entered in the context this inbox belongs to.
     */
    @TruffleBoundary
    public void serveUntil(BooleanSupplier done, Node location) {
        serveUntil(done, location, null);
    }

    /**
     * Serves queued requests on the current thread until {@code done} holds. While nothing is queued the thread reads
     * frames from {@code reading} (or, if null, from the context's only session) whenever no other thread does, and
     * otherwise waits. The thread must be entered in the context this inbox belongs to.
     */
    @TruffleBoundary
    public void serveUntil(BooleanSupplier done, Node location, Session reading) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            serveLoop(done, location, reading);
        } finally {
            depth[0]--;
        }
    }

    /** How many {@link #serveUntil} loops the current thread is in: 0 outside, 1 in the outermost, more in nested waits. */
    public static int depth() {
        return DEPTH.get()[0];
    }

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private void serveLoop(BooleanSupplier done, Node location, Session reading) {
        while (true) {
            if (done.getAsBoolean()) {
                // Answers this thread held back go out now: it stops reading. A caller read only its call's session.
                if (reading != null) {
                    reading.flushHeldBack();
                } else {
                    for (Session s : sessions) {
                        s.flushHeldBack();
                    }
                }
                return;
            }
            // With turns, a thread that waits for one peer's answer runs that peer's requests (its callbacks) and the
            // context's own work; without, it runs everything, nested.
            Session only = turns.enabled() ? reading : null;
            Runnable task = queued == 0 ? null : poll(only);
            if (task != null) {
                lastRunNanos = System.nanoTime();
                task.run();
                continue;
            }
            if (turns.enabled() && (turns.wanted() > 0 || queued > 0 && hasTaskNotFor(only))) {
                // Another peer's request waits (a worker runs it), or a thread wants the turn back: leave the context
                // to them until this thread has something to do.
                turns.lend(this, done, reading, location);
                continue;
            }
            Session direct = reading != null ? reading : soleSession();
            if (reading == null && direct == null && readActiveSession(done)) {
                TruffleSafepoint.poll(location);
                continue;
            }
            if (direct != null && !direct.isClosed()) {
                direct.wantsToRead();
                if (direct.tryTakeReadingRole()) {
                    try {
                        int timeout = sessions.size() > 1 ? DIRECT_READ_MILLIS_SHARED : reading == null ? DIRECT_READ_MILLIS_SERVING : DIRECT_READ_MILLIS;
                        readDirect(direct, timeout);
                    } finally {
                        direct.giveUpReadingRole();
                    }
                    TruffleSafepoint.poll(location);
                    continue;
                }
            }
            // Another thread reads, or there is no socket to read: yield a while before parking (see SPIN_NANOS).
            long spinStart = System.nanoTime();
            while (!done.getAsBoolean() && queued == 0 && (direct == null || !direct.readingRoleFree()) && System.nanoTime() - spinStart < SPIN_NANOS) {
                Thread.yield();
            }
            lock.lock();
            try {
                // Another thread reads the socket, or there is none: wait for a task, the answer, or the reading role
                // (whoever gives it up wakes the threads waiting for it). This thread counts itself a waiter before
                // it looks at the role: the thread giving it up sets it free, then looks for waiters, so one of the
                // two sees the other. Counted after the look, a role given up in between woke nobody, and this
                // thread slept its whole timeout (50 ms, many times over in a fresh server's first second).
                if (direct != null) {
                    direct.roleWaiters.incrementAndGet();
                }
                try {
                    if (!done.getAsBoolean() && tasks.isEmpty() && turns.wanted() == 0 && (direct == null || !direct.readingRoleFree())) {
                        TruffleSafepoint.setBlockedThreadInterruptible(location, c -> c.await(DIRECT_READ_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS), changed);
                    }
                } finally {
                    if (direct != null) {
                        direct.roleWaiters.decrementAndGet();
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Where {@link #readActiveSession} starts its round, so that a busy session does not starve the others. */
    private int nextActive;

    /**
     * A serving thread of a context with several sessions reads the ones that are active itself, as it reads a
     * context's only session: the sessions that sent or received a frame within the last millisecond, whose peers'
     * next requests are due (a client that calls back to back). It yields between rounds for up to
     * {@link #SPIN_NANOS}, reads one frame of the first session that has one (the frame's request is queued here, and
     * runs next on this thread), and returns true. When none has one in time, it hands the sessions back to their
     * reader threads (which read and post, a hand-off per frame, as for idle sessions) and returns false. So two
     * clients calling back to back cost the serving thread no hand-off between threads, and a hundred idle ones cost
     * it nothing.
     */
    private boolean readActiveSession(BooleanSupplier done) {
        Object[] all = sessions.toArray();
        int n = all.length;
        if (n < 2) {
            return false;
        }
        long start = System.nanoTime();
        boolean flushed = false;
        boolean wanted = false;
        boolean read = false;
        try {
            while (true) {
                long now = System.nanoTime();
                boolean any = false;
                int first = Math.floorMod(nextActive++, n);
                for (int i = 0; i < n; i++) {
                    Session s = (Session) all[(first + i) % n];
                    if (!s.recentlyActive(now)) {
                        continue;
                    }
                    any = true;
                    wanted = true;
                    s.wantsToRead();
                    if (s.tryTakeReadingRole()) {
                        try {
                            if (s.hasInput()) {
                                // The rest of a frame whose first bytes arrived comes at once; the timeout bounds a
                                // peer that stops mid-frame (the half read frame is kept for the next read).
                                s.readOne(DIRECT_READ_MILLIS_SHARED);
                                read = true;
                                return true;
                            }
                        } finally {
                            s.giveUpReadingRole();
                        }
                    }
                }
                if (!any || done.getAsBoolean() || queued > 0 || now - start >= SPIN_NANOS) {
                    return false;
                }
                if (!flushed) {
                    // Nothing is buffered in any session: answers held back for a next request go out now.
                    for (Object o : all) {
                        ((Session) o).flushHeldBack();
                    }
                    flushed = true;
                }
                Thread.yield();
            }
        } finally {
            // Read: this thread comes back for the next frame once its task ran (a long task leaves the sessions to
            // their reader threads after Session.HANDBACK_NANOS, as for an only session). Not read: it waits on the
            // inbox now, and the sessions it wanted go back to their reader threads at once.
            if (wanted && !read) {
                for (Object o : all) {
                    ((Session) o).handBack(start);
                }
            }
        }
    }

    /** Takes the first queued task that a thread waiting for {@code reading}'s answer runs itself, if any. */
    private Runnable poll(Session reading) {
        lock.lock();
        try {
            return pollLocked(reading);
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #poll(Session)}, with the lock held. */
    Runnable pollLocked(Session reading) {
        for (java.util.Iterator<Task> it = tasks.iterator(); it.hasNext();) {
            Task t = it.next();
            if (t.runsOn(reading)) {
                it.remove();
                queued = tasks.size();
                return t.body();
            }
        }
        return null;
    }

    /** Whether a queued task is one a thread waiting for {@code reading} leaves to others. */
    private boolean hasTaskNotFor(Session reading) {
        if (reading == null) {
            return false;
        }
        lock.lock();
        try {
            for (Task t : tasks) {
                if (!t.runsOn(reading)) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a task is queued that such a waiting thread runs itself (with the lock held). */
    boolean hasTaskForLocked(Session reading) {
        for (Task t : tasks) {
            if (t.runsOn(reading)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a free task is queued (the lock is held). */
    boolean hasFreeTaskLocked() {
        for (Task t : tasks) {
            if (t.free()) {
                return true;
            }
        }
        return false;
    }

    /** Takes the first free task queued, if any (the lock is held). */
    Runnable pollFreeLocked() {
        for (java.util.Iterator<Task> it = tasks.iterator(); it.hasNext();) {
            Task t = it.next();
            if (t.free()) {
                it.remove();
                queued = tasks.size();
                return t.body();
            }
        }
        return null;
    }

    /** Takes the first free task queued, if any. */
    Runnable pollFree() {
        lock.lock();
        try {
            return pollFreeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Takes any queued task (for a worker). */
    Runnable pollAny() {
        lock.lock();
        try {
            Task t = pollAnyTaskLocked();
            return t == null ? null : t.body();
        } finally {
            lock.unlock();
        }
    }

    /** Takes any queued task, with the session whose peer sent it (for a worker), with the lock held. */
    Task pollAnyTaskLocked() {
        Task t = tasks.poll();
        queued = tasks.size();
        return t;
    }

    /** When a serving loop last ran a task ({@link System#nanoTime()}). */
    volatile long lastRunNanos;

    ReentrantLock lock() {
        return lock;
    }

    Condition changed() {
        return changed;
    }

    /** Tasks queued, without the lock. */
    int queued() {
        return queued;
    }

    /** Runs the requests queued now, without waiting for more. */
    @TruffleBoundary
    public void drain() {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                Task t = tasks.poll();
                queued = tasks.size();
                task = t == null ? null : t.body();
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
