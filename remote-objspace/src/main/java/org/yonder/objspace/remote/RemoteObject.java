package org.yonder.objspace.remote;

import static org.yonder.objspace.wire.InfoBits.EXISTING;
import static org.yonder.objspace.wire.InfoBits.INSERTABLE;
import static org.yonder.objspace.wire.InfoBits.INTERNAL;
import static org.yonder.objspace.wire.InfoBits.INVOCABLE;
import static org.yonder.objspace.wire.InfoBits.MODIFIABLE;
import static org.yonder.objspace.wire.InfoBits.READABLE;
import static org.yonder.objspace.wire.InfoBits.READ_SIDE_EFFECTS;
import static org.yonder.objspace.wire.InfoBits.REMOVABLE;
import static org.yonder.objspace.wire.InfoBits.WRITE_SIDE_EFFECTS;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnknownKeyException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.utilities.TriState;

import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.StringList;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.session.Session;
import org.yonder.objspace.wire.Opcode;

/**
 * A reference to an object another process owns (W_RemoteXXX). Type questions are answered from the shape with no
 * round trip; every read, write and call is one round trip to the owner, so mutable state is never stale. A message
 * the shape rules out throws UnsupportedMessageException locally. Exceptions are {@link RemoteException}, which
 * delegates here for everything but the exception messages.
 */
@ExportLibrary(InteropLibrary.class)
public final class RemoteObject implements TruffleObject, Proxy {
    /** Largest member list a scan reads in one batch. */
    static final int MAX_BATCH_MEMBERS = 4096;
    /** Largest hash whose iteration walks a downloaded snapshot. */
    static final int MAX_HASH_SNAPSHOT = 1 << 16;

    final Session session;
    final long id;
    final Shape shape;
    private volatile Snapshot.ArrayWindow arrayWindow;
    private volatile Snapshot.MemberWindow memberWindow;
    /** An element the remote iterator already produced, kept for the next getIteratorNextElement. */
    private volatile Object pendingNext;

    RemoteObject(Session session, long id, Shape shape) {
        this.session = session;
        this.id = id;
        this.shape = shape;
    }

    @Override
    public Object owner() {
        return session;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public ExceptionInfo exceptionInfo() {
        return null;
    }

    private long epoch() {
        return session.inbox().epoch();
    }

    private void require(int trait) throws UnsupportedMessageException {
        if (!shape.has(trait)) {
            throw UnsupportedMessageException.create();
        }
    }

    @TruffleBoundary
    private Object call(Node location, Opcode op, Object... args) {
        return session.call(location, op, id, args);
    }

    /** One MEMBER_INFO, ARRAY_ELEMENT_INFO or HASH_ENTRY_INFO round trip, asked for {@code message}. */
    @TruffleBoundary
    private int info(Node location, Opcode op, Object key, String message) {
        if (op == Opcode.MEMBER_INFO && key instanceof String member) {
            Snapshot.MemberWindow w = filledMemberWindow(member, location);
            if (w != null) {
                return w.info(member);
            }
        }
        Object bits = session.callInfo(location, op, id, AssertionProbes.isProbe(message), key);
        return bits instanceof Integer i ? i : 0;
    }

    // region Members

    @ExportMessage
    boolean hasMembers() {
        return shape.has(Shape.MEMBERS);
    }

    @ExportMessage
    Object getMembers(boolean includeInternal, @Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.MEMBERS);
        Object names = call(node, Opcode.GET_MEMBERS, includeInternal);
        if (names instanceof StringList list && !includeInternal && list.asList().size() <= MAX_BATCH_MEMBERS) {
            memberWindow = new Snapshot.MemberWindow(epoch(), list.asList());
        }
        return names;
    }

    @ExportMessage
    Object readMember(String member, @Bind("$node") Node node) throws UnsupportedMessageException, UnknownIdentifierException {
        require(Shape.MEMBERS);
        Object scanned = scannedMember(member, node);
        return scanned != null ? scanned : call(node, Opcode.READ_MEMBER, member);
    }

