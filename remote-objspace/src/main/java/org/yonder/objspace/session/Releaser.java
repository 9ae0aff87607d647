package org.yonder.objspace.session;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One daemon thread per JVM that turns collected proxies into RELEASE frames. It takes everything the collector
 * queued together and sends one frame per session, so dropping N proxies costs a handful of frames, not N.
 */
final class Releaser {
    static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    private static final int MAX_BATCH = 4096;

    static {
        Thread t = new Thread(Releaser::run, "yonder-releaser");
        t.setDaemon(true);
        t.start();
    }

    private Releaser() {
    }

    private static void run() {
        Map<Session, Batch> batches = new IdentityHashMap<>();
        while (true) {
            try {
                Reference<?> ref = QUEUE.remove();
                do {
                    ImportTable.Entry entry = (ImportTable.Entry) ref;
                    Batch batch = batches.computeIfAbsent(entry.table.session(), s -> new Batch());
                    batch.add(entry.id, entry.table.takeReleased(entry));
                    if (batch.length == MAX_BATCH * 2) {
                        entry.table.session().sendReleases(batch.idsAndCounts, batch.length);
                        batch.length = 0;
                    }
                    ref = QUEUE.poll();
                } while (ref != null);
                for (Map.Entry<Session, Batch> e : batches.entrySet()) {
                    e.getKey().sendReleases(e.getValue().idsAndCounts, e.getValue().length);
                }
                batches.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                batches.clear();
            }
        }
    }

    private static final class Batch {
        final long[] idsAndCounts = new long[MAX_BATCH * 2];
        int length;

        void add(long id, long count) {
            idsAndCounts[length++] = id;
            idsAndCounts[length++] = count;
        }
    }
}
