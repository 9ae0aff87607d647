package org.yonder.objspace.wire;

import static org.yonder.objspace.wire.ErrorKind.ARITY;
import static org.yonder.objspace.wire.ErrorKind.INVALID_ARRAY_INDEX;
import static org.yonder.objspace.wire.ErrorKind.INVALID_BUFFER_OFFSET;
import static org.yonder.objspace.wire.ErrorKind.STOP_ITERATION;
import static org.yonder.objspace.wire.ErrorKind.UNKNOWN_IDENTIFIER;
import static org.yonder.objspace.wire.ErrorKind.UNKNOWN_KEY;
import static org.yonder.objspace.wire.ErrorKind.UNSUPPORTED_MESSAGE;
import static org.yonder.objspace.wire.ErrorKind.UNSUPPORTED_TYPE;

/**
 * The whole protocol vocabulary. Interop opcodes are named exactly after the InteropLibrary message they carry; the
 * error kinds each one may answer with are the checked exceptions that message declares. See docs/protocol.md.
 */
public enum Opcode {
    // Session control.
    HELLO(1, Kind.REQUEST),
    LOOKUP_ROOT(2, Kind.REQUEST),
    REPLY(3, Kind.REPLY),
    THROW(4, Kind.REPLY),
    RELEASE(5, Kind.ONE_WAY),
    PROTOCOL_ERROR(6, Kind.ONE_WAY),
    PING(7, Kind.ONE_WAY),
    PONG(8, Kind.ONE_WAY),
    /** A step of the HMAC handshake before a session (see auth/Handshake): requestId is the step, 1 to 3. */
    AUTH(9, Kind.ONE_WAY),
    /** The deadline of the request that follows: requestId is that request's, target the milliseconds left of it. */
    DEADLINE(10, Kind.ONE_WAY),
    /** The caller gave up a request: requestId is that request's. The owner stops waiting on its behalf. */
    CANCEL(11, Kind.ONE_WAY),
    /**
     * A cacheable object changed: requestId is the sender's export id of it, target the new version's counter; values
     * are [incarnation, base counter, name0, value0, ...] (changed members; ABSENT for a removed one) or
     * [incarnation, base counter, e0, e1, ...] (all elements of an array). See docs/replicas.md.
     */
    UPDATE(12, Kind.ONE_WAY),
    /**
     * A shout to a multiplexed object (docs/multiplex.md). From a leaf to its hub: requestId is the hub's export id of
     * the object, target 0. From a hub to a leaf: requestId is the hub's export id, target the shout's sequence number
     * in the hub's one total order. Values are [name, arg0, arg1, ...]: every leaf's {@code remote_name(args)} runs.
     */
    SHOUT(13, Kind.ONE_WAY),

