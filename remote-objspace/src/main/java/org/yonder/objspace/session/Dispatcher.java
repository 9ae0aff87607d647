package org.yonder.objspace.session;

import static org.yonder.objspace.wire.InfoBits.EXISTING;
import static org.yonder.objspace.wire.InfoBits.INSERTABLE;
import static org.yonder.objspace.wire.InfoBits.INTERNAL;
import static org.yonder.objspace.wire.InfoBits.INVOCABLE;
import static org.yonder.objspace.wire.InfoBits.MODIFIABLE;
import static org.yonder.objspace.wire.InfoBits.READABLE;
import static org.yonder.objspace.wire.InfoBits.READ_SIDE_EFFECTS;
import static org.yonder.objspace.wire.InfoBits.REMOVABLE;
import static org.yonder.objspace.wire.InfoBits.WRITE_SIDE_EFFECTS;

import java.util.Arrays;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnknownKeyException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;

import org.yonder.objspace.marshal.Absent;
import org.yonder.objspace.marshal.Frame;
import org.yonder.objspace.marshal.Marshal;
import org.yonder.objspace.marshal.Missing;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.Keywords;
import org.yonder.objspace.wire.ErrorKind;
import org.yonder.objspace.wire.Opcode;

/**
 * Serves one request of the peer on the context's thread: finds the target in the export table (the LocalXXX side),
 * sends the same InteropLibrary message to the real object, and answers with the result or the error, mapped by kind.
 * A request that is well framed but wrong (unknown id, bad arguments) gets an error answer and the session goes on.
 */
final class Dispatcher {
    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    private Dispatcher() {
    }

    /** Whether a request stores its values (so a function among them is called later as a method). */
    private static boolean stores(Opcode op) {
        return op == Opcode.WRITE_MEMBER || op == Opcode.WRITE_ARRAY_ELEMENT || op == Opcode.WRITE_HASH_ENTRY;
    }

