package org.yonder.objspace.remote;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.PathCounters;
import org.yonder.objspace.marshal.Absent;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.session.ImportedReplica;
import org.yonder.objspace.session.ImportedReplica.Pending;
import org.yonder.objspace.session.LocalSpace;

/**
 * A replica of a peer's cacheable object: its members (or elements) are read here, from the state the owner sent
 * with the reference and keeps current with its UPDATE frames, at no round trip and with no boundary (compiled code
 * reads the state's arrays inline). Writes, removals and calls go to the owner through {@link #ref}, the proxy of
 * the owner's object; the owner's update of them arrives before its answer, so the writer reads its own write as soon
 * as its call returns. Updates are applied on the context's threads (see Session.applyPendingUpdates); a new state
 * replaces the old one whole (one volatile write), so no read sees half an update.
 */
@ExportLibrary(InteropLibrary.class)
public final class Replica implements TruffleObject, ImportedReplica, org.yonder.objspace.local.Cacheables.Source {
    /** One version of the replicated state: names and values of the members, or the elements (names null). */
    static final class State {
        final long incarnation;
        final long counter;
        final String[] names;
        final Object[] values;

        State(long incarnation, long counter, String[] names, Object[] values) {
            this.incarnation = incarnation;
            this.counter = counter;
            this.names = names;
            this.values = values;
        }

