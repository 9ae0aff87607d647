package org.yonder.objspace.session;

import java.lang.ref.WeakReference;
import java.util.HashMap;

import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Origin;
import org.yonder.objspace.marshal.Shape;

/**
 * The proxies one session holds: one per id, made by the session's {@link ProxyFactory}, so identity holds on this
 * side. (A remote exception is a fresh exception around that one proxy each time it is thrown, so that it carries the
 * local throw location; identity goes by the proxy.) Each entry counts how many times the
 * peer sent the reference; when the garbage collector drops the proxy, the {@link Releaser} sends that count back in a
 * batched RELEASE and the peer's export table lets go.
 */
public final class ImportTable {
    private final Session session;
    private final ProxyFactory factory;
    private final HashMap<Long, Entry> byId = new HashMap<>();

    ImportTable(Session session, ProxyFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    /** The proxy for a reference that just arrived; counts the arrival. Called on the session's reader thread. */
    Object proxyFor(long id, Shape shape, ExceptionInfo exception, Origin origin) {
        ImportedProxy object = objectFor(id, shape, origin);
        return exception == null ? object : factory.exception(object, exception);
    }

    private synchronized ImportedProxy objectFor(long id, Shape shape, Origin origin) {
        Entry entry = byId.get(id);
        ImportedProxy object = entry == null ? null : entry.get();
        if (object != null) {
            entry.received++;
            object.learnOrigin(origin);
            return object;
        }
        object = factory.newProxy(session, id, shape);
        object.learnOrigin(origin);
        byId.put(id, new Entry(object, id, this));
        return object;
    }

    /** Called by the releaser when a proxy was collected: how many references to give back. */
    synchronized long takeReleased(Entry entry) {
        if (byId.get(entry.id) == entry) {
            byId.remove(entry.id);
        }
        return entry.received;
    }

    Session session() {
        return session;
    }

    public synchronized int size() {
        return byId.size();
    }

    /** The session ended: nothing is released any more, the peer freed everything. */
    synchronized void clear() {
        byId.clear();
    }

    static final class Entry extends WeakReference<ImportedProxy> {
        final long id;
        final ImportTable table;
        long received = 1;

        Entry(ImportedProxy proxy, long id, ImportTable table) {
            super(proxy, Releaser.QUEUE);
            this.id = id;
            this.table = table;
        }
    }
}
