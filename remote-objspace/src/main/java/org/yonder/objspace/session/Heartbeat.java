package org.yonder.objspace.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon timer per JVM that keeps idle sessions alive with PINGs and closes those whose peer went silent (a
 * frozen process, a pulled cable: cases where no FIN ever arrives), and sends queued releases that waited too long
 * for a frame to ride along with, and any frames still held back (a safety net: they normally leave much sooner).
 * While a context is busy, its sessions' reader threads read, so it does not look dead.
 */
final class Heartbeat {
    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();
    private static final long TICK_MILLIS = 50;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "yonder-heartbeat");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.scheduleWithFixedDelay(Heartbeat::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private Heartbeat() {
    }

    /** Every session: the timer also sends releases that found no frame to ride along with. */
    static void register(Session session) {
        SESSIONS.add(session);
    }

    static void unregister(Session session) {
        SESSIONS.remove(session);
    }

    /** Runs the sessions' heartbeat writes, so that a write that blocks holds up only its own session. */
    private static final java.util.concurrent.ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "yonder-heartbeat-writer");
        t.setDaemon(true);
        return t;
    });
    /** Sessions whose heartbeat writes are queued or running: at most one at a time per session. */
    private static final Set<Session> WRITING = ConcurrentHashMap.newKeySet();

    private static void tick() {
        long now = System.nanoTime();
        for (Session s : SESSIONS) {
            try {
                if (s.watch(now) && WRITING.add(s)) {
                    WRITERS.execute(() -> {
                        try {
                            s.heartbeatWrites(now);
                        } catch (RuntimeException e) {
                            // The session closed; the timer drops it below.
                        } finally {
                            WRITING.remove(s);
                        }
                    });
                }
            } catch (RuntimeException e) {
                SESSIONS.remove(s);
            }
        }
    }
}
