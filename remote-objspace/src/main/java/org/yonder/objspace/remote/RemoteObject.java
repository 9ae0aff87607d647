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

import java.nio.ByteOrder;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Cached.Shared;
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
import com.oracle.truffle.api.profiles.InlinedBranchProfile;
import com.oracle.truffle.api.source.SourceSection;
import com.oracle.truffle.api.utilities.TriState;

import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Origin;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.session.ImportedProxy;
import org.yonder.objspace.session.LocalSpace;
import org.yonder.objspace.session.Session;
import org.yonder.objspace.wire.Opcode;

/**
 * A reference to an object another process owns (W_RemoteXXX). Type questions are answered from the shape with no
 * round trip; every read, write and call is one round trip to the owner, so mutable state is never stale. A message
 * the shape rules out throws UnsupportedMessageException locally. Exceptions are {@link RemoteException}, which
 * delegates here for everything but the exception messages.
 * <p>
 * This class holds the proxy's state and declares every exported message (Truffle wants them here); each export
 * forwards to a static method of its trait's class, as truffleruby's {@code RubyDynamicObject} does:
 * {@link RemoteMembers}, {@link RemoteExecutables}, {@link RemoteArrays}, {@link RemoteHashes},
 * {@link RemoteIterators}, {@link RemoteBuffers}, {@link RemoteFacets} and {@link RemoteMeta}. The type checks ask
 * the {@link ShapeOf} inline cache. The forwards on the fast paths (array window, fixed members) are plain static
 * methods with no boundary, so they compile inline into the guest's loop.
 */
@ExportLibrary(InteropLibrary.class)
public final class RemoteObject implements TruffleObject, ImportedProxy {
    final Session session;
    final long id;
    final Shape shape;
    private volatile Origin origin;
    /** The array scan window (the download flag, see {@link RemoteArrays}). */
    volatile Snapshot.ArrayWindow arrayWindow;
    /** The buffer scan window (see {@link RemoteBuffers}). */
    volatile Snapshot.BufferWindow bufferWindow;
    /** The member names of the last getMembers, and once a scan asked, their values (see {@link RemoteMembers}). */
    volatile Snapshot.MemberWindow memberWindow;
    /** Members whose values can never change, kept after their first read (see {@link RemoteMembers}). */
    volatile RemoteMembers.FixedMembers fixedMembers;
    /** A call-scoped snapshot of this array's elements that arrived with a request's arguments; not yet active. */
    volatile Object[] offeredElements;
    /** An element the remote iterator already produced, kept for the next getIteratorNextElement. */
    volatile Object pendingNext;
    /** The number, string or boolean this object also is (see {@link RemoteFacets}), fetched on first use. */
    volatile Object primitiveValue;
    /** Immutable facts, fetched on first use. */
    volatile Object executableName;
    volatile SourceSection sourceLocation;

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
    @Override
    public void learnOrigin(Origin known) {
        if (known != null && origin == null) {
            origin = known;
        }
    }

    /**
     * Calls this remote function without waiting ({@code member} null), or invokes its member {@code member}: one
     * request sent now, answered later through the returned future. Several such calls pipeline on the connection.
     */
    public RemoteFuture callAsync(String member, Object[] args) {
        return RemoteExecutables.callAsync(this, member, args);
    }

    /** Called as a frame is decoded (on whichever thread reads it) when a request argument carried this array's elements. */
    @Override
    public void offerArgumentSnapshot(Object[] elements) {
        offeredElements = elements;
    }

    /** Called when the request starts to run: see {@link RemoteArrays#activateArgumentSnapshot}. */
    @Override
    public void activateArgumentSnapshot() {
        RemoteArrays.activateArgumentSnapshot(this);
    }

    // region Helpers of the trait classes

    /** The message epoch of this proxy's context (see Inbox.epoch): a value read stays current while it stands still. */
    public long messageEpoch() {
        return epoch();
    }

    long epoch() {
        return session.inbox().epoch();
    }

    void require(int trait) throws UnsupportedMessageException {
        if (!shape.has(trait)) {
            throw UnsupportedMessageException.create();
        }
    }

    /**
     * A value read from this proxy (a member, an element, a hash value, an iterator's next) in the receiving guest's
     * own kind (LocalSpace.present): values served from a batch or a kept copy did not pass through the session's
     * answer, which presents the others.
     */
    private Object presented(Object value, Node node) {
        return LocalSpace.presentableValue(value) ? presentedSlow(value, node) : value;
    }