    // Members.
    READ_MEMBER(16, Kind.REQUEST, UNSUPPORTED_MESSAGE, UNKNOWN_IDENTIFIER),
    WRITE_MEMBER(17, Kind.REQUEST, UNSUPPORTED_MESSAGE, UNKNOWN_IDENTIFIER, UNSUPPORTED_TYPE),
    REMOVE_MEMBER(18, Kind.REQUEST, UNSUPPORTED_MESSAGE, UNKNOWN_IDENTIFIER),
    INVOKE_MEMBER(19, Kind.REQUEST, UNSUPPORTED_MESSAGE, ARITY, UNKNOWN_IDENTIFIER, UNSUPPORTED_TYPE),
    GET_MEMBERS(20, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    MEMBER_INFO(21, Kind.REQUEST),
    /**
     * A scan: [name0..nameN-1] -> [info0..infoN-1, value0..valueN-1]: the info bits and values of the members the
     * last GET_MEMBERS listed; a member whose read has side effects is ABSENT.
     */
    READ_MEMBERS(22, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    /** [] -> the target, a cacheable object, with its current state (a REPLICA value): a replica that missed an update. */
    READ_REPLICA(23, Kind.REQUEST, UNSUPPORTED_MESSAGE),

    // Executables and instantiables.
    EXECUTE(32, Kind.REQUEST, UNSUPPORTED_TYPE, ARITY, UNSUPPORTED_MESSAGE),
    INSTANTIATE(33, Kind.REQUEST, UNSUPPORTED_TYPE, ARITY, UNSUPPORTED_MESSAGE),

    // Array elements.
    GET_ARRAY_SIZE(48, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    READ_ARRAY_ELEMENT(49, Kind.REQUEST, UNSUPPORTED_MESSAGE, INVALID_ARRAY_INDEX),
    WRITE_ARRAY_ELEMENT(50, Kind.REQUEST, UNSUPPORTED_MESSAGE, UNSUPPORTED_TYPE, INVALID_ARRAY_INDEX),
    REMOVE_ARRAY_ELEMENT(51, Kind.REQUEST, UNSUPPORTED_MESSAGE, INVALID_ARRAY_INDEX),
    ARRAY_ELEMENT_INFO(52, Kind.REQUEST),
    /** A scan: [start, maxCount] -> [size, e(start), e(start + 1), ...]. Answers readArrayElement from a snapshot. */
    READ_ARRAY_ELEMENTS(53, Kind.REQUEST, UNSUPPORTED_MESSAGE, INVALID_ARRAY_INDEX),

    // Hash entries.
    GET_HASH_SIZE(64, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    READ_HASH_VALUE(65, Kind.REQUEST, UNSUPPORTED_MESSAGE, UNKNOWN_KEY),
    WRITE_HASH_ENTRY(66, Kind.REQUEST, UNSUPPORTED_MESSAGE, UNKNOWN_KEY, UNSUPPORTED_TYPE),
    REMOVE_HASH_ENTRY(67, Kind.REQUEST, UNSUPPORTED_MESSAGE, UNKNOWN_KEY),
    HASH_ENTRY_INFO(68, Kind.REQUEST),
    GET_HASH_ENTRIES_ITERATOR(69, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    GET_HASH_KEYS_ITERATOR(70, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    GET_HASH_VALUES_ITERATOR(71, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    /** A scan: [maxCount] -> [complete, k0, v0, k1, v1, ...]; the local iterators of a hash walk this snapshot. */
    READ_HASH_ENTRIES(72, Kind.REQUEST, UNSUPPORTED_MESSAGE),

    // Iterators.
    GET_ITERATOR(80, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    HAS_ITERATOR_NEXT_ELEMENT(81, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    GET_ITERATOR_NEXT_ELEMENT(82, Kind.REQUEST, UNSUPPORTED_MESSAGE, STOP_ITERATION),
    /** hasIteratorNextElement and, when true, getIteratorNextElement in one round trip: [] -> [] or [element]. */
    ADVANCE_ITERATOR(83, Kind.REQUEST, UNSUPPORTED_MESSAGE),

    // Meta-objects and display.
    GET_META_OBJECT(96, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    IS_META_INSTANCE(97, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    TO_DISPLAY_STRING(98, Kind.REQUEST),
    GET_EXECUTABLE_NAME(99, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    /** [] -> [sourceName, startLine, startColumn, endLine, endColumn] (lines 0 when unavailable). */
    GET_SOURCE_LOCATION(100, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    /** [] -> [parent0, parent1, ...]. */
    GET_META_PARENTS(101, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    GET_EXCEPTION_CAUSE(102, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    /** [] -> the number, string or boolean an object also is, copied (asked once: such values do not change). */
    READ_PRIMITIVE(103, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    /** [] -> the date, time, zone or duration an object also is, copied (asked each time: a JS Date can change). */
    READ_TIME(104, Kind.REQUEST, UNSUPPORTED_MESSAGE),

    // Buffers: only the bytes asked for cross.
    GET_BUFFER_SIZE(112, Kind.REQUEST, UNSUPPORTED_MESSAGE),
    /** [offset, length] -> [bytes]. */
    READ_BUFFER(113, Kind.REQUEST, UNSUPPORTED_MESSAGE, INVALID_BUFFER_OFFSET),
    /** [offset, bytes] -> nil. */
    WRITE_BUFFER(114, Kind.REQUEST, UNSUPPORTED_MESSAGE, INVALID_BUFFER_OFFSET),

    // Beyond interop: an operation of the owner's own language, from its fixed table.
    /**
     * [name, arg0, ...] -> the result of the owner's language applying its operation {@code name} to the target by
     * its own rules (for a Python owner: {@code repr}, {@code ==}, {@code len}, ...; see LocalSpace.guestOperation).
     */
    GUEST_OPERATION(105, Kind.REQUEST, UNSUPPORTED_MESSAGE, UNSUPPORTED_TYPE, ARITY);

    public enum Kind {
        REQUEST,
        REPLY,
        ONE_WAY
    }

    public final int code;
    public final Kind kind;
    /** The request only reads the owner's state; it does not end a scan's snapshot (see Inbox.epoch()). */
    public final boolean readOnly;
    /**
     * Its arguments or its answer are guest values (a member's value, a call's arguments and result), which a receiver
     * presents in its own kinds; the others carry the protocol's own lists (member names, meta parents, locations).
     */
    public final boolean carriesGuestValues;
    private final int allowedErrors;

    private static final Opcode[] BY_CODE = new Opcode[128];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    Opcode(int code, Kind kind, ErrorKind... allowed) {
        this.code = code;
        this.kind = kind;
        this.carriesGuestValues = switch (name()) {
            case "LOOKUP_ROOT", "READ_MEMBER", "WRITE_MEMBER", "INVOKE_MEMBER", "EXECUTE", "INSTANTIATE", "READ_ARRAY_ELEMENT", "WRITE_ARRAY_ELEMENT",
                            "READ_HASH_VALUE", "WRITE_HASH_ENTRY", "GET_ITERATOR_NEXT_ELEMENT" -> true;
            default -> false;
        };
        this.readOnly = switch (name()) {
            case "HAS_ITERATOR_NEXT_ELEMENT", "GET_ITERATOR_NEXT_ELEMENT" -> false;
            default -> name().startsWith("READ_") || name().startsWith("GET_") || name().endsWith("_INFO") || name().startsWith("IS_") ||
                            name().equals("TO_DISPLAY_STRING") || name().equals("HELLO") || name().equals("LOOKUP_ROOT");
        };
        int mask = 0;
        for (ErrorKind e : allowed) {
            mask |= 1 << e.ordinal();
        }
        this.allowedErrors = mask;
    }

    /** Whether the InteropLibrary message behind this opcode declares the given exception. */
    public boolean allows(ErrorKind kind) {
        return (allowedErrors & (1 << kind.ordinal())) != 0;
    }

    /** Whether this opcode names an interop message on a target object (the frame carries a target id). */
    public boolean hasTarget() {
        return code >= 16;
    }

    public static Opcode of(long code) throws ProtocolException {
        Opcode op = code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : null;
        if (op == null) {
            throw new ProtocolException("unknown opcode " + code);
        }
        return op;
    }
}