    static void serve(Session session, Frame request) {
        long id = request.requestId();
        try {
            Object[] values = request.values();
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof Missing m) {
                    session.replyError(id, ErrorKind.YONDER, "unknown object id " + m.id() + " in the arguments of " + request.opcode());
                    return;
                } else if (v instanceof byte[] && !(request.opcode() == Opcode.WRITE_BUFFER && i == 1)) {
                    // Raw bytes are only the payload of WRITE_BUFFER; as any other value they are not an interop value.
                    session.replyError(id, ErrorKind.YONDER, "a binary value is only the bytes of WRITE_BUFFER, not value " + i + " of " + request.opcode());
                    return;
                } else if (v instanceof org.yonder.objspace.marshal.Absent) {
                    // ABSENT only fills a slot of a batch answer; in a request it is no value at all.
                    session.replyError(id, ErrorKind.YONDER, "ABSENT is only a slot of a batch answer, not value " + i + " of " + request.opcode());
                    return;
                } else if (request.opcode().carriesGuestValues ? LocalSpace.presentableValue(v) : LocalSpace.presentable(v)) {
                    Object target = session.targetOf(request);
                    values[i] = stores(request.opcode()) ? session.space().presentStored(v, target) : session.space().present(v, null, target);
                }
            }
            Object result;
            try {
                result = perform(session, request);
            } finally {
                session.space().settleJobs(session.targetOf(request));
            }
            org.yonder.objspace.local.ReadOnly readOnly = session.space().readOnly();
            if (readOnly != null && passesReadOnlyOn(request.opcode()) && readOnly.contains(session.targetOf(request))) {
                // What a peer reads out of a read-only object is read-only too.
                if (result instanceof Batch batch) {
                    for (Object value : batch.values()) {
                        readOnly.mark(value);
                    }
                } else {
                    readOnly.mark(result);
                }
            }
            if (result instanceof Batch batch) {
                session.replyBatch(id, batch.values());
            } else {
                session.reply(id, result);
            }
        } catch (InteropException e) {
            replyInteropError(session, id, e);
        } catch (BadRequest e) {
            session.replyError(id, ErrorKind.YONDER, e.getMessage());
        } catch (PipelinedOnFailure e) {
            session.replyError(id, ErrorKind.YONDER, e.getMessage());
        } catch (org.yonder.objspace.marshal.NotExposed e) {
            session.replyError(id, ErrorKind.YONDER, e.getMessage());
        } catch (AbstractTruffleException e) {
            session.replyError(id, ErrorKind.GUEST, e);
        }
    }

    private static Object perform(Session session, Frame request) throws InteropException, BadRequest {
        Opcode op = request.opcode();
        Object[] v = request.values();
        switch (op) {
            case HELLO:
                if (request.target() != Session.PROTOCOL_VERSION) {
                    throw new BadRequest("protocol version " + request.target() + " is not supported (this side speaks " + Session.PROTOCOL_VERSION + ")");
                }
                return new Batch(session.helloAnswer(v));
            case LOOKUP_ROOT: {
                String name = string(v, 0, op);
                Object root = session.visibleRoot(name);
                if (root == null) {
                    throw new BadRequest("no root named '" + name + "'; this side publishes " + Arrays.toString(session.visibleRoots()));
                }
                return root;
            }
            default:
                break;
        }
        Object t = session.targetOf(request);
        if (t == null) {
            if (request.target() < 0) {
                throw new BadRequest("this request was pipelined on the answer of request " + -request.target() + ", which is not kept (not a request of this peer's, or more than "
                                + Answers.KEPT + " requests ago): wait for that answer and call its value instead");
            }
            throw new BadRequest("unknown object id " + request.target() + " (never exported on this connection, or already released)");
        }
        org.yonder.objspace.local.ReadOnly readOnly = session.space().readOnly();
        if (readOnly != null && readOnly.contains(t) && (changes(op, v) || op == Opcode.INVOKE_MEMBER && builtInMutator(t, v))) {
            throw new BadRequest("a peer cannot change this object: its owner made it read-only (" + op + (op == Opcode.INVOKE_MEMBER ? " " + v[0] : "") + " refused)");
        }
        boolean guarded = !session.limits().exposeAll();
        if (guarded && isMemberOp(op) && v.length > 0 && v[0] instanceof String name && Exposure.isHidden(name)) {
            // A refused member looks absent, as a missing one does: libraries that probe x.constructor keep working.
            if (op == Opcode.MEMBER_INFO) {
                return 0;
            }
            throw UnknownIdentifierException.create(name);
        }
        for (int i = 0; i < v.length; i++) {
            if (v[i] instanceof Keywords && !(i == v.length - 1 && (op == Opcode.EXECUTE || op == Opcode.INVOKE_MEMBER && i >= 1 || op == Opcode.INSTANTIATE))) {
                throw new BadRequest("keyword arguments are only the last argument of EXECUTE, INVOKE_MEMBER or INSTANTIATE, not argument " + i + " of " + op + (op == Opcode.INVOKE_MEMBER && i == 0 ? " (its first value is the member's name)" : ""));
            }
        }
        if (Keywords.isLast(v)) {
            boolean invoke = op == Opcode.INVOKE_MEMBER;
            Object[] positional = Arrays.copyOfRange(v, invoke ? 1 : 0, v.length - 1);
            return session.space().callWithKeywords(t, invoke ? string(v, 0, op) : null, positional, (Keywords) v[v.length - 1]);
        }
        InteropLibrary interop = InteropLibrary.getUncached(t);
        switch (op) {
            case READ_MEMBER: {
                Object value = session.inbox().compiled().readMember(t, string(v, 0, op));
                if (guarded && session.exports().refusal(value instanceof CompiledCalls.FixedMember fixed ? fixed.value() : value) != null) {
                    throw UnknownIdentifierException.create(string(v, 0, op));   // a member holding the machinery looks absent
                }
                // The answer is [value], or [value, true] when the value can never change (the reader keeps it).
                return value instanceof CompiledCalls.FixedMember fixed ? new Batch(new Object[]{fixed.value(), Boolean.TRUE}) : value;
            }
            case WRITE_MEMBER:
                arity(v, 2, op);
                if (guarded) {
                    Integrity.checkMember(t, interop, string(v, 0, op), "replace");
                }
                Preconditions.writeMember(interop, t, string(v, 0, op));
                interop.writeMember(t, string(v, 0, op), v[1]);
                return null;
            case REMOVE_MEMBER:
                if (guarded) {
                    Integrity.checkMember(t, interop, string(v, 0, op), "remove");
                }
                Preconditions.removeMember(interop, t, string(v, 0, op));
                interop.removeMember(t, string(v, 0, op));
                return null;
            case INVOKE_MEMBER:
                if (guarded && refusedMember(session, t, interop, string(v, 0, op), READABLE)) {
                    throw UnknownIdentifierException.create(string(v, 0, op));   // a member holding eval is not called either
                }
                return session.inbox().compiled().invokeMember(t, string(v, 0, op), Arrays.copyOfRange(v, 1, v.length));
            case GET_MEMBERS:
                return stringsOf(interop.getMembers(t, v.length > 0 && v[0] instanceof Boolean b && b), guarded ? name -> refusedMember(session, t, interop, name) : null,
                                interop.hasArrayElements(t));
            case READ_REPLICA:
                if (!(t instanceof org.yonder.objspace.local.Cacheables.Source)) {
                    throw UnsupportedMessageException.create();
                }
                return t;   // answered as a REPLICA value: its reference and its current state
            case READ_MEMBERS:
                return readMembers(t, interop, v, guarded ? session.exports()::refusal : null);
            case MEMBER_INFO: {
                int info = memberInfo(t, interop, string(v, 0, op));
                if (guarded && refusedMember(session, t, interop, string(v, 0, op), info)) {
                    return 0;
                }
                return guarded ? Integrity.infoFor(t, interop, string(v, 0, op), info, MODIFIABLE | REMOVABLE) : info;
            }
            case EXECUTE:
                return session.inbox().compiled().execute(t, v);
            case INSTANTIATE:
                return interop.instantiate(t, v);
            case GET_ARRAY_SIZE:
                return interop.getArraySize(t);
            case READ_ARRAY_ELEMENT:
                return interop.readArrayElement(t, index(v, 0, op));
            case READ_ARRAY_ELEMENTS:
                return readArrayElements(session.inbox().compiled(), t, interop, index(v, 0, op), index(v, 1, op));
            case WRITE_ARRAY_ELEMENT:
                arity(v, 2, op);
                Preconditions.writeArrayElement(interop, t, index(v, 0, op));
                interop.writeArrayElement(t, index(v, 0, op), v[1]);
                return null;
            case REMOVE_ARRAY_ELEMENT:
                Preconditions.removeArrayElement(interop, t, index(v, 0, op));
                interop.removeArrayElement(t, index(v, 0, op));
                return null;
            case ARRAY_ELEMENT_INFO: {
                long i = index(v, 0, op);
                return bit(interop.isArrayElementReadable(t, i), READABLE) | bit(interop.isArrayElementModifiable(t, i), MODIFIABLE) |
                                bit(interop.isArrayElementInsertable(t, i), INSERTABLE) | bit(interop.isArrayElementRemovable(t, i), REMOVABLE);
            }
            case GET_HASH_SIZE:
                return interop.getHashSize(t);
            case READ_HASH_VALUE:
                arity(v, 1, op);
                return interop.readHashValue(t, v[0]);
            case WRITE_HASH_ENTRY:
                arity(v, 2, op);
                if (guarded) {
                    Integrity.checkEntry(t, interop, v[0], "replace");
                }
                Preconditions.writeHashEntry(interop, t, v[0]);
                interop.writeHashEntry(t, v[0], v[1]);
                return null;
            case REMOVE_HASH_ENTRY:
                arity(v, 1, op);
                if (guarded) {
                    Integrity.checkEntry(t, interop, v[0], "remove");
                }
                Preconditions.removeHashEntry(interop, t, v[0]);
                interop.removeHashEntry(t, v[0]);
                return null;
            case HASH_ENTRY_INFO:
                arity(v, 1, op);
                return bit(interop.isHashEntryReadable(t, v[0]), READABLE) | bit(interop.isHashEntryModifiable(t, v[0]), MODIFIABLE) |
                                bit(interop.isHashEntryInsertable(t, v[0]), INSERTABLE) | bit(interop.isHashEntryRemovable(t, v[0]), REMOVABLE) |
                                bit(interop.isHashEntryExisting(t, v[0]), EXISTING);
            case GET_HASH_ENTRIES_ITERATOR:
                return interop.getHashEntriesIterator(t);
            case GET_HASH_KEYS_ITERATOR:
                return interop.getHashKeysIterator(t);
            case GET_HASH_VALUES_ITERATOR:
                return interop.getHashValuesIterator(t);
            case GET_ITERATOR:
                return interop.getIterator(t);
            case HAS_ITERATOR_NEXT_ELEMENT:
                return interop.hasIteratorNextElement(t);
            case GET_ITERATOR_NEXT_ELEMENT:
                return interop.getIteratorNextElement(t);
            case ADVANCE_ITERATOR:
                return interop.hasIteratorNextElement(t) ? new Batch(new Object[]{interop.getIteratorNextElement(t)}) : new Batch(new Object[0]);
            case READ_HASH_ENTRIES:
                return readHashEntries(t, interop, index(v, 0, op));
            case GET_META_OBJECT:
                return guarded ? new Exposure.MetaView(interop.getMetaObject(t)) : interop.getMetaObject(t);
            case IS_META_INSTANCE:
                arity(v, 1, op);
                return interop.isMetaInstance(t, v[0]);
            case GET_EXECUTABLE_NAME:
                return INTEROP.asString(interop.getExecutableName(t));
            case GET_SOURCE_LOCATION: {
                com.oracle.truffle.api.source.SourceSection section = interop.getSourceLocation(t);
                boolean lines = section.isAvailable() && section.hasLines();
                boolean columns = lines && section.hasColumns();
                return new Batch(new Object[]{section.getSource().getName(), lines ? section.getStartLine() : 0, columns ? section.getStartColumn() : 0,
                                lines ? section.getEndLine() : 0, columns ? section.getEndColumn() : 0});
            }
            case GET_META_PARENTS: {
                Object parents = interop.getMetaParents(t);
                InteropLibrary p = InteropLibrary.getUncached(parents);
                Object[] out = new Object[(int) Math.min(p.getArraySize(parents), 1024)];
                for (int i = 0; i < out.length; i++) {
                    Object parent = p.readArrayElement(parents, i);
                    out[i] = guarded ? new Exposure.MetaView(parent) : parent;
                }
                return new Batch(out);
            }
            case GET_EXCEPTION_CAUSE:
                return interop.getExceptionCause(t);
            case GUEST_OPERATION: {
                String name = string(v, 0, op);
                Object[] args = Arrays.copyOfRange(v, 1, v.length);
                if (guarded) {
                    guardOperation(session, t, interop, name, args);
                }
                return session.space().guestOperation(t, name, args);
            }
            case READ_PRIMITIVE: {
                Object copy = Marshal.primitive(t, interop);
                if (Marshal.isNotCopied(copy)) {
                    throw UnsupportedMessageException.create();
                }
                return copy instanceof java.math.BigInteger big ? new org.yonder.objspace.marshal.BigIntegerValue(big) : copy;
            }
            case READ_TIME: {
                Object copy = Marshal.time(t, interop);
                if (Marshal.isNotCopied(copy)) {
                    throw UnsupportedMessageException.create();
                }
                return copy;
            }
            case GET_BUFFER_SIZE:
                return interop.getBufferSize(t);
            case READ_BUFFER: {
                long offset = index(v, 0, op);
                long length = index(v, 1, op);
                if (length < 0 || length > BATCH_BYTES) {
                    throw new BadRequest("READ_BUFFER of " + length + " bytes; at most " + BATCH_BYTES + " per request");
                }
                if (!interop.hasBufferElements(t)) {
                    throw UnsupportedMessageException.create();   // the contract's precondition, which a hostile peer skips
                }
                byte[] bytes = new byte[(int) length];
                interop.readBuffer(t, offset, bytes, 0, bytes.length);
                return bytes;
            }
            case WRITE_BUFFER: {
                long offset = index(v, 0, op);
                if (!(v.length > 1 && v[1] instanceof byte[] bytes)) {
                    throw new BadRequest("WRITE_BUFFER expects bytes as value 1");
                }
                if (!interop.hasBufferElements(t) || !interop.isBufferWritable(t)) {
                    throw UnsupportedMessageException.create();
                }
                long size = interop.getBufferSize(t);
                if (offset < 0 || offset + bytes.length > size) {
                    throw InvalidBufferOffsetException.create(offset, bytes.length);
                }
                for (int i = 0; i < bytes.length; i++) {
                    interop.writeBufferByte(t, offset + i, bytes[i]);
                }
                return null;
            }
            case TO_DISPLAY_STRING:
                return INTEROP.asString(interop.toDisplayString(t, !(v.length > 0 && v[0] instanceof Boolean b) || b));
            default:
                throw new BadRequest(op + " is not a request");
        }
    }

    private static int memberInfo(Object t, InteropLibrary interop, String name) {
        return bit(interop.isMemberReadable(t, name), READABLE) | bit(interop.isMemberModifiable(t, name), MODIFIABLE) |
                        bit(interop.isMemberInsertable(t, name), INSERTABLE) | bit(interop.isMemberRemovable(t, name), REMOVABLE) |
                        bit(interop.isMemberInvocable(t, name), INVOCABLE) | bit(interop.isMemberInternal(t, name), INTERNAL) |
                        bit(interop.hasMemberReadSideEffects(t, name), READ_SIDE_EFFECTS) | bit(interop.hasMemberWriteSideEffects(t, name), WRITE_SIDE_EFFECTS) |
                        bit(interop.isMemberExisting(t, name), EXISTING);
    }

    /** Several answer values: the batch opcodes. */
    private record Batch(Object[] values) {
    }

    /** Rough bytes of one batch answer, beyond which a scan answer stops (the client asks again for the rest). */
    static final int BATCH_BYTES = 4 << 20;
    static final int BATCH_ELEMENTS = 1 << 16;

    private static long weight(Object value) {
        return value instanceof String s ? s.length() + 8 : 16;
    }

    private static Batch readArrayElements(CompiledCalls compiled, Object array, InteropLibrary interop, long start, long maxCount) throws InteropException {
        long size = interop.getArraySize(array);
        if (start < 0 || start > size) {
            throw InvalidArrayIndexException.create(start);
        }
        int n = (int) Math.min(Math.min(size - start, Math.max(maxCount, 1)), BATCH_ELEMENTS);
        Object[] elements = new Object[n];
        int read = n == 0 ? 0 : compiled.readElements(array, start, elements);
        Object[] out = new Object[read + 1];
        out[0] = size;
        long bytes = 0;
        int kept = 0;
        while (kept < read && bytes < BATCH_BYTES) {
            bytes += weight(elements[kept]);
            out[kept + 1] = elements[kept];
            kept++;
        }
        return new Batch(kept == read ? out : Arrays.copyOf(out, kept + 1));
    }

    /**
     * Whether a readable member (without read side effects) holds a value the exposure rule keeps from peers: its
     * info is 0 then, as for a missing member, so that a reader never sees it readable and then absent.
     */
    /** Whether the request changes its target (what a read-only object refuses). */
    private static boolean changes(Opcode op, Object[] v) {
        return switch (op) {
            case WRITE_MEMBER, REMOVE_MEMBER, WRITE_ARRAY_ELEMENT, REMOVE_ARRAY_ELEMENT, WRITE_HASH_ENTRY, REMOVE_HASH_ENTRY, WRITE_BUFFER -> true;
            case GUEST_OPERATION -> v.length > 0 && v[0] instanceof String name && MUTATING_OPERATIONS.contains(name);
            default -> false;
        };
    }

    /**
     * The integrity rule for the guest operations that write or remove: a member (Python {@code setattr}, {@code delattr},
     * JS {@code define}),
     * a hash entry ({@code setitem}, {@code delitem} of a dict) or a symbol-keyed member (JS {@code symset},
     * {@code symdel}: the owner's {@code symguard} tells whether the key now resolves to a function) that holds a
     * function stays the owner's.
     */
    private static void guardOperation(Session session, Object t, InteropLibrary interop, String name, Object[] args) throws BadRequest, InteropException {
        String verb = name.contains("del") ? "remove" : "replace";
        switch (name) {
            case "setattr", "__setattr__", "delattr", "__delattr__", "define" -> {
                if (args.length > 0 && args[0] instanceof String member) {
                    Integrity.checkMember(t, interop, member, verb);
                }
            }
            case "setitem", "__setitem__", "delitem", "__delitem__" -> {
                if (args.length > 0 && interop.hasHashEntries(t)) {
                    Integrity.checkEntry(t, interop, args[0], verb);
                }
            }
            case "symset", "symdel" -> {
                if (args.length > 0 && Boolean.TRUE.equals(session.space().guestOperation(t, "symguard", new Object[]{args[0]}))) {
                    throw new BadRequest("a peer cannot " + verb + " the method under a symbol key of an object it was given (the integrity rule; a server can opt out with --yonder.ExposeAll)");
                }
            }
            default -> {
            }
        }
    }

    private static final java.util.Set<String> MUTATING_OPERATIONS = java.util.Set.of("setitem", "delitem", "setattr", "delattr", "__setitem__", "__delitem__",
                    "__setattr__", "__delattr__", "symset", "symdel", "define");

    /**
     * Whether an INVOKE_MEMBER calls a built-in method that changes a built-in kind of value (an array's push, a map's
     * set, a date's setters, a Python list's append): a read-only array must not change through its methods either.
     * Methods of the owner's own classes are its business (the owner's code may change its own objects).
     */
    private static boolean builtInMutator(Object t, Object[] v) {
        if (v.length == 0 || !(v[0] instanceof String name) || !(MUTATORS.contains(name) || name.startsWith("set") && name.length() > 3)) {
            return false;
        }
        InteropLibrary interop = InteropLibrary.getUncached(t);
        if (interop.hasArrayElements(t) || interop.hasHashEntries(t) || interop.hasBufferElements(t)) {
            return true;
        }
        if (interop.isDate(t) && name.startsWith("set")) {
            return true;
        }
        try {
            Object meta = interop.hasMetaObject(t) ? interop.getMetaObject(t) : null;
            String kind = meta == null ? "" : InteropLibrary.getUncached().asString(InteropLibrary.getUncached().getMetaSimpleName(meta));
            return kind.equals("Set") || kind.equals("set") || kind.equals("WeakSet") || kind.equals("WeakMap") || kind.equals("Map") || kind.equals("dict")
                            || kind.equals("list") || kind.equals("bytearray") || kind.equals("deque") || kind.equals("defaultdict") || kind.equals("OrderedDict")
                            || kind.equals("Counter");
        } catch (InteropException | RuntimeException e) {
            return false;
        }
    }

    /** Names of the built-in kinds' methods that change them (JS arrays, maps, sets; Python lists, dicts, sets, deques). */
    private static final java.util.Set<String> MUTATORS = java.util.Set.of("push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin",
                    "set", "delete", "clear", "add", "append", "extend", "insert", "remove", "update", "popitem", "setdefault", "discard",
                    "difference_update", "intersection_update", "symmetric_difference_update", "appendleft", "extendleft", "popleft", "rotate",
                    "__setitem__", "__delitem__", "__iadd__", "__imul__", "__ior__", "__iand__", "__isub__", "__ixor__");

    /** Whether a read-only target's answer to this request is read-only too: reads, not what its methods return. */
    private static boolean passesReadOnlyOn(Opcode op) {
        return switch (op) {
            case INVOKE_MEMBER, EXECUTE, INSTANTIATE, GUEST_OPERATION -> false;
            default -> true;
        };
    }

    private static boolean refusedMember(Session session, Object t, InteropLibrary interop, String name, int info) {
        if ((info & READABLE) == 0 || (info & READ_SIDE_EFFECTS) != 0) {
            return false;
        }
        try {
            return session.exports().refusal(interop.readMember(t, name)) != null;
        } catch (InteropException | AbstractTruffleException e) {
            return false;
        }
    }

    private static Batch readMembers(Object object, InteropLibrary interop, Object[] names, java.util.function.Function<Object, String> refusal) throws BadRequest {
        boolean guarded = refusal != null;
        Object[] out = new Object[2 * names.length];
        long bytes = 0;
        for (int i = 0; i < names.length; i++) {
            if (!(names[i] instanceof String name)) {
                throw new BadRequest("READ_MEMBERS expects member names");
            }
            boolean hidden = guarded && Exposure.isHidden(name);
            out[names.length + i] = Absent.INSTANCE;
            try {
                int info = hidden ? 0 : memberInfo(object, interop, name);
                out[i] = info;
                if (hidden || bytes >= BATCH_BYTES || (info & READABLE) == 0 || (info & READ_SIDE_EFFECTS) != 0) {
                    continue;
                }
                Object value = interop.readMember(object, name);
                if (guarded && refusal.apply(value) != null) {
                    out[i] = 0;   // looks absent, as READ_MEMBER answers for it
                    continue;
                }
                if (guarded && InteropLibrary.getUncached().isExecutable(value)) {
                    out[i] = info & ~(MODIFIABLE | REMOVABLE);   // the integrity rule, as MEMBER_INFO answers
                }
                out[names.length + i] = value;
                bytes += weight(value);
            } catch (InteropException | AbstractTruffleException e) {
                // Left absent (info 0 if the info failed): the client asks on its own and gets the error then.
                if (out[i] == null) {
                    out[i] = 0;
                }
            }
        }
        return new Batch(out);
    }

    private static Batch readHashEntries(Object hash, InteropLibrary interop, long maxCount) throws InteropException {
        Object iterator = interop.getHashEntriesIterator(hash);
        InteropLibrary it = InteropLibrary.getUncached(iterator);
        java.util.ArrayList<Object> out = new java.util.ArrayList<>();
        out.add(true);
        long bytes = 0;
        long limit = Math.min(Math.max(maxCount, 1), BATCH_ELEMENTS);
        if (interop.getHashSize(hash) > limit) {
            out.set(0, false);
            return new Batch(out.toArray());
        }
        for (long n = 0; it.hasIteratorNextElement(iterator); n++) {
            if (n >= limit || bytes >= BATCH_BYTES) {
                out.set(0, false);
                break;
            }
            Object entry = it.getIteratorNextElement(iterator);
            InteropLibrary e = InteropLibrary.getUncached(entry);
            Object key = e.readArrayElement(entry, 0);
            Object value = e.readArrayElement(entry, 1);
            bytes += weight(key) + weight(value);
            out.add(key);
            out.add(value);
        }
        return new Batch(out.toArray());
    }

    private static void replyInteropError(Session session, long id, InteropException e) {
        switch (e) {
            case UnknownIdentifierException u -> session.replyError(id, ErrorKind.UNKNOWN_IDENTIFIER, u.getUnknownIdentifier());
            case InvalidArrayIndexException i -> session.replyError(id, ErrorKind.INVALID_ARRAY_INDEX, i.getInvalidIndex());
            case ArityException a -> session.replyError(id, ErrorKind.ARITY, a.getExpectedMinArity(), a.getExpectedMaxArity(), a.getActualArity());
            case UnsupportedTypeException u -> session.replyError(id, ErrorKind.UNSUPPORTED_TYPE, u.getMessage() == null ? "" : u.getMessage());
            case StopIterationException s -> session.replyError(id, ErrorKind.STOP_ITERATION);
            case UnknownKeyException k -> session.replyError(id, ErrorKind.UNKNOWN_KEY, k.getUnknownKey());
            case InvalidBufferOffsetException b -> session.replyError(id, ErrorKind.INVALID_BUFFER_OFFSET, b.getByteOffset(), b.getLength());
            case UnsupportedMessageException u -> session.replyError(id, ErrorKind.UNSUPPORTED_MESSAGE);
            default -> session.replyError(id, ErrorKind.YONDER, "unexpected " + e);
        }
    }

    /**
     * Member names, without the hidden ones and, for an array, without its element indices: a guest language lists an
     * array's elements itself (a JS array's own keys are its indices, then its members), so indices listed as
     * members too would appear twice.
     */
    /** A member the exposure rule hides: by its name, or by the value it holds (read when that has no side effects). */
    private static boolean refusedMember(Session session, Object t, InteropLibrary interop, String name) {
        if (Exposure.isHidden(name)) {
            return true;
        }
        try {
            return refusedMember(session, t, interop, name, memberInfo(t, interop, name));
        } catch (AbstractTruffleException e) {
            return false;
        }
    }

    /**
     * The names of {@code keys}, without array indices on an array (a JS receiver adds those itself) and, when
     * {@code refused} is given, without the members it refuses: those look absent, so they are not listed either.
     */
    private static ImmutableArray stringsOf(Object keys, java.util.function.Predicate<String> refused, boolean array) throws InteropException {
        InteropLibrary interop = InteropLibrary.getUncached(keys);
        long n = interop.getArraySize(keys);
        java.util.ArrayList<String> names = new java.util.ArrayList<>((int) Math.min(n, 1 << 16));
        for (long i = 0; i < n; i++) {
            String name = INTEROP.asString(interop.readArrayElement(keys, i));
            if (!(array && isIndex(name)) && (refused == null || !refused.test(name))) {
                names.add(name);
            }
        }
        return ImmutableArray.ofStrings(names.toArray(String[]::new));
    }

    /** A canonical array index: "0", or digits without a leading zero, below 2^32 - 1. */
    private static boolean isIndex(String name) {
        int n = name.length();
        if (n == 0 || n > 10 || (n > 1 && name.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Long.parseLong(name) < 0xFFFF_FFFFL;
    }

    private static boolean isMemberOp(Opcode op) {
        return switch (op) {
            case READ_MEMBER, WRITE_MEMBER, REMOVE_MEMBER, INVOKE_MEMBER, MEMBER_INFO -> true;
            default -> false;
        };
    }

    private static int bit(boolean b, int mask) {
        return b ? mask : 0;
    }

    private static void arity(Object[] v, int n, Opcode op) throws BadRequest {
        if (v.length < n) {
            throw new BadRequest(op + " expects " + n + " values, got " + v.length);
        }
    }

    private static String string(Object[] v, int i, Opcode op) throws BadRequest {
        if (i < v.length && v[i] instanceof String s) {
            return s;
        }
        throw new BadRequest(op + " expects a name string as value " + i);
    }

    private static long index(Object[] v, int i, Opcode op) throws BadRequest {
        if (i < v.length && (v[i] instanceof Integer || v[i] instanceof Long)) {
            return ((Number) v[i]).longValue();
        }
        throw new BadRequest(op + " expects an integer index as value " + i);
    }

    /** A request that is well framed but wrong; answered with a YONDER error, the connection stays up. */
    /** The answer a request was pipelined on was an error: the request fails with it, unserved. */
    static final class PipelinedOnFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PipelinedOnFailure(String message) {
            super(message, null, false, false);
        }
    }

    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