        int indexOf(String name) {
            String[] n = names;
            for (int i = 0; i < n.length; i++) {
                if (n[i] == name || n[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    final RemoteObject ref;
    private final boolean array;
    private volatile State state;
    /** A publishable object's key, and the digest of the state held (null for a cacheable one). */
    private final String key;
    private volatile String digest;
    /** onChange listeners: guest functions called on the context's thread with the names that changed. */
    private final List<Object> listeners = new CopyOnWriteArrayList<>();

    /** A multiplexed object's copy tag (docs/multiplex.md), else null. */
    private final String tag;
    /** The sequence number of the last shout this leaf took (shouts at or before it are not taken again). */
    private volatile long lastSeq;

    Replica(RemoteObject ref, boolean array, long incarnation, long counter, Object[] items, String key, String digest, String tag, long seq) {
        this.ref = ref;
        this.tag = tag;
        this.lastSeq = seq;
        this.array = array;
        this.key = key;
        this.digest = digest;
        this.state = array ? new State(incarnation, counter, null, items) : full(incarnation, counter, items);
    }

    private static State full(long incarnation, long counter, Object[] pairs) {
        String[] names = new String[pairs.length / 2];
        Object[] values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = (String) pairs[2 * i];
            values[i] = pairs[2 * i + 1];
        }
        return new State(incarnation, counter, names, values);
    }

    /** This side's peers that hold replicas of this replica (this side is their relay). Guarded by this. */
    private final List<org.yonder.objspace.local.Cacheables.Subscriber> relayed = new java.util.ArrayList<>(1);

    @Override
    public boolean isArray() {
        return array;
    }

    /** Passed on to a peer of this side's: it gets this state, and the owner's updates from now on, through here. */
    @Override
    public synchronized org.yonder.objspace.local.Cacheables.Snapshot snapshot(org.yonder.objspace.local.Cacheables.Subscriber to) {
        if (to != null && !relayed.contains(to)) {
            relayed.add(to);
        }
        State s = state;
        return new org.yonder.objspace.local.Cacheables.Snapshot(s.incarnation, s.counter, array, items(s), key, digest, tag, lastSeq, null);   // a repeater fans out over its sessions
    }

    // region Multiplex: this replica is a leaf of a hub's multiplexed object (docs/multiplex.md)

    @Override
    public String tag() {
        return tag;
    }

    /** Whether the state has this member (a leaf's class comes first, then the state, then the reference). */
    public boolean inState(String name) {
        current();
        return !array && state.indexOf(name) >= 0;
    }

    /**
     * {@code shout_name(args)}: a one-way SHOUT to the hub, which runs {@code remote_name(args)} on every leaf, this one
     * included, in its order. Throws "disconnected" when the hub is gone.
     */
    @TruffleBoundary
    public void shout(String name, Object[] args) {
        ref.session.shout(ref.id, name, args);
    }

    /** A shout from the hub: taken once (false for one at or before the last taken, which this leaf has seen). */
    @Override
    public boolean acceptShout(long seq) {
        if (seq <= lastSeq) {
            return false;
        }
        lastSeq = seq;
        return true;
    }

    /** Passes a shout it took on to the peers it relays to (it is their repeater), with the root hub's numbers. */
    @Override
    public void forwardShout(long seq, String name, Object[] args) {
        org.yonder.objspace.local.Cacheables.Subscriber[] to;
        synchronized (this) {
            to = relayed.toArray(org.yonder.objspace.local.Cacheables.Subscriber[]::new);
        }
        for (org.yonder.objspace.local.Cacheables.Subscriber s : to) {
            boolean holds;
            try {
                holds = s.pushShout(this, seq, name, args);
            } catch (RuntimeException closed) {
                holds = false;
            }
            if (!holds) {
                synchronized (this) {
                    relayed.remove(s);
                }
            }
        }
    }

    @Override
    public void disconnect(String why) {
        ref.session.close(why);
    }

    /** The leaves this repeater passes the hub's shouts to. */
    public synchronized int relayedCount() {
        return relayed.size();
    }

    /** {@code shout_name}, read off a leaf: a function whose calls shout. */
    @ExportLibrary(InteropLibrary.class)
    static final class Shouter implements TruffleObject {
        final Replica leaf;
        final String name;

        Shouter(Replica leaf, String name) {
            this.leaf = leaf;
            this.name = name;
        }

        @ExportMessage
        boolean isExecutable() {
            return true;
        }

        @ExportMessage
        Object execute(Object[] arguments) {
            leaf.shout(name, arguments);
            return org.yonder.objspace.marshal.YonderNull.INSTANCE;
        }

        @ExportMessage
        @TruffleBoundary
        Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
            return "function shout_" + name + "() { [shout] }";
        }
    }

    private static String shoutName(String member) {
        return member.length() > 6 && member.startsWith("shout_") ? member.substring(6) : null;
    }

    /** A member that is neither in the state nor a shout: the reference's (the hub's object), for a leaf. */
    @TruffleBoundary
    private boolean referenceHas(String member) {
        return tag != null && !member.startsWith("__") && remote().isMemberReadable(ref, member);
    }

    // endregion

    /**
     * Forwards an update it applied to the peers it relays to, with the owner's versions. A whole new state goes as an
     * update from no version (base -1), which makes them fetch it from here. On a thread serving the context it is sent
     * at once; from the session's reader thread it goes to the context's thread, which sends it before this side's
     * next answer (so a write through this relay is read back at once) or sooner (marshaling exports the values).
     */
    private void forward(long incarnation, long base, long counter, Object[] items) {
        String d = digest;
        if (relayed.isEmpty()) {
            return;
        }
        org.yonder.objspace.local.Cacheables.Subscriber[] to = relayed.toArray(org.yonder.objspace.local.Cacheables.Subscriber[]::new);
        Runnable push = () -> {
            for (org.yonder.objspace.local.Cacheables.Subscriber s : to) {
                boolean holds;
                try {
                    holds = s.pushUpdate(this, incarnation, base, counter, d, items);
                } catch (RuntimeException closed) {
                    holds = false;
                }
                if (!holds) {
                    synchronized (this) {
                        relayed.remove(s);
                    }
                }
            }
        };
        if (org.yonder.objspace.session.Inbox.depth() > 0) {
            push.run();
        } else {
            ref.session.inbox().beforeNextAnswer(push);
        }
    }

    /** The update that waits for the context's thread (guarded by this). */
    private Pending pending;

    @Override
    public synchronized boolean addPending(long id, long incarnation, long base, long counter, String digest, Object[] items) {
        Pending p = pending;
        if (p == null) {
            pending = new Pending(id, incarnation, base, counter, digest, items);
            return true;
        }
        boolean follows = p.incarnation() == incarnation && p.counter() == base;
        if (!follows || array) {
            // Arrays carry all their elements: the later update replaces the one waiting (from the first one's base if
            // it follows it). After a gap the later one stands alone, and its base makes the replica fetch.
            pending = new Pending(id, incarnation, follows ? p.base() : base, counter, digest, items);
            return false;
        }
        java.util.LinkedHashMap<String, Object> merged = new java.util.LinkedHashMap<>();
        for (Object[] pairs : new Object[][]{p.items(), items}) {
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                merged.remove(pairs[i]);
                merged.put((String) pairs[i], pairs[i + 1]);
            }
        }
        Object[] out = new Object[2 * merged.size()];
        int k = 0;
        for (java.util.Map.Entry<String, Object> e : merged.entrySet()) {
            out[k++] = e.getKey();
            out[k++] = e.getValue();
        }
        pending = new Pending(id, incarnation, p.base(), counter, digest, out);
        return false;
    }

    @Override
    public synchronized Pending takePending() {
        Pending p = pending;
        pending = null;
        return p;
    }

    @Override
    public String publishKey() {
        return key;
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public Object[] items() {
        return items(state);
    }

    private Object[] items(State s) {
        if (array) {
            return s.values.clone();
        }
        Object[] items = new Object[2 * s.names.length];
        for (int i = 0; i < s.names.length; i++) {
            items[2 * i] = s.names[i];
            items[2 * i + 1] = s.values[i];
        }
        return items;
    }

    @Override
    public synchronized void resolveLinks(java.util.function.Function<String, Object> byKey) {
        State s = state;
        Object[] values = s.values.clone();
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            values[i] = resolved(values[i], byKey);
            any |= values[i] != s.values[i];
        }
        if (any) {
            state = new State(s.incarnation, s.counter, s.names, values);
        }
    }

    private static Object resolved(Object v, java.util.function.Function<String, Object> byKey) {
        if (v instanceof org.yonder.objspace.marshal.Link link) {
            Object r = byKey.apply(link.key());
            return r == null ? org.yonder.objspace.marshal.YonderNull.INSTANCE : r;
        }
        if (v instanceof Object[] copied) {
            Object[] out = copied.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = resolved(out[i], byKey);
            }
            return new ImmutableArray(out);
        }
        return v;
    }

