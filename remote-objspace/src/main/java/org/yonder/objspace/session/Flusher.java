package org.yonder.objspace.session;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the asynchronous requests a session held back, {@link #DELAY_NANOS} after the first of them, unless the
 * session wrote them sooner (with its next frame, before waiting for an answer, or once 64 were waiting). One daemon
 * thread per JVM; it sleeps while nothing is held back and is woken once per batch, not once per request.
 */
final class Flusher {
    /** How long an asynchronous request may wait for the ones issued after it. */
    static final long DELAY_NANOS = 200_000;

    private static final ConcurrentLinkedQueue<Session> DUE = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean IDLE = new AtomicBoolean(true);
    private static final Thread THREAD;

    static {
        THREAD = new Thread(Flusher::run, "yonder-flusher");
        THREAD.setDaemon(true);
        THREAD.start();
    }

    private Flusher() {
    }

    /** The session just held back its first request of a batch: write it out within {@link #DELAY_NANOS}. */
    static void schedule(Session session) {
        DUE.add(session);
        if (IDLE.compareAndSet(true, false)) {
            LockSupport.unpark(THREAD);
        }
    }

    private static void run() {
        while (true) {
            if (DUE.isEmpty()) {
                IDLE.set(true);
                if (DUE.isEmpty()) {
                    LockSupport.park();
                    continue;
                }
                IDLE.set(false);
            }
            LockSupport.parkNanos(DELAY_NANOS);
            Session s;
            while ((s = DUE.poll()) != null) {
                s.flushHeldBack();
            }
        }
    }
}
