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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Cached.Shared;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.GenerateUncached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.profiles.InlinedBranchProfile;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnknownKeyException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;
import com.oracle.truffle.api.utilities.TriState;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.PathCounters;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.Origin;
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
    private volatile Origin origin;
    private volatile Snapshot.ArrayWindow arrayWindow;
    private volatile Snapshot.MemberWindow memberWindow;
    /** An element the remote iterator already produced, kept for the next getIteratorNextElement. */
    private volatile Object pendingNext;
    /** The number, string or boolean this object also is (see the facets region), fetched on first use. */
    private volatile Object primitiveValue;
    /** Immutable facts, fetched on first use. */
    private volatile Object executableName;
    private volatile SourceSection sourceLocation;

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

    @Override
    public Origin origin() {
        return origin;
    }

    /** The owner's origin of this object, from the first reference that carried it. */
    void learnOrigin(Origin known) {
        if (known != null && origin == null) {
            origin = known;
        }
    }

    /**
     * Calls this remote function without waiting ({@code member} null), or invokes its member {@code member}: one
     * request sent now, answered later through the returned future. Several such calls pipeline on the connection.
     */
    @TruffleBoundary
    public RemoteFuture callAsync(String member, Object[] args) {
        if (member == null) {
            if (!shape.has(Shape.EXECUTABLE)) {
                throw YonderError.create("async: " + displayName() + " is not executable");
            }
            return new RemoteFuture(session, session.startAsync(Opcode.EXECUTE, id, args));
        }
        Object[] withName = new Object[args.length + 1];
        withName[0] = member;
        System.arraycopy(args, 0, withName, 1, args.length);
        return new RemoteFuture(session, session.startAsync(Opcode.INVOKE_MEMBER, id, withName));
    }

    /** A call-scoped snapshot of this array's elements that arrived with a request's arguments; not yet active. */
    private volatile Object[] offeredElements;

    /** Called as a frame is decoded (on whichever thread reads it) when a request argument carried this array's elements. */
    public void offerArgumentSnapshot(Object[] elements) {
        offeredElements = elements;
    }

    /**
     * Called when the request starts to run: the offered elements serve this request's scan while the context's
     * epoch stands still, i.e. until it sends a request that may change state or serves another (a callback into the
     * caller among them). The caller is blocked meanwhile, so nothing else can change the array.
     */
    public void activateArgumentSnapshot() {
        Object[] elements = offeredElements;
        if (elements != null) {
            offeredElements = null;
            arrayWindow = new Snapshot.ArrayWindow(epoch(), elements.length, 0, elements);
        }
    }

    /**
     * The receiver's shape as a compilation constant: an inline cache keyed on the interned remote type, never on the
     * receiver, shared by all the trait messages of one call site; megamorphic sites read the field.
     */
    @GenerateUncached
    @GenerateInline(false)
    abstract static class ShapeOf extends Node {
        abstract Shape execute(RemoteObject receiver);

        @Specialization(guards = "receiver.shape == cached", limit = "4")
        static Shape doCached(@SuppressWarnings("unused") RemoteObject receiver, @Cached("receiver.shape") Shape cached) {
            return cached;
        }

        @Specialization(replaces = "doCached")
        static Shape doGeneric(RemoteObject receiver) {
            PathCounters.genericShapeLookup();
            return receiver.shape;
        }
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
    boolean hasMembers(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.MEMBERS);
    }

    @ExportMessage
    Object getMembers(boolean includeInternal, @Bind Node node) throws UnsupportedMessageException {
        require(Shape.MEMBERS);
        Object names = call(node, Opcode.GET_MEMBERS, includeInternal);
        List<String> list = names instanceof ImmutableArray array ? array.strings() : null;
        if (list != null && !includeInternal && list.size() <= MAX_BATCH_MEMBERS) {
            memberWindow = new Snapshot.MemberWindow(epoch(), list);
        }
        return names;
    }

    @ExportMessage
    Object readMember(String member, @Bind Node node) throws UnsupportedMessageException, UnknownIdentifierException {
        require(Shape.MEMBERS);
        // The download flag for members: a value the owner declared fixed is read from the local copy.
        Object fixed = fixedMember(member);
        if (fixed != null) {
            PathCounters.localRead();
            return fixed;
        }
        Object scanned = scannedMember(member, node);
        return scanned != null ? scanned : remoteReadMember(member, node);
    }

    /**
     * Member values that can never change (read-only, not removable, read without side effects: the members of a
     * frozen JS object, a Java object's methods), kept after their first read. Copy on write, at most
     * {@link #MAX_FIXED_MEMBERS}; read without a boundary.
     */
    private volatile FixedMembers fixedMembers;
    static final int MAX_FIXED_MEMBERS = 64;

    private record FixedMembers(String[] names, Object[] values) {
    }

    private Object fixedMember(String member) {
        FixedMembers f = fixedMembers;
        if (f == null) {
            return null;
        }
        String[] names = f.names;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == member || names[i].equals(member)) {
                return f.values[i];
            }
        }
        return null;
    }

    @TruffleBoundary
    private synchronized void keepFixedMember(String member, Object value) {
        FixedMembers f = fixedMembers;
        int n = f == null ? 0 : f.names.length;
        if (n >= MAX_FIXED_MEMBERS || fixedMember(member) != null) {
            return;
        }
        String[] names = f == null ? new String[1] : java.util.Arrays.copyOf(f.names, n + 1);
        Object[] values = f == null ? new Object[1] : java.util.Arrays.copyOf(f.values, n + 1);
        names[n] = member;
        values[n] = value;
        fixedMembers = new FixedMembers(names, values);
    }

    /** One READ_MEMBER: answered [value], or [value, true] when the owner says the value can never change. */
    @TruffleBoundary
    private Object remoteReadMember(String member, Node node) {
        Object[] answer = session.callBatch(node, Opcode.READ_MEMBER, id, member);
        if (answer.length == 2 && Boolean.TRUE.equals(answer[1])) {
            keepFixedMember(member, answer[0]);
        } else if (answer.length != 1) {
            throw YonderError.create("peer answered READ_MEMBER with " + answer.length + " values", node);
        }
        return answer[0];
    }

    /**
     * A read of one of the members the last getMembers listed, with nothing in between, is a scan (JSON.stringify,
     * Object.entries, a for..in loop): the first such read fetches all of them in one round trip, and each value is
     * then served once. Members whose read has side effects (getters) are not fetched ahead.
     */
    @TruffleBoundary
    private Object scannedMember(String member, Node node) {
        Snapshot.MemberWindow w = filledMemberWindow(member, node);
        if (w == null) {
            return null;
        }
        Object value = w.take(member);
        int info = w.info(member);
        if (value != null && (info & (READABLE | MODIFIABLE | REMOVABLE | READ_SIDE_EFFECTS)) == READABLE) {
            keepFixedMember(member, value);
        }
        return value;
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
    void writeMember(String member, Object value, @Bind Node node) throws UnsupportedMessageException, UnknownIdentifierException, UnsupportedTypeException {
        require(Shape.MEMBERS);
        call(node, Opcode.WRITE_MEMBER, member, value);
    }

    @ExportMessage
    void removeMember(String member, @Bind Node node) throws UnsupportedMessageException, UnknownIdentifierException {
        require(Shape.MEMBERS);
        call(node, Opcode.REMOVE_MEMBER, member);
    }

    @ExportMessage
    Object invokeMember(String member, Object[] arguments, @Bind Node node)
                    throws UnsupportedMessageException, ArityException, UnknownIdentifierException, UnsupportedTypeException {
        require(Shape.MEMBERS);
        Object[] args = new Object[arguments.length + 1];
        args[0] = member;
        System.arraycopy(arguments, 0, args, 1, arguments.length);
        return call(node, Opcode.INVOKE_MEMBER, args);
    }

    @ExportMessage
    boolean isMemberReadable(String member, @Bind Node node) {
        return shape.has(Shape.MEMBERS) && (info(node, Opcode.MEMBER_INFO, member, "isMemberReadable") & READABLE) != 0;
    }

    @ExportMessage
    boolean isMemberModifiable(String member, @Bind Node node) {
        return shape.has(Shape.MEMBERS) && (info(node, Opcode.MEMBER_INFO, member, "isMemberModifiable") & MODIFIABLE) != 0;
    }

    @ExportMessage
    boolean isMemberInsertable(String member, @Bind Node node) {
        return shape.has(Shape.MEMBERS) && (info(node, Opcode.MEMBER_INFO, member, "isMemberInsertable") & INSERTABLE) != 0;
    }

    @ExportMessage
    boolean isMemberRemovable(String member, @Bind Node node) {
        return shape.has(Shape.MEMBERS) && (info(node, Opcode.MEMBER_INFO, member, "isMemberRemovable") & REMOVABLE) != 0;
    }

    @ExportMessage
    boolean isMemberInvocable(String member, @Bind Node node) {
        return shape.has(Shape.MEMBERS) && (info(node, Opcode.MEMBER_INFO, member, "isMemberInvocable") & INVOCABLE) != 0;
    }

    @ExportMessage
    boolean isMemberInternal(String member, @Bind Node node) {
        return shape.has(Shape.MEMBERS) && (info(node, Opcode.MEMBER_INFO, member, "isMemberInternal") & INTERNAL) != 0;
    }

    @ExportMessage
    boolean hasMemberReadSideEffects(String member, @Bind Node node) {
        return shape.has(Shape.MEMBERS) && (info(node, Opcode.MEMBER_INFO, member, "hasMemberReadSideEffects") & READ_SIDE_EFFECTS) != 0;
    }

    @ExportMessage
    boolean hasMemberWriteSideEffects(String member, @Bind Node node) {
        return shape.has(Shape.MEMBERS) && (info(node, Opcode.MEMBER_INFO, member, "hasMemberWriteSideEffects") & WRITE_SIDE_EFFECTS) != 0;
    }

    // endregion

    // region Executables and instantiables

    @ExportMessage
    boolean isExecutable(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.EXECUTABLE);
    }

    @ExportMessage
    Object execute(Object[] arguments, @Bind Node node) throws UnsupportedTypeException, ArityException, UnsupportedMessageException {
        require(Shape.EXECUTABLE);
        return call(node, Opcode.EXECUTE, arguments);
    }

    @ExportMessage
    boolean isInstantiable(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.INSTANTIABLE);
    }

    @ExportMessage
    Object instantiate(Object[] arguments, @Bind Node node) throws UnsupportedTypeException, ArityException, UnsupportedMessageException {
        require(Shape.INSTANTIABLE);
        return call(node, Opcode.INSTANTIATE, arguments);
    }

    // endregion

    // region Array elements

    @ExportMessage
    boolean hasArrayElements(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.ARRAY);
    }

    @ExportMessage
    long getArraySize(@Bind Node node, @Shared("remotePath") @Cached InlinedBranchProfile remotePath) throws UnsupportedMessageException {
        require(Shape.ARRAY);
        Snapshot.ArrayWindow w = arrayWindow;
        if (w != null && w.epoch == epoch()) {
            long size = w.sizeDuringScan();
            if (size >= 0) {
                PathCounters.localRead();
                return size;
            }
        }
        // The remote path: compiled code that never took it deoptimizes here instead of calling the boundary.
        remotePath.enter(node);
        return remoteArraySize(node);
    }

    @TruffleBoundary
    private long remoteArraySize(Node node) {
        PathCounters.remoteElementPath();
        long size = ((Number) call(node, Opcode.GET_ARRAY_SIZE)).longValue();
        arrayWindow = new Snapshot.ArrayWindow(epoch(), size, 0, Snapshot.ArrayWindow.NONE);
        return size;
    }

    @ExportMessage
    Object readArrayElement(long index, @Bind Node node, @Shared("remotePath") @Cached InlinedBranchProfile remotePath)
                    throws UnsupportedMessageException, InvalidArrayIndexException {
        require(Shape.ARRAY);
        // The download flag: the scan's next element, read from the local copy. No boundary, so compiled guest
        // loops read downloaded elements inline; everything else goes through the boundary below.
        Snapshot.ArrayWindow w = arrayWindow;
        if (w != null && w.epoch == epoch()) {
            Object next = w.next(index);
            if (next != null) {
                PathCounters.localRead();
                return next;
            }
        }
        // The remote path: compiled code that never took it deoptimizes here instead of calling the boundary.
        remotePath.enter(node);
        PathCounters.remoteElementPath();
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
        if (!w.sizeJustAsked || index < 0 || index >= w.size) {
            return null;
        }
        Object[] answer = session.callBatch(node, Opcode.READ_ARRAY_ELEMENTS, id, index, w.size - index);
        w = new Snapshot.ArrayWindow(epoch(), ((Number) answer[0]).longValue(), index, java.util.Arrays.copyOfRange(answer, 1, answer.length));
        arrayWindow = w;
        return w.next(index);
    }

    @ExportMessage
    void writeArrayElement(long index, Object value, @Bind Node node) throws UnsupportedMessageException, UnsupportedTypeException, InvalidArrayIndexException {
        require(Shape.ARRAY);
        call(node, Opcode.WRITE_ARRAY_ELEMENT, index, value);
    }

    @ExportMessage
    void removeArrayElement(long index, @Bind Node node) throws UnsupportedMessageException, InvalidArrayIndexException {
        require(Shape.ARRAY);
        call(node, Opcode.REMOVE_ARRAY_ELEMENT, index);
    }

    @ExportMessage
    boolean isArrayElementReadable(long index, @Bind Node node) {
        Snapshot.ArrayWindow w = arrayWindow;
        if (w != null && w.epoch == epoch() && index == w.cursor && index < w.end()) {
            return true;
        }
        return shape.has(Shape.ARRAY) && (info(node, Opcode.ARRAY_ELEMENT_INFO, index, "isArrayElementReadable") & READABLE) != 0;
    }

    @ExportMessage
    boolean isArrayElementModifiable(long index, @Bind Node node) {
        return shape.has(Shape.ARRAY) && (info(node, Opcode.ARRAY_ELEMENT_INFO, index, "isArrayElementModifiable") & MODIFIABLE) != 0;
    }

    @ExportMessage
    boolean isArrayElementInsertable(long index, @Bind Node node) {
        return shape.has(Shape.ARRAY) && (info(node, Opcode.ARRAY_ELEMENT_INFO, index, "isArrayElementInsertable") & INSERTABLE) != 0;
    }

    @ExportMessage
    boolean isArrayElementRemovable(long index, @Bind Node node) {
        return shape.has(Shape.ARRAY) && (info(node, Opcode.ARRAY_ELEMENT_INFO, index, "isArrayElementRemovable") & REMOVABLE) != 0;
    }

    // endregion

    // region Hash entries

    @ExportMessage
    boolean hasHashEntries(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.HASH);
    }

    @ExportMessage
    long getHashSize(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.HASH);
        return ((Number) call(node, Opcode.GET_HASH_SIZE)).longValue();
    }

    @ExportMessage
    Object readHashValue(Object key, @Bind Node node) throws UnsupportedMessageException, UnknownKeyException {
        require(Shape.HASH);
        return call(node, Opcode.READ_HASH_VALUE, key);
    }

    @ExportMessage
    void writeHashEntry(Object key, Object value, @Bind Node node) throws UnsupportedMessageException, UnknownKeyException, UnsupportedTypeException {
        require(Shape.HASH);
        call(node, Opcode.WRITE_HASH_ENTRY, key, value);
    }

    @ExportMessage
    void removeHashEntry(Object key, @Bind Node node) throws UnsupportedMessageException, UnknownKeyException {
        require(Shape.HASH);
        call(node, Opcode.REMOVE_HASH_ENTRY, key);
    }

    @ExportMessage
    boolean isHashEntryReadable(Object key, @Bind Node node) {
        return shape.has(Shape.HASH) && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryReadable") & READABLE) != 0;
    }

    @ExportMessage
    boolean isHashEntryModifiable(Object key, @Bind Node node) {
        return shape.has(Shape.HASH) && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryModifiable") & MODIFIABLE) != 0;
    }

    @ExportMessage
    boolean isHashEntryInsertable(Object key, @Bind Node node) {
        return shape.has(Shape.HASH) && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryInsertable") & INSERTABLE) != 0;
    }

    @ExportMessage
    boolean isHashEntryRemovable(Object key, @Bind Node node) {
        return shape.has(Shape.HASH) && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryRemovable") & REMOVABLE) != 0;
    }

    @ExportMessage
    boolean isHashEntryExisting(Object key, @Bind Node node) {
        return shape.has(Shape.HASH) && (info(node, Opcode.HASH_ENTRY_INFO, key, "isHashEntryExisting") & EXISTING) != 0;
    }

    @ExportMessage
    Object getHashEntriesIterator(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.HASH);
        return hashIterator(node, Opcode.GET_HASH_ENTRIES_ITERATOR);
    }

    @ExportMessage
    Object getHashKeysIterator(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.HASH);
        return hashIterator(node, Opcode.GET_HASH_KEYS_ITERATOR);
    }

    @ExportMessage
    Object getHashValuesIterator(@Bind Node node) throws UnsupportedMessageException {
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
    boolean hasIterator(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.ITERABLE);
    }

    @ExportMessage
    Object getIterator(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.ITERABLE);
        return call(node, Opcode.GET_ITERATOR);
    }

    @ExportMessage
    boolean isIterator(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.ITERATOR);
    }

    @ExportMessage
    boolean hasIteratorNextElement(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.ITERATOR);
        return pendingNext != null || advance(node);
    }

    @ExportMessage
    Object getIteratorNextElement(@Bind Node node) throws UnsupportedMessageException, StopIterationException {
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

    // region Buffers: ranged reads and writes move only the bytes asked for

    @ExportMessage
    boolean hasBufferElements(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.BUFFER);
    }

    @ExportMessage
    boolean isBufferWritable(@Shared("shape") @Cached ShapeOf shapeOf) throws UnsupportedMessageException {
        require(Shape.BUFFER);
        return shapeOf.execute(this).has(Shape.BUFFER_WRITABLE);
    }

    @ExportMessage
    long getBufferSize(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.BUFFER);
        return ((Number) call(node, Opcode.GET_BUFFER_SIZE)).longValue();
    }

    /** Largest buffer read in one request; longer reads are split. */
    static final int BUFFER_CHUNK = 1 << 20;

    @TruffleBoundary
    private ByteBuffer readBytes(Node node, long offset, int length) throws UnsupportedMessageException, InvalidBufferOffsetException {
        require(Shape.BUFFER);
        if (length <= BUFFER_CHUNK) {
            return ByteBuffer.wrap((byte[]) call(node, Opcode.READ_BUFFER, offset, (long) length));
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (int done = 0; done < length; done += BUFFER_CHUNK) {
            int n = Math.min(BUFFER_CHUNK, length - done);
            all.put((byte[]) call(node, Opcode.READ_BUFFER, offset + done, (long) n));
        }
        return all.flip();
    }

    @TruffleBoundary
    private void writeBytes(Node node, long offset, ByteOrder order, int length, java.util.function.Consumer<ByteBuffer> put)
                    throws UnsupportedMessageException, InvalidBufferOffsetException {
        require(Shape.BUFFER_WRITABLE);
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        put.accept(b);
        call(node, Opcode.WRITE_BUFFER, offset, b.array());
    }

    @ExportMessage
    void readBuffer(long byteOffset, byte[] destination, int destinationOffset, int length, @Bind Node node)
                    throws UnsupportedMessageException, InvalidBufferOffsetException {
        readBytes(node, byteOffset, length).get(destination, destinationOffset, length);
    }

    @ExportMessage
    byte readBufferByte(long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return readBytes(node, byteOffset, 1).get(0);
    }

    @ExportMessage
    short readBufferShort(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return readBytes(node, byteOffset, 2).order(order).getShort(0);
    }

    @ExportMessage
    int readBufferInt(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return readBytes(node, byteOffset, 4).order(order).getInt(0);
    }

    @ExportMessage
    long readBufferLong(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return readBytes(node, byteOffset, 8).order(order).getLong(0);
    }

    @ExportMessage
    float readBufferFloat(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return readBytes(node, byteOffset, 4).order(order).getFloat(0);
    }

    @ExportMessage
    double readBufferDouble(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return readBytes(node, byteOffset, 8).order(order).getDouble(0);
    }

    @ExportMessage
    void writeBufferByte(long byteOffset, byte value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        writeBytes(node, byteOffset, ByteOrder.BIG_ENDIAN, 1, b -> b.put(value));
    }

    @ExportMessage
    void writeBufferShort(ByteOrder order, long byteOffset, short value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        writeBytes(node, byteOffset, order, 2, b -> b.putShort(value));
    }

    @ExportMessage
    void writeBufferInt(ByteOrder order, long byteOffset, int value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        writeBytes(node, byteOffset, order, 4, b -> b.putInt(value));
    }

    @ExportMessage
    void writeBufferLong(ByteOrder order, long byteOffset, long value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        writeBytes(node, byteOffset, order, 8, b -> b.putLong(value));
    }

    @ExportMessage
    void writeBufferFloat(ByteOrder order, long byteOffset, float value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        writeBytes(node, byteOffset, order, 4, b -> b.putFloat(value));
    }

    @ExportMessage
    void writeBufferDouble(ByteOrder order, long byteOffset, double value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        writeBytes(node, byteOffset, order, 8, b -> b.putDouble(value));
    }

    // endregion

    // region Executable names and source locations: immutable, fetched once

    @ExportMessage
    boolean hasExecutableName(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.EXECUTABLE_NAME);
    }

    @ExportMessage
    Object getExecutableName(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.EXECUTABLE_NAME);
        Object name = executableName;
        if (name == null) {
            name = call(node, Opcode.GET_EXECUTABLE_NAME);
            executableName = name;
        }
        return name;
    }

    @ExportMessage
    boolean hasSourceLocation(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.SOURCE_LOCATION);
    }

    @ExportMessage
    @TruffleBoundary
    SourceSection getSourceLocation(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.SOURCE_LOCATION);
        SourceSection section = sourceLocation;
        if (section == null) {
            Object[] l = session.callBatch(node, Opcode.GET_SOURCE_LOCATION, id);
            section = RemoteSources.section((String) l[0], ((Number) l[1]).intValue(), ((Number) l[2]).intValue(), ((Number) l[3]).intValue(), ((Number) l[4]).intValue());
            sourceLocation = section;
        }
        return section;
    }

    // endregion

    // region Facets: an object that is also a number, string, boolean, date, time, zone or duration

    /** The number, string or boolean this object also is: immutable in practice (a BigInteger), fetched once. */
    @TruffleBoundary
    private Object primitive(Node node) {
        Object p = primitiveValue;
        if (p == null) {
            try {
                p = call(node, Opcode.READ_PRIMITIVE);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // The owner says it has no such facet after all: answer as a value without one.
                p = NO_PRIMITIVE;
            }
            primitiveValue = p;
        }
        return p;
    }

    /** Stands for "the owner has no primitive facet"; fails every fitsIn/as message. */
    private static final Object NO_PRIMITIVE = org.yonder.objspace.marshal.YonderNull.INSTANCE;

    /** The date, time, zone or duration this object also is, asked each time: a JS Date can change. */
    @TruffleBoundary
    private Object time(Node node) {
        return call(node, Opcode.READ_TIME);
    }

    private static final InteropLibrary LOCAL = InteropLibrary.getUncached();

    @ExportMessage
    boolean isNumber(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.NUMBER);
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInByte(@Bind Node node) {
        return shape.has(Shape.NUMBER) && LOCAL.fitsInByte(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInShort(@Bind Node node) {
        return shape.has(Shape.NUMBER) && LOCAL.fitsInShort(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInInt(@Bind Node node) {
        return shape.has(Shape.NUMBER) && LOCAL.fitsInInt(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInLong(@Bind Node node) {
        return shape.has(Shape.NUMBER) && LOCAL.fitsInLong(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInBigInteger(@Bind Node node) {
        return shape.has(Shape.NUMBER) && LOCAL.fitsInBigInteger(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInFloat(@Bind Node node) {
        return shape.has(Shape.NUMBER) && LOCAL.fitsInFloat(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInDouble(@Bind Node node) {
        return shape.has(Shape.NUMBER) && LOCAL.fitsInDouble(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    byte asByte(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.NUMBER);
        return LOCAL.asByte(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    short asShort(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.NUMBER);
        return LOCAL.asShort(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    int asInt(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.NUMBER);
        return LOCAL.asInt(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    long asLong(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.NUMBER);
        return LOCAL.asLong(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    java.math.BigInteger asBigInteger(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.NUMBER);
        return LOCAL.asBigInteger(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    float asFloat(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.NUMBER);
        return LOCAL.asFloat(primitive(node));
    }

    @ExportMessage
    @TruffleBoundary
    double asDouble(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.NUMBER);
        return LOCAL.asDouble(primitive(node));
    }

    @ExportMessage
    boolean isString(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.STRING);
    }

    @ExportMessage
    @TruffleBoundary
    String asString(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.STRING);
        return LOCAL.asString(primitive(node));
    }

    @ExportMessage
    boolean isBoolean(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.BOOLEAN);
    }

    @ExportMessage
    @TruffleBoundary
    boolean asBoolean(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.BOOLEAN);
        return LOCAL.asBoolean(primitive(node));
    }

    @ExportMessage
    boolean isDate(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.DATE);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.LocalDate asDate(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.DATE);
        return LOCAL.asDate(time(node));
    }

    @ExportMessage
    boolean isTime(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.TIME);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.LocalTime asTime(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.TIME);
        return LOCAL.asTime(time(node));
    }

    @ExportMessage
    boolean isTimeZone(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.TIME_ZONE);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.ZoneId asTimeZone(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.TIME_ZONE);
        return LOCAL.asTimeZone(time(node));
    }

    @ExportMessage
    @TruffleBoundary
    java.time.Instant asInstant(@Bind Node node) throws UnsupportedMessageException {
        if (!(shape.has(Shape.DATE) && shape.has(Shape.TIME) && shape.has(Shape.TIME_ZONE))) {
            throw UnsupportedMessageException.create();
        }
        return LOCAL.asInstant(time(node));
    }

    @ExportMessage
    boolean isDuration(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.DURATION);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.Duration asDuration(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.DURATION);
        return LOCAL.asDuration(time(node));
    }

    // endregion

    // region Meta-objects, display and identity

    @ExportMessage
    boolean hasMetaObject(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.HAS_META_OBJECT);
    }

    @ExportMessage
    Object getMetaObject(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.HAS_META_OBJECT);
        return call(node, Opcode.GET_META_OBJECT);
    }

    @ExportMessage
    boolean isMetaObject(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.META_OBJECT);
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
    boolean hasMetaParents(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.META_PARENTS);
    }

    @ExportMessage
    Object getMetaParents(@Bind Node node) throws UnsupportedMessageException {
        require(Shape.META_PARENTS);
        return new ImmutableArray(session.callBatch(node, Opcode.GET_META_PARENTS, id));
    }

    @ExportMessage
    boolean isMetaInstance(Object instance, @Bind Node node) throws UnsupportedMessageException {
        require(Shape.META_OBJECT);
        return (Boolean) call(node, Opcode.IS_META_INSTANCE, instance);
    }

    @ExportMessage
    Object toDisplayString(boolean allowSideEffects, @Bind Node node) {
        if (session.isClosed()) {
            return displayName() + " (disconnected)";
        }
        return call(node, Opcode.TO_DISPLAY_STRING, allowSideEffects);
    }

    @TruffleBoundary
    String displayName() {
        return "remote " + (shape.metaSimpleName() != null ? shape.metaSimpleName() : "object") + " #" + id + " of " + session.peerName();
    }

    /**
     * Two proxies are the same object when they are one proxy of one session, or when their owners' origins agree:
     * the same object reached through two sessions (directly, and forwarded by a third peer).
     */
    @ExportMessage
    TriState isIdenticalOrUndefined(Object other) {
        if (other instanceof Proxy p) {
            if (p.owner() == session && p.id() == id) {
                return TriState.TRUE;
            }
            Origin mine = origin;
            return TriState.valueOf(mine != null && mine.equals(p.origin()));
        }
        return TriState.UNDEFINED;
    }

    @ExportMessage
    @TruffleBoundary
    int identityHashCode() {
        Origin mine = origin;
        return mine != null ? mine.hashCode() : Long.hashCode(id) * 31 + System.identityHashCode(session);
    }

    // endregion

    @Override
    public String toString() {
        return displayName();
    }
}
