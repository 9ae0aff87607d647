package org.yonder.objspace.local;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;

/**
 * One context's cacheable objects ({@code Polyglot.eval('yonder', 'cacheable')(init)}): the objects whose state goes
 * to each peer with the reference, and whose changes are pushed to every peer that holds a replica. Every write to
 * one is its write barrier: it marks the object changed, and the changes go out coalesced, one update per object and
 * peer with the latest value of each changed member, when the request being served is answered (before its answer,
 * so the caller reads its own writes) or, for the owner's own code, when the context next runs its queued work.
 * Versions are {@code [incarnation, counter]}: the incarnation is random per context, the counter counts updates.
 */
public final class Cacheables {
    /**
     * What travels as a REPLICA: a cacheable object of this side's ({@link Entry}), or a replica of a peer's that this
     * side passes on to its own peers (a relay), which forwards the owner's updates to them.
     */
    public interface Source {
        /** The state a new replica starts from, with its version; {@code to} (if not null) gets the updates from now on. */
        Snapshot snapshot(Subscriber to);

        boolean isArray();
    }

    /** A peer that holds replicas: the session, which pushes an update if it still exports the object. */
    public interface Subscriber {
        /**
         * Pushes one update of {@code object}: from version {@code base} to {@code counter}; {@code items} are
         * name/value pairs of the changed members (a removed one's value is {@link org.yonder.objspace.marshal.Absent})
         * for {@link Cacheable}, all elements for {@link CacheableArray}. Returns false when the peer no longer holds
         * the object (it released its replica): the owner stops pushing to it.
         */
        boolean pushUpdate(Source object, long incarnation, long base, long counter, Object[] items);

        boolean isClosed();
    }

    /** What the cacheable objects share: their version, their peers, their registry. Guarded by the registry. */
    public abstract static class Entry implements Source {
        final Cacheables registry;
        long counter;
        private final List<Subscriber> subscribers = new ArrayList<>(2);

        Entry(Cacheables registry) {
            this.registry = registry;
        }

        /** The state a new replica starts from, with the version it is at: {@code items} as in an update's. */
        @Override
        public final Snapshot snapshot(Subscriber to) {
            synchronized (registry) {
                if (to != null && !subscribers.contains(to)) {
                    subscribers.add(to);
                }
                return new Snapshot(registry.incarnation, counter, isArray(), items(true));
            }
        }

        @Override
        public abstract boolean isArray();

        /** Name/value pairs (all, or the changed ones) or the elements; the registry's lock is held. */
        abstract Object[] items(boolean all);

        abstract void clearChanges();

        final void changed() {
            registry.changed(this);
        }
    }

    /** A replica's starting state. */
    public record Snapshot(long incarnation, long counter, boolean array, Object[] items) {
    }

    final long incarnation = new SecureRandom().nextLong() & Long.MAX_VALUE;
    private final LinkedHashSet<Entry> dirty = new LinkedHashSet<>();
    private volatile boolean flushScheduled;
    /** Runs the flush later on the context's thread (the inbox's queue), for writes made outside a request. */
    private final Consumer<Runnable> later;
    /** Updates pushed, for the tests and stats. */
    private long updatesPushed;

    public Cacheables(Consumer<Runnable> later) {
        this.later = later;
    }

    public long incarnation() {
        return incarnation;
    }

    public synchronized long updatesPushed() {
        return updatesPushed;
    }

    private void changed(Entry e) {
        boolean schedule;
        synchronized (this) {
            dirty.add(e);
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule) {
            later.accept(this::flush);
        }
    }

    /** Whether some object changed since the last flush (read without the lock: a hint for the hot path). */
    public boolean hasChanges() {
        return flushScheduled;
    }

    /** Pushes one update per changed object to every peer that holds it. */
    @TruffleBoundary
    public void flush() {
        record Push(Entry entry, long base, long counter, Object[] items, Subscriber[] to) {
        }
        List<Push> pushes = new ArrayList<>();
        synchronized (this) {
            flushScheduled = false;
            for (Entry e : dirty) {
                long base = e.counter;
                e.counter++;
                Object[] items = e.items(e.isArray());
                e.clearChanges();
                e.subscribers.removeIf(Subscriber::isClosed);
                if (!e.subscribers.isEmpty()) {
                    pushes.add(new Push(e, base, e.counter, items, e.subscribers.toArray(Subscriber[]::new)));
                }
            }
            dirty.clear();
        }
        for (Push p : pushes) {
            for (Subscriber s : p.to) {
                boolean holds;
                try {
                    holds = s.pushUpdate(p.entry, incarnation, p.base, p.counter, p.items);
                } catch (RuntimeException closed) {
                    holds = false;   // the session closed as it sent
                }
                synchronized (this) {
                    if (holds) {
                        updatesPushed++;
                    } else {
                        p.entry.subscribers.remove(s);
                    }
                }
            }
        }
    }

