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
        boolean pushUpdate(Source object, long incarnation, long base, long counter, String digest, Object[] items);

        /**
         * Sends one shout of a multiplexed {@code object} (docs/multiplex.md): its sequence number in the hub's order, the
         * name and the arguments. Returns false when the peer no longer holds the object: it is no longer a leaf.
         */
        boolean pushShout(Source object, long seq, String name, Object[] args);

        boolean isClosed();
    }

    /** What the cacheable objects share: their version, their peers, their registry. Guarded by the registry. */
    public abstract static class Entry implements Source {
        final Cacheables registry;
        long counter;
        /** The publish key of a publishable object (and of the objects nested in one), else null. */
        String key;
        /** A multiplexed object's copy tag (docs/multiplex.md), else null. */
        String tag;
        /**
         * On a hub that registered a leaf class for the tag: the hub's own leaf of the object (its remote_ methods run
         * for every shout), and the class side that peers reach through the reference (a JS prototype, a Python class).
         */
        volatile Object hubView;
        volatile Object hubClass;
        /** The backbone channel of a multiplexed object whose hub runs on one (set once, under the hub's lock); else null. */
        org.yonder.objspace.marshal.BackboneChannel channel;
        /** Calls a method of the hub's leaf class on the hub's leaf: execute(invoker, view, name, args...); null: invokeMember. */
        volatile Object hubInvoker;
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
                Object[] items = items(true);
                return new Snapshot(registry.incarnation, counter, isArray(), items, key, key == null ? null : Cacheables.digest(items), tag, registry.shoutSeq, channel);
            }
        }

        /** The copy tag of a multiplexed object, else null. */
        public final String tag() {
            return tag;
        }

        /** The hub's own leaf of this multiplexed object, if the hub registered a class for its tag (else null). */
        public final Object hubView() {
            return hubView;
        }

        /** Binds the hub's own leaf ({@code view}) and the class side peers reach through the reference. */
        public final void bindHubView(Object view, Object classSide, Object invoker) {
            this.hubClass = classSide;
            this.hubInvoker = invoker;
            this.hubView = view;
        }

        /** Runs the method {@code name} of the hub's leaf class on the hub's leaf. */
        final Object callHubMethod(String name, Object[] args) throws com.oracle.truffle.api.interop.InteropException {
            return callLeafMethod(hubInvoker, hubView, name, args);
        }

        /** Whether the state has this member (a multiplexed object's leaves look here after their class). */
        public abstract boolean inState(String name);

        /** The publish key, or null for a cacheable object that is not publishable. */
        public final String key() {
            synchronized (registry) {
                return key;
            }
        }

        /** The digest of the state (publishable objects): equal states have equal digests, in any incarnation. */
        public final String digest() {
            synchronized (registry) {
                return Cacheables.digest(items(true));
            }
        }

        /** The object's items as this side's code sees them, to look for nested objects that need keys. */
        final Object[] allItems() {
            return items(true);
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

    /** A replica's starting state; key and digest for a publishable object. */
    public record Snapshot(long incarnation, long counter, boolean array, Object[] items, String key, String digest, String tag, long seq,
                    org.yonder.objspace.marshal.BackboneChannel channel) {
        public Snapshot(long incarnation, long counter, boolean array, Object[] items, String key, String digest) {
            this(incarnation, counter, array, items, key, digest, null, 0, null);
        }
    }

    /** In a HELLO answer: the publishable object whose stored state the client has (see Marshal). */
    public record Fresh(Entry entry) {
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
        record Push(Entry entry, long base, long counter, String digest, Object[] items, Subscriber[] to) {
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
                    pushes.add(new Push(e, base, e.counter, e.key == null ? null : digest(e.items(true)), items, e.subscribers.toArray(Subscriber[]::new)));
                }
            }
            dirty.clear();
        }
        for (Push p : pushes) {
            for (Subscriber s : p.to) {
                boolean holds;
                try {
                    holds = s.pushUpdate(p.entry, incarnation, p.base, p.counter, p.digest, p.items);
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

    // region Multiplexed objects: this side is their hub (docs/multiplex.md)

    /** The sequence number of the last shout this hub sent: one total order over all its multiplexed objects. */
    long shoutSeq;
    private long shoutsSequenced;
    /** Where this hub's shouts go instead of its sessions (docs/multiplex-nats.md); null: the embedded fan-out. */
    private Backbone backbone;
    private long objectNumbers;
    private long shoutsPublished;
    private long shoutsPushed;

    /**
     * A message backbone that sequences and fans out a hub's shouts in its place: one ordered log per hub, one
     * channel (subject) per multiplexed object. The hub still admits each shout; the backbone's order is the order.
     */
    public interface Backbone {
        /** The channel of this hub's multiplexed object number {@code number}. */
        org.yonder.objspace.marshal.BackboneChannel channel(long number);

        /** Publishes a shout on {@code channel}, under the hub's lock; returns its sequence number in the hub's log. */
        long publish(org.yonder.objspace.marshal.BackboneChannel channel, String name, Object[] args);
    }

    /** From now on, the shouts to objects multiplexed after this go over {@code to} (set before the first multiplex). */
    public synchronized void useBackbone(Backbone to) {
        this.backbone = to;
    }
    /** The multiplexed objects, held weakly: one that no peer and no code holds any more is collected. */
    private final List<java.lang.ref.WeakReference<Entry>> multiplexed = new ArrayList<>();

    /**
     * {@code multiplex(tag, init)}: a cacheable object with a copy tag. Each peer that gets it builds a leaf of it, an
     * instance of the class it registered for the tag; a shout to it reaches every leaf in this hub's order.
     */
    @TruffleBoundary
    public Entry multiplex(String tag, Object init, java.util.function.Predicate<Object> isHostObject) {
        checkTag(tag);
        Object made = adopt(init, isHostObject);
        if (!(made instanceof Cacheable entry) || made == init) {
            throw org.yonder.objspace.YonderError.create("multiplex expects a copy tag and a plain object or a dict of state, not " + InteropLibrary.getUncached().toDisplayString(init));
        }
        return tagged(entry, tag);
    }

    /** A leaf class's instance sent by a peer (NEW_MULTIPLEXED): a multiplexed object of this hub's, with that state. */
    @TruffleBoundary
    public Entry multiplex(String tag, Object[] items, java.util.function.Predicate<Object> isHostObject) {
        checkTag(tag);
        java.util.LinkedHashMap<String, Object> members = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < items.length; i += 2) {
            members.put((String) items[i], adopt(items[i + 1], isHostObject));
        }
        return tagged(new Cacheable(this, members, isHostObject), tag);
    }

    private Entry tagged(Cacheable entry, String tag) {
        synchronized (this) {
            entry.tag = tag;
            if (backbone != null) {
                entry.channel = backbone.channel(++objectNumbers);
            }
            multiplexed.removeIf(w -> w.get() == null);
            multiplexed.add(new java.lang.ref.WeakReference<>(entry));
        }
        return entry;
    }

    /**
     * Runs the method {@code name} of a leaf's class on the leaf {@code view}: through {@code invoker} as
     * {@code invoker(view, name, ...args)} (a JS leaf, a Proxy), or by invokeMember when it is null.
     */
    public static Object callLeafMethod(Object invoker, Object view, String name, Object[] args) throws com.oracle.truffle.api.interop.InteropException {
        if (invoker == null) {
            return InteropLibrary.getUncached().invokeMember(view, name, args);
        }
        Object[] all = new Object[args.length + 2];
        all[0] = view;
        all[1] = name;
        System.arraycopy(args, 0, all, 2, args.length);
        return InteropLibrary.getUncached().execute(invoker, all);
    }

    /** A copy tag: 1 to 200 characters, none of them a control character. */
    public static void checkTag(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > 200 || tag.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw org.yonder.objspace.YonderError.create("a copy tag is 1 to 200 characters, none of them a control character");
        }
    }

    /**
     * Sequences one shout to a multiplexed object and sends it to every leaf (every peer that holds the object), the
     * shouter's own included, under this hub's lock: every leaf gets every shout in the same order, and a new leaf's
     * state (its snapshot) is taken between two shouts, so it sees each later one once and no earlier one. Returns the
     * shout's sequence number. Runs on a thread of the context (marshaling the arguments may export them).
     */
    @TruffleBoundary
    public long shout(Entry object, String name, Object[] args) {
        synchronized (this) {
            if (object.channel != null) {
                shoutSeq = backbone.publish(object.channel, name, args);   // the leaves listen on the backbone, from their snapshot's seq
                shoutsSequenced++;
                shoutsPublished++;
                return shoutSeq;
            }
            long seq = ++shoutSeq;
            shoutsSequenced++;
            object.subscribers.removeIf(Subscriber::isClosed);
            for (Subscriber s : object.subscribers.toArray(Subscriber[]::new)) {
                boolean holds;
                try {
                    holds = s.pushShout(object, seq, name, args);
                } catch (RuntimeException closed) {
                    holds = false;   // its connection closed as it sent (or its queue is past its bound)
                }
                if (!holds) {
                    object.subscribers.remove(s);
                } else {
                    shoutsPushed++;
                }
            }
            return seq;
        }
    }

    /** A peer's session closed: it is no longer a leaf of anything here. */
    public synchronized void dropSubscriber(Subscriber gone) {
        for (java.lang.ref.WeakReference<Entry> w : multiplexed) {
            Entry e = w.get();
            if (e != null) {
                e.subscribers.remove(gone);
            }
        }
    }

    /**
     * Shouts sequenced by this hub, the leaves of its multiplexed objects now (a peer counts once per object, on the
     * embedded fan-out), its multiplexed objects alive, the shouts it published on a backbone, and the SHOUT frames
     * its embedded fan-out sent to sessions.
     */
    public synchronized long[] multiplexStats() {
        long leaves = 0;
        long objects = 0;
        for (java.lang.ref.WeakReference<Entry> w : multiplexed) {
            Entry e = w.get();
            if (e != null) {
                objects++;
                e.subscribers.removeIf(Subscriber::isClosed);
                leaves += e.subscribers.size();
            }
        }
        return new long[]{shoutsSequenced, leaves, objects, shoutsPublished, shoutsPushed};
    }

    // endregion

    /** Publishable objects (and those nested in them) by publish key. */
    private final java.util.HashMap<String, Entry> published = new java.util.HashMap<>();

    /**
     * {@code publishable(key, init)}: a cacheable object that clients keep on disk, found again by its key (its
     * stable URL is {@code yonder://HOST:PORT/@key}). Objects nested in it get keys of their own, {@code key/member} or
     * {@code key/index}.
     */
    @TruffleBoundary
    public Entry publishable(String key, Object init, java.util.function.Predicate<Object> isHostObject) {
        if (key == null || key.isEmpty() || key.length() > 200 || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw org.yonder.objspace.YonderError.create("a publish key is 1 to 200 characters, none of them a control character");
        }
        Object made = adopt(init, isHostObject);
        if (!(made instanceof Entry entry)) {
            throw org.yonder.objspace.YonderError.create("publishable expects a plain object, an array, a list or a dict, not " + InteropLibrary.getUncached().toDisplayString(init));
        }
        synchronized (this) {
            if (published.containsKey(key)) {
                throw org.yonder.objspace.YonderError.create("a publishable object with the key '" + key + "' exists already");
            }
            assignKeys(entry, key);
        }
        return entry;
    }

    /** The publishable object with this key, or null. */
    public synchronized Entry published(String key) {
        return published.get(key);
    }

    /** Gives {@code value} (when it is a cacheable object without a key) and what is nested in it keys under {@code key}. */
    synchronized void assignKeys(Object value, String key) {
        if (!(value instanceof Entry e) || e.key != null || published.containsKey(key)) {
            return;
        }
        e.key = key;
        published.put(key, e);
        Object[] items = e.allItems();
        for (int i = 0; i < items.length; i++) {
            if (e.isArray()) {
                assignKeys(items[i], key + "/" + i);
            } else if (i % 2 == 1) {
                assignKeys(items[i], key + "/" + items[i - 1]);
            }
        }
    }

    /**
     * The digest of a state: SHA-256 (the first 16 bytes, hex) of its items in a canonical MessagePack form, nested
     * cacheable objects by their keys. A value that is not data (a function, an instance) counts by its identity, so a
     * state that holds one is never found fresh after a restart.
     */
    static String digest(Object[] items) {
        try (org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(items.length);
            for (Object v : items) {
                packCanonical(p, v);
            }
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(p.toByteArray());
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void packCanonical(org.msgpack.core.MessagePacker p, Object v) throws java.io.IOException {
        InteropLibrary interop = v == null ? null : InteropLibrary.getUncached(v);
        try {
            if (v == null || interop.isNull(v)) {
                p.packNil();
            } else if (v instanceof Entry e) {
                p.packExtensionTypeHeader((byte) 1, 0);
                p.packString(e.key == null ? "" : e.key);
            } else if (interop.isBoolean(v)) {
                p.packBoolean(interop.asBoolean(v));
            } else if (interop.isString(v)) {
                p.packString(interop.asString(v));
            } else if (interop.isNumber(v) && interop.fitsInLong(v)) {
                p.packLong(interop.asLong(v));
            } else if (interop.isNumber(v) && interop.fitsInDouble(v)) {
                p.packDouble(interop.asDouble(v));
            } else {
                p.packExtensionTypeHeader((byte) 2, 0);
                p.packInt(System.identityHashCode(v));
            }
        } catch (com.oracle.truffle.api.interop.UnsupportedMessageException e) {
            p.packNil();
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