    /**
     * A read of one of the members the last getMembers listed, with nothing in between, is a scan (JSON.stringify,
     * Object.entries, a for..in loop): the first such read fetches all of them in one round trip, and each value is
     * then served once. Members whose read has side effects (getters) are not fetched ahead.
     */
    @TruffleBoundary
    private Object scannedMember(String member, Node node) {
        Snapshot.MemberWindow w = filledMemberWindow(member, node);
        return w == null ? null : w.take(member);
    }

    /** The live member window listing {@code member}, filled by one READ_MEMBERS the first time; or null. */
    private Snapshot.MemberWindow filledMemberWindow(String member, Node node) {
        Snapshot.MemberWindow w = memberWindow;
        if (w == null || w.epoch != epoch() || !w.lists(member)) {
            return null;
        }
        if (!w.isFilled()) {
            w.fill(session.callBatch(node, Opcode.READ_MEMBERS, id, w.names.toArray()));
            w.epoch = epoch();
        }
        return w;
    }

    @ExportMessage
    void writeMember(String member, Object value, @Bind("$node") Node node) throws UnsupportedMessageException, UnknownIdentifierException, UnsupportedTypeException {
        require(Shape.MEMBERS);
        call(node, Opcode.WRITE_MEMBER, member, value);
    }

    @ExportMessage
    void removeMember(String member, @Bind("$node") Node node) throws UnsupportedMessageException, UnknownIdentifierException {
        require(Shape.MEMBERS);
        call(node, Opcode.REMOVE_MEMBER, member);
    }

    @ExportMessage
    Object invokeMember(String member, Object[] arguments, @Bind("$node") Node node)
                    throws UnsupportedMessageException, ArityException, UnknownIdentifierException, UnsupportedTypeException {
        require(Shape.MEMBERS);
        Object[] args = new Object[arguments.length + 1];
        args[0] = member;
        System.arraycopy(arguments, 0, args, 1, arguments.length);
        return call(node, Opcode.INVOKE_MEMBER, args);
    }

    @ExportMessage
    boolean isMemberReadable(String member, @Bind("$node") Node node) {
        return hasMembers() && (info(node, Opcode.MEMBER_INFO, member, "isMemberReadable") & READABLE) != 0;
    }

    @ExportMessage
    boolean isMemberModifiable(String member, @Bind("$node") Node node) {
        return hasMembers() && (info(node, Opcode.MEMBER_INFO, member, "isMemberModifiable") & MODIFIABLE) != 0;
    }

    @ExportMessage
    boolean isMemberInsertable(String member, @Bind("$node") Node node) {
        return hasMembers() && (info(node, Opcode.MEMBER_INFO, member, "isMemberInsertable") & INSERTABLE) != 0;
    }

    @ExportMessage
    boolean isMemberRemovable(String member, @Bind("$node") Node node) {
        return hasMembers() && (info(node, Opcode.MEMBER_INFO, member, "isMemberRemovable") & REMOVABLE) != 0;
    }

    @ExportMessage
    boolean isMemberInvocable(String member, @Bind("$node") Node node) {
        return hasMembers() && (info(node, Opcode.MEMBER_INFO, member, "isMemberInvocable") & INVOCABLE) != 0;
    }

    @ExportMessage
    boolean isMemberInternal(String member, @Bind("$node") Node node) {
        return hasMembers() && (info(node, Opcode.MEMBER_INFO, member, "isMemberInternal") & INTERNAL) != 0;
    }

    @ExportMessage
    boolean hasMemberReadSideEffects(String member, @Bind("$node") Node node) {
        return hasMembers() && (info(node, Opcode.MEMBER_INFO, member, "hasMemberReadSideEffects") & READ_SIDE_EFFECTS) != 0;
    }

    @ExportMessage
    boolean hasMemberWriteSideEffects(String member, @Bind("$node") Node node) {
        return hasMembers() && (info(node, Opcode.MEMBER_INFO, member, "hasMemberWriteSideEffects") & WRITE_SIDE_EFFECTS) != 0;
    }