    /** The proxy of the owner's object, which this replica stands for. */
    public RemoteObject reference() {
        return ref;
    }

    /** The version this replica is at: [incarnation, counter]. */
    public long[] version() {
        State s = state;
        return new long[]{s.incarnation, s.counter};
    }

    /** Calls {@code listener} with the names of the changed members (or "length" for an array) after each update. */
    public void onChange(Object listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void offer(long incarnation, long counter, Object[] items, String newDigest) {
        State s = state;
        if (incarnation != s.incarnation || counter > s.counter) {
            digest = newDigest;
            state = array ? new State(incarnation, counter, null, items) : full(incarnation, counter, items);
            changed(array ? null : namesOf(items));
            forward(incarnation, -1, counter, new Object[0]);
        }
    }

    @Override
    public synchronized boolean update(long incarnation, long base, long counter, String newDigest, Object[] items) {
        State s = state;
        if (incarnation != s.incarnation || base != s.counter) {
            return counter <= s.counter && incarnation == s.incarnation;   // an update it has already: no gap
        }
        digest = newDigest;
        if (array) {
            state = new State(incarnation, counter, null, items);
            changed(null);
            forward(incarnation, base, counter, items);
            return true;
        }
        if (items.length % 2 != 0) {
            return false;
        }
        java.util.LinkedHashMap<String, Object> next = new java.util.LinkedHashMap<>();
        for (int i = 0; i < s.names.length; i++) {
            next.put(s.names[i], s.values[i]);
        }
        for (int i = 0; i < items.length; i += 2) {
            if (!(items[i] instanceof String name)) {
                return false;
            }
            if (items[i + 1] instanceof Absent) {
                next.remove(name);
            } else {
                next.put(name, items[i + 1]);
            }
        }
        // The same names in the same order keep the names array, so compiled reads keep their layout.
        String[] names = next.size() == s.names.length && java.util.Arrays.equals(next.keySet().toArray(), s.names) ? s.names : next.keySet().toArray(String[]::new);
        state = new State(incarnation, counter, names, next.values().toArray());
        changed(namesOf(items));
        forward(incarnation, base, counter, items);
        return true;
    }

    private static String[] namesOf(Object[] pairs) {
        String[] names = new String[pairs.length / 2];
        for (int i = 0; i < names.length; i++) {
            names[i] = (String) pairs[2 * i];
        }
        return names;
    }

    /** The listeners run on the context's thread, in its queue, once per update. */
    private void changed(String[] names) {
        if (listeners.isEmpty()) {
            return;
        }
        Object changedNames = ImmutableArray.ofStrings(names == null ? new String[]{"length"} : names);
        ref.session.inbox().post(() -> {
            for (Object listener : listeners) {
                try {
                    InteropLibrary.getUncached().execute(listener, changedNames);
                } catch (Exception e) {
                    System.err.println("yonder: an onChange listener failed: " + e);
                }
            }
        });
    }

    /** A value read from the replica in the reader's own kind; {@code node} (the read's call site) says who reads. */
    private Object presented(Object value, Node node) {
        return LocalSpace.presentableValue(value) ? presentedSlow(value, node) : value;
    }

    @TruffleBoundary
    private Object presentedSlow(Object value, Node node) {
        return ref.session.space().present(value, node, null);
    }

    private static InteropLibrary remote() {
        return InteropLibrary.getUncached();
    }

    // region Members, read from the state

    @ExportMessage
    boolean hasMembers() {
        return !array;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) throws UnsupportedMessageException {
        if (array) {
            throw UnsupportedMessageException.create();
        }
        current();
        return ImmutableArray.ofStrings(state.names.clone());
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        current();
        return !array && (state.indexOf(member) >= 0 || tag != null && (shoutName(member) != null || referenceHas(member)));
    }

    /** Updates its session's reader thread took in are applied here, on the context's thread, before a read. */
    private void current() {
        if (ref.session.updatesPending) {
            applyPending();
        }
    }

    @TruffleBoundary
    private void applyPending() {
        ref.session.applyPendingUpdates();
    }

    @ExportMessage
    Object readMember(String member, @Bind Node node) throws UnknownIdentifierException, UnsupportedMessageException {
        if (array) {
            throw UnsupportedMessageException.create();
        }
        current();
        State s = state;
        int i = s.indexOf(member);
        if (i < 0) {
            if (tag != null) {
                return leafMember(member);
            }
            throw UnknownIdentifierException.create(member);
        }
        PathCounters.localRead();
        return presented(s.values[i], node);
    }

    /** A leaf's member that is not in the state: {@code shout_name}, or the reference's (a method bound to it). */
    @TruffleBoundary
    private Object leafMember(String member) throws UnknownIdentifierException, UnsupportedMessageException {
        String shouted = shoutName(member);
        if (shouted != null) {
            return new Shouter(this, shouted);
        }
        if (member.startsWith("__")) {
            throw UnknownIdentifierException.create(member);
        }
        return remote().readMember(ref, member);
    }

    @ExportMessage
    boolean isMemberModifiable(String member) {
        return inState(member);
    }

    @ExportMessage
    boolean isMemberInsertable(String member) {
        return !array && !isMemberReadable(member);   // a leaf's shouts and its reference's members are not new members
    }

    @ExportMessage
    boolean isMemberRemovable(String member) {
        return inState(member);
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) throws UnsupportedMessageException, UnknownIdentifierException, UnsupportedTypeException {
        if (array) {
            throw UnsupportedMessageException.create();
        }
        remote().writeMember(ref, member, value);
    }

    @ExportMessage
    @TruffleBoundary
    void removeMember(String member) throws UnsupportedMessageException, UnknownIdentifierException {
        if (array) {
            throw UnsupportedMessageException.create();
        }
        remote().removeMember(ref, member);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInvocable(String member) {
        State s = state;
        int i = array ? -1 : s.indexOf(member);
        if (i < 0 && tag != null && !array) {
            return shoutName(member) != null || !member.startsWith("__") && remote().isMemberInvocable(ref, member);
        }
        return i >= 0 && InteropLibrary.getUncached().isExecutable(s.values[i]);
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] arguments) throws UnsupportedMessageException, UnknownIdentifierException, ArityException, UnsupportedTypeException {
        String shouted = tag == null ? null : shoutName(member);
        if (shouted != null && !inState(member)) {
            shout(shouted, arguments);
            return org.yonder.objspace.marshal.YonderNull.INSTANCE;
        }
        if (!isMemberInvocable(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return remote().invokeMember(ref, member, arguments);
    }

    // endregion

    // region Elements, read from the state

    @ExportMessage
    boolean hasArrayElements() {
        return array;
    }

    @ExportMessage
    long getArraySize() throws UnsupportedMessageException {
        if (!array) {
            throw UnsupportedMessageException.create();
        }
        current();
        return state.values.length;
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return array && index >= 0 && index < state.values.length;
    }

    @ExportMessage
    Object readArrayElement(long index, @Bind Node node) throws InvalidArrayIndexException, UnsupportedMessageException {
        if (!array) {
            throw UnsupportedMessageException.create();
        }
        current();
        Object[] v = state.values;
        if (index < 0 || index >= v.length) {
            throw InvalidArrayIndexException.create(index);
        }
        PathCounters.localRead();
        return presented(v[(int) index], node);
    }

    @ExportMessage
    boolean isArrayElementModifiable(long index) {
        return isArrayElementReadable(index);
    }

    @ExportMessage
    boolean isArrayElementInsertable(long index) {
        return array && index == state.values.length;
    }

    @ExportMessage
    boolean isArrayElementRemovable(long index) {
        return isArrayElementReadable(index);
    }

    @ExportMessage
    @TruffleBoundary
    void writeArrayElement(long index, Object value) throws UnsupportedMessageException, UnsupportedTypeException, InvalidArrayIndexException {
        if (!array) {
            throw UnsupportedMessageException.create();
        }
        remote().writeArrayElement(ref, index, value);
    }

    @ExportMessage
    @TruffleBoundary
    void removeArrayElement(long index) throws UnsupportedMessageException, InvalidArrayIndexException {
        if (!array) {
            throw UnsupportedMessageException.create();
        }
        remote().removeArrayElement(ref, index);
    }

    // endregion

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        State s = state;
        StringBuilder sb = new StringBuilder(tag != null ? "leaf " + tag + " {" : array ? "[" : "{");
        for (int i = 0; i < s.values.length; i++) {
            sb.append(i == 0 ? "" : ", ");
            if (!array) {
                sb.append(s.names[i]).append(": ");
            }
            Object v = s.values[i];
            sb.append(v instanceof String str ? '\'' + str + '\'' : InteropLibrary.getUncached().toDisplayString(v, allowSideEffects));
        }
        return sb.append(array ? "]" : "}").toString();
    }
}
