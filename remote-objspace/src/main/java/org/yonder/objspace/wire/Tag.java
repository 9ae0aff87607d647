package org.yonder.objspace.wire;

/**
 * Tags of the wire values that are not msgpack scalars. Such a value is a msgpack array whose first element is the
 * tag; a plain msgpack array never stands for a value.
 */
public final class Tag {
    /**
     * [REF, id, shapeId, shapeDef?, exceptionInfo?, elements?, origin?]: an object owned by the sender, by reference.
     * Trailing optional fields are left out, earlier missing ones are nil (see docs/protocol.md).
     */
    public static final int REF = 1;
    /** [HOME, id]: an object owned by the receiver, travelling back home. */
    public static final int HOME = 2;
    /** [BIG_INTEGER, bytes]: two's-complement big-endian. */
    public static final int BIG_INTEGER = 3;
    /** [DATE_TIME, [y, m, d] | nil, [h, m, s, nano] | nil, zoneId | nil]. */
    public static final int DATE_TIME = 4;
    /** [DURATION, seconds, nanos]. */
    public static final int DURATION = 5;
    // 6 was STRINGS: lists of names now travel as ARRAY values of strings.
    /** [ABSENT]: in a batch answer, a slot the owner did not fill (a member whose read has side effects). */
    public static final int ABSENT = 7;
    /**
     * [ARRAY, e0, e1, ...]: an immutable array, copied: a frozen JS array or a Python tuple of by-value elements, or a
     * [key, value] entry of a hash snapshot travelling again (whose elements may be references).
     */
    public static final int ARRAY = 8;
    /** [UNDEFINED]: JS undefined, which is not null. */
    public static final int UNDEFINED = 9;
    /** [BIG_INT, bytes]: a JS BigInt of any size, two's-complement big-endian; not a plain number. */
    public static final int BIG_INT = 10;
    /** [TUPLE, e0, e1, ...]: as ARRAY, for a Python tuple, which a Python receiver gets as a tuple again. */
    public static final int TUPLE = 11;
    /** [KEYWORDS, name0, value0, name1, value1, ...]: the keyword arguments of a call, only as its last argument. */
    public static final int KEYWORDS = 12;
    /** [BYTES, b0, b1, ...]: as ARRAY (ints 0-255), for Python bytes, which a Python receiver gets as bytes again. */
    public static final int BYTES = 13;
    /** [FROZENSET, e0, e1, ...]: as ARRAY, for a Python frozenset, which a Python receiver gets as a frozenset again. */
    public static final int FROZENSET = 14;
    /**
     * [RANGE, start, stop, step, e0, e1, ...]: as ARRAY (its elements), for a Python range, which a Python receiver
     * gets as a range again.
     */
    public static final int RANGE = 15;
    /**
     * [REPLICA, ref, incarnation, counter, kind, item...]: a cacheable object of the sender's, by reference (ref, a REF)
     * and with its state at version [incarnation, counter]: kind 0, items are name, value pairs of its members; kind 1,
     * items are an array's elements; kinds 2 and 3, the same for a publishable object, after its publish key and the
     * digest of its state; kind 4, only in a HELLO answer, a publishable whose state the receiver has stored: items are
     * its key; kind 5, a multiplexed object's members, after its copy tag and the sequence number of the last shout
     * its state has seen (docs/multiplex.md). The receiver keeps a replica, which the sender's UPDATE frames keep
     * current.
     */
    public static final int REPLICA = 16;
    /**
     * [LINK, key]: never on the wire (a protocol error there). In a client's stored replica state, the nested
     * publishable object with that publish key (see store/ReplicaStore).
     */
    public static final int LINK = 17;
    /**
     * [NEW_MULTIPLEXED, copyTag, name0, value0, ...]: an instance of a class the sender registered as a leaf class,
     * not yet multiplexed: the receiver makes it a multiplexed object of its own, with these members as its state
     * (docs/multiplex.md, containers).
     */
    public static final int NEW_MULTIPLEXED = 18;

    private Tag() {
    }
}