    /**
     * The value as a cacheable holds it: plain data (JS plain objects and arrays, Python dicts and lists) becomes
     * cacheable too, so nested state is replicated with its holder; anything else (functions, class instances, host
     * objects) is kept as it is and travels by reference. Called with the values of {@code cacheable(init)} and of every
     * write.
     */
    @TruffleBoundary
    public Object adopt(Object value, java.util.function.Predicate<Object> isHostObject) {
        return adopt(value, isHostObject, 0);
    }

    private Object adopt(Object value, java.util.function.Predicate<Object> isHostObject, int depth) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Character || value instanceof Entry) {
            return value;
        }
        if (depth > 64) {
            throw org.yonder.objspace.YonderError.create("cacheable state nested more than 64 levels deep (a cycle?)");
        }
        InteropLibrary interop = InteropLibrary.getUncached(value);
        if (isHostObject.test(value) || interop.isExecutable(value) || interop.isInstantiable(value) || interop.isMetaObject(value) || interop.isException(value) ||
                        interop.hasBufferElements(value) || interop.isNull(value) || interop.isString(value) || interop.isNumber(value) || interop.isBoolean(value)) {
            return value;
        }
        try {
            if (interop.hasArrayElements(value) && !interop.hasHashEntries(value)) {
                long n = interop.getArraySize(value);
                List<Object> elements = new ArrayList<>((int) Math.min(n, 1 << 16));
                for (long i = 0; i < n; i++) {
                    elements.add(adopt(interop.readArrayElement(value, i), isHostObject, depth + 1));
                }
                return new CacheableArray(this, elements, isHostObject);
            }
            if (interop.hasHashEntries(value) && !interop.hasArrayElements(value)) {
                java.util.LinkedHashMap<String, Object> members = new java.util.LinkedHashMap<>();
                Object it = interop.getHashEntriesIterator(value);
                InteropLibrary iter = InteropLibrary.getUncached(it);
                while (iter.hasIteratorNextElement(it)) {
                    Object entry = iter.getIteratorNextElement(it);
                    InteropLibrary e = InteropLibrary.getUncached(entry);
                    Object key = e.readArrayElement(entry, 0);
                    if (!InteropLibrary.getUncached(key).isString(key)) {
                        return value;   // a dict with keys that are not strings is not member state: by reference
                    }
                    members.put(InteropLibrary.getUncached(key).asString(key), adopt(e.readArrayElement(entry, 1), isHostObject, depth + 1));
                }
                return new Cacheable(this, members, isHostObject);
            }
            if (interop.hasMembers(value) && isPlainObject(value, interop)) {
                java.util.LinkedHashMap<String, Object> members = new java.util.LinkedHashMap<>();
                Object keys = interop.getMembers(value);
                InteropLibrary k = InteropLibrary.getUncached(keys);
                long n = k.getArraySize(keys);
                for (long i = 0; i < n; i++) {
                    String name = InteropLibrary.getUncached().asString(k.readArrayElement(keys, i));
                    if (interop.isMemberReadable(value, name)) {
                        members.put(name, adopt(interop.readMember(value, name), isHostObject, depth + 1));
                    }
                }
                return new Cacheable(this, members, isHostObject);
            }
        } catch (InteropException e) {
            // It broke its own contract: keep it by reference.
        }
        return value;
    }

    /** A JS plain object ({@code {...}}): its class is Object. Class instances keep their methods by reference. */
    private static boolean isPlainObject(Object value, InteropLibrary interop) throws InteropException {
        if (!interop.hasMetaObject(value)) {
            return false;
        }
        Object meta = interop.getMetaObject(value);
        String name = InteropLibrary.getUncached().asString(InteropLibrary.getUncached().getMetaSimpleName(meta));
        return name.equals("Object");
    }
}