    @TruffleBoundary
    private Object presentedSlow(Object value, Node node) {
        return session.space().present(value, node, null);
    }

    @TruffleBoundary
    Object call(Node location, Opcode op, Object... args) {
        return session.call(location, op, id, args);
    }

    /** One MEMBER_INFO, ARRAY_ELEMENT_INFO or HASH_ENTRY_INFO round trip, asked for {@code message}. */
    @TruffleBoundary
    int info(Node location, Opcode op, Object key, String message) {
        if (op == Opcode.MEMBER_INFO && key instanceof String member) {
            Snapshot.MemberWindow w = RemoteMembers.filledMemberWindow(this, member, location);
            if (w != null) {
                return w.info(member);
            }
        }
        Object bits = session.callInfo(location, op, id, AssertionProbes.isProbe(message), key);
        return bits instanceof Integer i ? i : 0;
    }

    // endregion

    // region Members (RemoteMembers)

    @ExportMessage
    boolean hasMembers(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.MEMBERS);
    }

    @ExportMessage
    Object getMembers(boolean includeInternal, @Bind Node node) throws UnsupportedMessageException {
        return RemoteMembers.getMembers(this, includeInternal, node);
    }

    @ExportMessage
    Object readMember(String member, @Bind Node node) throws UnsupportedMessageException, UnknownIdentifierException {
        return presented(RemoteMembers.readMember(this, member, node), node);
    }

    @ExportMessage
    void writeMember(String member, Object value, @Bind Node node) throws UnsupportedMessageException, UnknownIdentifierException, UnsupportedTypeException {
        RemoteMembers.writeMember(this, member, value, node);
    }

    @ExportMessage
    void removeMember(String member, @Bind Node node) throws UnsupportedMessageException, UnknownIdentifierException {
        RemoteMembers.removeMember(this, member, node);
    }

    @ExportMessage
    Object invokeMember(String member, Object[] arguments, @Bind Node node)
                    throws UnsupportedMessageException, ArityException, UnknownIdentifierException, UnsupportedTypeException {
        return RemoteMembers.invokeMember(this, member, arguments, node);
    }

    @ExportMessage
    boolean isMemberReadable(String member, @Bind Node node) {
        return RemoteMembers.info(this, member, node, "isMemberReadable", READABLE);
    }

    @ExportMessage
    boolean isMemberModifiable(String member, @Bind Node node) {
        return RemoteMembers.info(this, member, node, "isMemberModifiable", MODIFIABLE);
    }

    @ExportMessage
    boolean isMemberInsertable(String member, @Bind Node node) {
        return RemoteMembers.info(this, member, node, "isMemberInsertable", INSERTABLE);
    }

    @ExportMessage
    boolean isMemberRemovable(String member, @Bind Node node) {
        return RemoteMembers.info(this, member, node, "isMemberRemovable", REMOVABLE);
    }

    @ExportMessage
    boolean isMemberInvocable(String member, @Bind Node node) {
        return RemoteMembers.info(this, member, node, "isMemberInvocable", INVOCABLE);
    }

    @ExportMessage
    boolean isMemberInternal(String member, @Bind Node node) {
        return RemoteMembers.info(this, member, node, "isMemberInternal", INTERNAL);
    }

    @ExportMessage
    boolean hasMemberReadSideEffects(String member, @Bind Node node) {
        return RemoteMembers.info(this, member, node, "hasMemberReadSideEffects", READ_SIDE_EFFECTS);
    }

    @ExportMessage
    boolean hasMemberWriteSideEffects(String member, @Bind Node node) {
        return RemoteMembers.info(this, member, node, "hasMemberWriteSideEffects", WRITE_SIDE_EFFECTS);
    }

    // endregion

    // region Executables and instantiables (RemoteExecutables)

    @ExportMessage
    boolean isExecutable(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.EXECUTABLE);
    }

    @ExportMessage
    Object execute(Object[] arguments, @Bind Node node) throws UnsupportedTypeException, ArityException, UnsupportedMessageException {
        return RemoteExecutables.execute(this, arguments, node);
    }

    @ExportMessage
    boolean isInstantiable(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.INSTANTIABLE);
    }

    @ExportMessage
    Object instantiate(Object[] arguments, @Bind Node node) throws UnsupportedTypeException, ArityException, UnsupportedMessageException {
        return RemoteExecutables.instantiate(this, arguments, node);
    }

    @ExportMessage
    boolean hasExecutableName(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.EXECUTABLE_NAME);
    }

    @ExportMessage
    Object getExecutableName(@Bind Node node) throws UnsupportedMessageException {
        return RemoteExecutables.getExecutableName(this, node);
    }

    @ExportMessage
    boolean hasSourceLocation(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.SOURCE_LOCATION);
    }

    @ExportMessage
    @TruffleBoundary
    SourceSection getSourceLocation(@Bind Node node) throws UnsupportedMessageException {
        return RemoteExecutables.getSourceLocation(this, node);
    }

    // endregion

    // region Array elements (RemoteArrays): the size and element reads check the array window before any boundary

    @ExportMessage
    boolean hasArrayElements(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.ARRAY);
    }

    @ExportMessage
    long getArraySize(@Bind Node node, @Shared("remotePath") @Cached InlinedBranchProfile remotePath) throws UnsupportedMessageException {
        return RemoteArrays.getArraySize(this, node, remotePath);
    }

    @ExportMessage
    Object readArrayElement(long index, @Bind Node node, @Shared("remotePath") @Cached InlinedBranchProfile remotePath)
                    throws UnsupportedMessageException, InvalidArrayIndexException {
        return presented(RemoteArrays.readArrayElement(this, index, node, remotePath), node);
    }

    @ExportMessage
    void writeArrayElement(long index, Object value, @Bind Node node) throws UnsupportedMessageException, UnsupportedTypeException, InvalidArrayIndexException {
        RemoteArrays.writeArrayElement(this, index, value, node);
    }

    @ExportMessage
    void removeArrayElement(long index, @Bind Node node) throws UnsupportedMessageException, InvalidArrayIndexException {
        RemoteArrays.removeArrayElement(this, index, node);
    }

    @ExportMessage
    boolean isArrayElementReadable(long index, @Bind Node node) {
        return RemoteArrays.isArrayElementReadable(this, index, node);
    }

    @ExportMessage
    boolean isArrayElementModifiable(long index, @Bind Node node) {
        return RemoteArrays.info(this, index, node, "isArrayElementModifiable", MODIFIABLE);
    }

    @ExportMessage
    boolean isArrayElementInsertable(long index, @Bind Node node) {
        return RemoteArrays.info(this, index, node, "isArrayElementInsertable", INSERTABLE);
    }

    @ExportMessage
    boolean isArrayElementRemovable(long index, @Bind Node node) {
        return RemoteArrays.info(this, index, node, "isArrayElementRemovable", REMOVABLE);
    }

    // endregion

    // region Hash entries (RemoteHashes)

    @ExportMessage
    boolean hasHashEntries(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.HASH);
    }

    @ExportMessage
    long getHashSize(@Bind Node node) throws UnsupportedMessageException {
        return RemoteHashes.getHashSize(this, node);
    }

    @ExportMessage
    Object readHashValue(Object key, @Bind Node node) throws UnsupportedMessageException, UnknownKeyException {
        return presented(RemoteHashes.readHashValue(this, key, node), node);
    }

    @ExportMessage
    void writeHashEntry(Object key, Object value, @Bind Node node) throws UnsupportedMessageException, UnknownKeyException, UnsupportedTypeException {
        RemoteHashes.writeHashEntry(this, key, value, node);
    }

    @ExportMessage
    void removeHashEntry(Object key, @Bind Node node) throws UnsupportedMessageException, UnknownKeyException {
        RemoteHashes.removeHashEntry(this, key, node);
    }

    @ExportMessage
    boolean isHashEntryReadable(Object key, @Bind Node node) {
        return RemoteHashes.info(this, key, node, "isHashEntryReadable", READABLE);
    }

    @ExportMessage
    boolean isHashEntryModifiable(Object key, @Bind Node node) {
        return RemoteHashes.info(this, key, node, "isHashEntryModifiable", MODIFIABLE);
    }

    @ExportMessage
    boolean isHashEntryInsertable(Object key, @Bind Node node) {
        return RemoteHashes.info(this, key, node, "isHashEntryInsertable", INSERTABLE);
    }

    @ExportMessage
    boolean isHashEntryRemovable(Object key, @Bind Node node) {
        return RemoteHashes.info(this, key, node, "isHashEntryRemovable", REMOVABLE);
    }

    @ExportMessage
    boolean isHashEntryExisting(Object key, @Bind Node node) {
        return RemoteHashes.info(this, key, node, "isHashEntryExisting", EXISTING);
    }

    @ExportMessage
    Object getHashEntriesIterator(@Bind Node node) throws UnsupportedMessageException {
        return RemoteHashes.iterator(this, node, Opcode.GET_HASH_ENTRIES_ITERATOR);
    }

    @ExportMessage
    Object getHashKeysIterator(@Bind Node node) throws UnsupportedMessageException {
        return RemoteHashes.iterator(this, node, Opcode.GET_HASH_KEYS_ITERATOR);
    }

    @ExportMessage
    Object getHashValuesIterator(@Bind Node node) throws UnsupportedMessageException {
        return RemoteHashes.iterator(this, node, Opcode.GET_HASH_VALUES_ITERATOR);
    }

    // endregion

    // region Iterators (RemoteIterators)

    @ExportMessage
    boolean hasIterator(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.ITERABLE);
    }

    @ExportMessage
    Object getIterator(@Bind Node node) throws UnsupportedMessageException {
        return RemoteIterators.getIterator(this, node);
    }

    @ExportMessage
    boolean isIterator(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.ITERATOR);
    }

    @ExportMessage
    boolean hasIteratorNextElement(@Bind Node node) throws UnsupportedMessageException {
        return RemoteIterators.hasIteratorNextElement(this, node);
    }

    @ExportMessage
    Object getIteratorNextElement(@Bind Node node) throws UnsupportedMessageException, StopIterationException {
        return presented(RemoteIterators.getIteratorNextElement(this, node), node);
    }

    // endregion

    // region Buffers (RemoteBuffers): ranged reads and writes move only the bytes asked for

    @ExportMessage
    boolean hasBufferElements(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.BUFFER);
    }

    @ExportMessage
    boolean isBufferWritable(@Shared("shape") @Cached ShapeOf shapeOf) throws UnsupportedMessageException {
        return RemoteBuffers.isBufferWritable(this, shapeOf);
    }

    @ExportMessage
    long getBufferSize(@Bind Node node) throws UnsupportedMessageException {
        return RemoteBuffers.getBufferSize(this, node);
    }

    @ExportMessage
    void readBuffer(long byteOffset, byte[] destination, int destinationOffset, int length, @Bind Node node)
                    throws UnsupportedMessageException, InvalidBufferOffsetException {
        RemoteBuffers.read(this, node, byteOffset, length).get(destination, destinationOffset, length);
    }

    @ExportMessage
    byte readBufferByte(long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return RemoteBuffers.read(this, node, byteOffset, 1).get(0);
    }

    @ExportMessage
    short readBufferShort(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return RemoteBuffers.read(this, node, byteOffset, 2).order(order).getShort(0);
    }

    @ExportMessage
    int readBufferInt(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return RemoteBuffers.read(this, node, byteOffset, 4).order(order).getInt(0);
    }

    @ExportMessage
    long readBufferLong(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return RemoteBuffers.read(this, node, byteOffset, 8).order(order).getLong(0);
    }

    @ExportMessage
    float readBufferFloat(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return RemoteBuffers.read(this, node, byteOffset, 4).order(order).getFloat(0);
    }

    @ExportMessage
    double readBufferDouble(ByteOrder order, long byteOffset, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        return RemoteBuffers.read(this, node, byteOffset, 8).order(order).getDouble(0);
    }

    @ExportMessage
    void writeBufferByte(long byteOffset, byte value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        RemoteBuffers.write(this, node, byteOffset, ByteOrder.BIG_ENDIAN, 1, b -> b.put(value));
    }

    @ExportMessage
    void writeBufferShort(ByteOrder order, long byteOffset, short value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        RemoteBuffers.write(this, node, byteOffset, order, 2, b -> b.putShort(value));
    }

    @ExportMessage
    void writeBufferInt(ByteOrder order, long byteOffset, int value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        RemoteBuffers.write(this, node, byteOffset, order, 4, b -> b.putInt(value));
    }

    @ExportMessage
    void writeBufferLong(ByteOrder order, long byteOffset, long value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        RemoteBuffers.write(this, node, byteOffset, order, 8, b -> b.putLong(value));
    }

    @ExportMessage
    void writeBufferFloat(ByteOrder order, long byteOffset, float value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        RemoteBuffers.write(this, node, byteOffset, order, 4, b -> b.putFloat(value));
    }

    @ExportMessage
    void writeBufferDouble(ByteOrder order, long byteOffset, double value, @Bind Node node) throws UnsupportedMessageException, InvalidBufferOffsetException {
        RemoteBuffers.write(this, node, byteOffset, order, 8, b -> b.putDouble(value));
    }

    // endregion

    // region Facets (RemoteFacets): an object that is also a number, string, boolean, date, time, zone or duration

    @ExportMessage
    boolean isNumber(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.NUMBER);
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInByte(@Bind Node node) {
        return RemoteFacets.fitsInByte(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInShort(@Bind Node node) {
        return RemoteFacets.fitsInShort(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInInt(@Bind Node node) {
        return RemoteFacets.fitsInInt(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInLong(@Bind Node node) {
        return RemoteFacets.fitsInLong(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInBigInteger(@Bind Node node) {
        return RemoteFacets.fitsInBigInteger(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInFloat(@Bind Node node) {
        return RemoteFacets.fitsInFloat(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInDouble(@Bind Node node) {
        return RemoteFacets.fitsInDouble(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    byte asByte(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asByte(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    short asShort(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asShort(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    int asInt(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asInt(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    long asLong(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asLong(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    java.math.BigInteger asBigInteger(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asBigInteger(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    float asFloat(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asFloat(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    double asDouble(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asDouble(this, node);
    }

    @ExportMessage
    boolean isString(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.STRING);
    }

    @ExportMessage
    @TruffleBoundary
    String asString(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asString(this, node);
    }

    @ExportMessage
    boolean isBoolean(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.BOOLEAN);
    }

    @ExportMessage
    @TruffleBoundary
    boolean asBoolean(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asBoolean(this, node);
    }

    @ExportMessage
    boolean isDate(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.DATE);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.LocalDate asDate(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asDate(this, node);
    }

    @ExportMessage
    boolean isTime(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.TIME);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.LocalTime asTime(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asTime(this, node);
    }

    @ExportMessage
    boolean isTimeZone(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.TIME_ZONE);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.ZoneId asTimeZone(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asTimeZone(this, node);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.Instant asInstant(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asInstant(this, node);
    }

    @ExportMessage
    boolean isDuration(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.DURATION);
    }

    @ExportMessage
    @TruffleBoundary
    java.time.Duration asDuration(@Bind Node node) throws UnsupportedMessageException {
        return RemoteFacets.asDuration(this, node);
    }

    // endregion

    // region Meta-objects, display and identity (RemoteMeta)

    @ExportMessage
    @TruffleBoundary
    boolean hasLanguage() {
        return session.space().languageOf(shape()) != null;
    }

    @ExportMessage
    @TruffleBoundary
    Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> getLanguage() throws UnsupportedMessageException {
        Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> language = session.space().languageOf(shape());
        if (language == null) {
            throw UnsupportedMessageException.create();
        }
        return language;
    }

    @ExportMessage
    boolean hasMetaObject(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.HAS_META_OBJECT);
    }

    @ExportMessage
    Object getMetaObject(@Bind Node node) throws UnsupportedMessageException {
        return RemoteMeta.getMetaObject(this, node);
    }

    @ExportMessage
    boolean isMetaObject(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.META_OBJECT);
    }

    @ExportMessage
    Object getMetaQualifiedName() throws UnsupportedMessageException {
        return RemoteMeta.getMetaQualifiedName(this);
    }

    @ExportMessage
    Object getMetaSimpleName() throws UnsupportedMessageException {
        return RemoteMeta.getMetaSimpleName(this);
    }

    @ExportMessage
    boolean hasMetaParents(@Shared("shape") @Cached ShapeOf shapeOf) {
        return shapeOf.execute(this).has(Shape.META_PARENTS);
    }

    @ExportMessage
    Object getMetaParents(@Bind Node node) throws UnsupportedMessageException {
        return RemoteMeta.getMetaParents(this, node);
    }

    @ExportMessage
    boolean isMetaInstance(Object instance, @Bind Node node) throws UnsupportedMessageException {
        return RemoteMeta.isMetaInstance(this, instance, node);
    }

    @ExportMessage
    Object toDisplayString(boolean allowSideEffects, @Bind Node node) {
        return RemoteMeta.toDisplayString(this, allowSideEffects, node);
    }

    @ExportMessage
    TriState isIdenticalOrUndefined(Object other) {
        return RemoteMeta.isIdenticalOrUndefined(this, other);
    }

    @ExportMessage
    @TruffleBoundary
    int identityHashCode() {
        return RemoteMeta.identityHashCode(this);
    }

    // endregion

    @Override
    public String toString() {
        return RemoteMeta.displayName(this);
    }
}