    // endregion

    // region Executables and instantiables

    @ExportMessage
    boolean isExecutable() {
        return shape.has(Shape.EXECUTABLE);
    }

    @ExportMessage
    Object execute(Object[] arguments, @Bind("$node") Node node) throws UnsupportedTypeException, ArityException, UnsupportedMessageException {
        require(Shape.EXECUTABLE);
        return call(node, Opcode.EXECUTE, arguments);
    }

    @ExportMessage
    boolean isInstantiable() {
        return shape.has(Shape.INSTANTIABLE);
    }

    @ExportMessage
    Object instantiate(Object[] arguments, @Bind("$node") Node node) throws UnsupportedTypeException, ArityException, UnsupportedMessageException {
        require(Shape.INSTANTIABLE);
        return call(node, Opcode.INSTANTIATE, arguments);
    }

    // endregion

    // region Array elements

    @ExportMessage
    boolean hasArrayElements() {
        return shape.has(Shape.ARRAY);
    }

    @ExportMessage
    long getArraySize(@Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.ARRAY);
        Snapshot.ArrayWindow w = arrayWindow;
        if (w != null && w.epoch == epoch()) {
            long size = w.sizeDuringScan();
            if (size >= 0) {
                return size;
            }
        }
        long size = ((Number) call(node, Opcode.GET_ARRAY_SIZE)).longValue();
        arrayWindow = new Snapshot.ArrayWindow(epoch(), size, 0, Snapshot.ArrayWindow.NONE);
        return size;
    }

    @ExportMessage
    Object readArrayElement(long index, @Bind("$node") Node node) throws UnsupportedMessageException, InvalidArrayIndexException {
        require(Shape.ARRAY);
        Object scanned = scannedElement(index, node);
        return scanned != null ? scanned : call(node, Opcode.READ_ARRAY_ELEMENT, index);
    }

    /**
     * A read right after the size was asked, with nothing in between, is a scan (for..of, spread, JSON.stringify, an
     * index loop): it fetches the elements from there to the end in one round trip (a few for huge arrays), and the
     * scan's following reads, in order, are served from them while nothing else happens. Any other read goes to the
     * owner.
     */
    @TruffleBoundary
    private Object scannedElement(long index, Node node) {
        Snapshot.ArrayWindow w = arrayWindow;
        if (w == null || w.epoch != epoch()) {
            return null;
        }
        Object next = w.next(index);
        if (next != null) {
            return next;
        }
        if (!w.sizeJustAsked || index < 0 || index >= w.size) {
            return null;
        }
        Object[] answer = session.callBatch(node, Opcode.READ_ARRAY_ELEMENTS, id, index, w.size - index);
        w = new Snapshot.ArrayWindow(epoch(), ((Number) answer[0]).longValue(), index, java.util.Arrays.copyOfRange(answer, 1, answer.length));
        arrayWindow = w;
        return w.next(index);
    }

    @ExportMessage
    void writeArrayElement(long index, Object value, @Bind("$node") Node node) throws UnsupportedMessageException, UnsupportedTypeException, InvalidArrayIndexException {
        require(Shape.ARRAY);
        call(node, Opcode.WRITE_ARRAY_ELEMENT, index, value);
    }

    @ExportMessage
    void removeArrayElement(long index, @Bind("$node") Node node) throws UnsupportedMessageException, InvalidArrayIndexException {
        require(Shape.ARRAY);
        call(node, Opcode.REMOVE_ARRAY_ELEMENT, index);
    }

    @ExportMessage
    boolean isArrayElementReadable(long index, @Bind("$node") Node node) {
        Snapshot.ArrayWindow w = arrayWindow;
        if (w != null && w.epoch == epoch() && index == w.cursor && index < w.end()) {
            return true;
        }
        return hasArrayElements() && (info(node, Opcode.ARRAY_ELEMENT_INFO, index, "isArrayElementReadable") & READABLE) != 0;
    }

    @ExportMessage
    boolean isArrayElementModifiable(long index, @Bind("$node") Node node) {
        return hasArrayElements() && (info(node, Opcode.ARRAY_ELEMENT_INFO, index, "isArrayElementModifiable") & MODIFIABLE) != 0;
    }

    @ExportMessage
    boolean isArrayElementInsertable(long index, @Bind("$node") Node node) {
        return hasArrayElements() && (info(node, Opcode.ARRAY_ELEMENT_INFO, index, "isArrayElementInsertable") & INSERTABLE) != 0;
    }

    @ExportMessage
    boolean isArrayElementRemovable(long index, @Bind("$node") Node node) {
        return hasArrayElements() && (info(node, Opcode.ARRAY_ELEMENT_INFO, index, "isArrayElementRemovable") & REMOVABLE) != 0;
    }

    // endregion

    // region Hash entries

    @ExportMessage
    boolean hasHashEntries() {
        return shape.has(Shape.HASH);
    }

    @ExportMessage
    long getHashSize(@Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.HASH);
        return ((Number) call(node, Opcode.GET_HASH_SIZE)).longValue();
    }

    @ExportMessage
    Object readHashValue(Object key, @Bind("$node") Node node) throws UnsupportedMessageException, UnknownKeyException {
        require(Shape.HASH);
        return call(node, Opcode.READ_HASH_VALUE, key);
    }

    @ExportMessage
    void writeHashEntry(Object key, Object value, @Bind("$node") Node node) throws UnsupportedMessageException, UnknownKeyException, UnsupportedTypeException {
        require(Shape.HASH);
        call(node, Opcode.WRITE_HASH_ENTRY, key, value);
    }

    @ExportMessage
    void removeHashEntry(Object key, @Bind("$node") Node node) throws UnsupportedMessageException, UnknownKeyException {
        require(Shape.HASH);
        call(node, Opcode.REMOVE_HASH_ENTRY, key);
    }

    @ExportMessage
    boolean isHashEntryReadable(Object key, @Bind("$node") Node node) {
        return hasHashEntries() && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryReadable") & READABLE) != 0;
    }

    @ExportMessage
    boolean isHashEntryModifiable(Object key, @Bind("$node") Node node) {
        return hasHashEntries() && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryModifiable") & MODIFIABLE) != 0;
    }

    @ExportMessage
    boolean isHashEntryInsertable(Object key, @Bind("$node") Node node) {
        return hasHashEntries() && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryInsertable") & INSERTABLE) != 0;
    }

    @ExportMessage
    boolean isHashEntryRemovable(Object key, @Bind("$node") Node node) {
        return hasHashEntries() && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryRemovable") & REMOVABLE) != 0;
    }

    @ExportMessage
    boolean isHashEntryExisting(Object key, @Bind("$node") Node node) {
        return hasHashEntries() && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryExisting") & EXISTING) != 0;
    }

    @ExportMessage
    Object getHashEntriesIterator(@Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.HASH);
        return hashIterator(node, Opcode.GET_HASH_ENTRIES_ITERATOR);
    }

    @ExportMessage
    Object getHashKeysIterator(@Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.HASH);
        return hashIterator(node, Opcode.GET_HASH_KEYS_ITERATOR);
    }

    @ExportMessage
    Object getHashValuesIterator(@Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.HASH);
        return hashIterator(node, Opcode.GET_HASH_VALUES_ITERATOR);
    }

    /**
     * Iterating a remote hash walks a snapshot of its entries taken in one round trip when the iteration starts.
     * A hash too large for one batch is iterated remotely instead.
     */
    @TruffleBoundary
    private Object hashIterator(Node node, Opcode remoteIterator) {
        Object[] answer = session.callBatch(node, Opcode.READ_HASH_ENTRIES, id, (long) MAX_HASH_SNAPSHOT);
        if (!(answer.length > 0 && answer[0] instanceof Boolean complete && complete)) {
            return call(node, remoteIterator);
        }
        int n = (answer.length - 1) / 2;
        Object[] elements = new Object[n];
        for (int i = 0; i < n; i++) {
            Object key = answer[1 + 2 * i];
            Object value = answer[2 + 2 * i];
            elements[i] = switch (remoteIterator) {
                case GET_HASH_KEYS_ITERATOR -> key;
                case GET_HASH_VALUES_ITERATOR -> value;
                default -> new ImmutableArray(new Object[]{key, value});
            };
        }
        return new SnapshotIterator(elements);
    }

    // endregion

    // region Iterators

    @ExportMessage
    boolean hasIterator() {
        return shape.has(Shape.ITERABLE);
    }

    @ExportMessage
    Object getIterator(@Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.ITERABLE);
        return call(node, Opcode.GET_ITERATOR);
    }

    @ExportMessage
    boolean isIterator() {
        return shape.has(Shape.ITERATOR);
    }

    @ExportMessage
    boolean hasIteratorNextElement(@Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.ITERATOR);
        return pendingNext != null || advance(node);
    }

    @ExportMessage
    Object getIteratorNextElement(@Bind("$node") Node node) throws UnsupportedMessageException, StopIterationException {
        require(Shape.ITERATOR);
        if (pendingNext == null && !advance(node)) {
            throw StopIterationException.create();
        }
        Object next = pendingNext;
        pendingNext = null;
        return next;
    }

    /**
     * Asks the owner whether its iterator has a next element and takes it in the same round trip (owners such as JS
     * generators must produce the element to answer hasNext anyway), so iterating costs one round trip per element.
     */
    @TruffleBoundary
    private boolean advance(Node node) {
        Object[] answer = session.callBatch(node, Opcode.ADVANCE_ITERATOR, id);
        if (answer.length == 0) {
            return false;
        }
        pendingNext = answer[0];
        return true;
    }

    // endregion

    // region Meta-objects, display and identity

    @ExportMessage
    boolean hasMetaObject() {
        return shape.has(Shape.HAS_META_OBJECT);
    }

    @ExportMessage
    Object getMetaObject(@Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.HAS_META_OBJECT);
        return call(node, Opcode.GET_META_OBJECT);
    }

    @ExportMessage
    boolean isMetaObject() {
        return shape.has(Shape.META_OBJECT);
    }

    @ExportMessage
    Object getMetaQualifiedName() throws UnsupportedMessageException {
        require(Shape.META_OBJECT);
        return shape.ownQualifiedName();
    }

    @ExportMessage
    Object getMetaSimpleName() throws UnsupportedMessageException {
        require(Shape.META_OBJECT);
        return shape.ownSimpleName();
    }

    @ExportMessage
    boolean isMetaInstance(Object instance, @Bind("$node") Node node) throws UnsupportedMessageException {
        require(Shape.META_OBJECT);
        return (Boolean) call(node, Opcode.IS_META_INSTANCE, instance);
    }

    @ExportMessage
    Object toDisplayString(boolean allowSideEffects, @Bind("$node") Node node) {
        if (session.isClosed()) {
            return displayName() + " (disconnected)";
        }
        return call(node, Opcode.TO_DISPLAY_STRING, allowSideEffects);
    }

    @TruffleBoundary
    String displayName() {
        return "remote " + (shape.metaSimpleName() != null ? shape.metaSimpleName() : "object") + " #" + id + " of " + session.peerName();
    }

    @ExportMessage
    TriState isIdenticalOrUndefined(Object other) {
        if (other instanceof Proxy p) {
            return TriState.valueOf(p.owner() == session && p.id() == id);
        }
        return TriState.UNDEFINED;
    }

    @ExportMessage
    @TruffleBoundary
    int identityHashCode() {
        return Long.hashCode(id) * 31 + System.identityHashCode(session);
    }

    // endregion

    @Override
    public String toString() {
        return displayName();
    }
}
