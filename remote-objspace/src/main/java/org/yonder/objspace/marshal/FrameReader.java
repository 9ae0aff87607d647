package org.yonder.objspace.marshal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.ValueType;
import org.yonder.objspace.wire.Opcode;
import org.yonder.objspace.wire.ProtocolException;
import org.yonder.objspace.wire.Tag;

/**
 * Decodes the frames of one session, on its reader thread. Anything that breaks protocol v1 becomes a
 * {@link ProtocolException} that names what is wrong; nothing a peer sends is trusted to be well formed.
 */
public final class FrameReader {
    /** Turns references into values: proxies for the peer's objects, originals for ours. */
    public interface Resolver {
        Object imported(long id, Shape shape, ExceptionInfo exception, Object[] elements, Origin origin) throws ProtocolException;

        Object home(long id) throws ProtocolException;

        /**
         * A cacheable object of the peer's: {@code ref} is what its reference resolved to, {@code items} its state at
         * version [incarnation, counter] (name, value pairs, or an array's elements). Returns the replica.
         */
        default Object replica(Object ref, long incarnation, long counter, boolean array, Object[] items, String key, String digest, String tag, long seq, BackboneChannel channel) throws ProtocolException {
            throw new ProtocolException("a cacheable object (REPLICA) where none can be");
        }

        /** An instance of the peer's leaf class, to become a multiplexed object of this side's (docs/multiplex.md). */
        default Object newMultiplexed(String tag, Object[] items) throws ProtocolException {
            throw new ProtocolException("a new multiplexed object (NEW_MULTIPLEXED) where none can be");
        }

        /** A LINK: only a stored replica's state may hold one. */
        default Object link(String key) throws ProtocolException {
            throw new ProtocolException("a LINK, which is never on the wire");
        }
    }

    private final Resolver resolver;
    private final int maxDepth;
    private final List<Shape> receivedShapes = new ArrayList<>();
    /** Bytes of the frame being read: no count or length in it can be larger. */
    private int frameLength;
    /**
     * What the counts and lengths read so far may still add up to: every element a count announces and every byte a
     * length announces takes at least one byte of the frame, so together they cannot pass its length. This bounds
     * what decoding one frame allocates by a small multiple of its size (about 8 bytes per byte, for references),
     * where checking each count alone let a 16 MiB frame of nested counts allocate gigabytes.
     */
    private long budget;
    /** Whether the frame being read is a request (only a request's arguments may carry element snapshots). */
    private boolean readingRequest;

    public FrameReader(Resolver resolver, int maxDepth) {
        this(resolver, maxDepth, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** The most shapes the peer may define, and the most characters their names may take in all. */
    private final int maxShapes;
    private final long maxShapeBytes;
    private long shapeBytes;

    /**
     * One unpacker for all of the session's frames, reset to each in turn: a new one per frame allocated a 16 KiB
     * string decoder buffer for each frame that held a string, which was most of the cost of reading a small request.
     */
    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker unpacker = MessagePack.DEFAULT_UNPACKER_CONFIG.newUnpacker(input);
    /** The frame being read: strings are decoded straight from it. */
    private byte[] frame;

    public FrameReader(Resolver resolver, int maxDepth, int maxShapes, long maxShapeBytes) {
        this.resolver = resolver;
        this.maxDepth = maxDepth;
        this.maxShapes = maxShapes;
        this.maxShapeBytes = maxShapeBytes;
    }

    public Frame read(byte[] bytes) throws ProtocolException {
        frameLength = bytes.length;
        budget = bytes.length;
        frame = bytes;
        try {
            input.reset(bytes);
            MessageUnpacker u = unpacker;
            u.reset(input);
            int n = u.unpackArrayHeader();
            if (n != 4) {
                throw new ProtocolException("a frame is an array of 4 fields, not " + n);
            }
            Opcode op = Opcode.of(u.unpackLong());
            readingRequest = op.kind == Opcode.Kind.REQUEST;
            long requestId = u.unpackLong();
            long target = u.unpackLong();
            int count = bounded(u.unpackArrayHeader(), "value list");
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = readValue(u, 1);
            }
            if (u.hasNext()) {
                throw new ProtocolException("trailing bytes after the frame's four fields");
            }
            return new Frame(op, requestId, target, values);
        } catch (ProtocolException e) {
            throw e;
        } catch (MessagePackException | IOException | DateTimeException | ArithmeticException e) {
            throw new ProtocolException("malformed frame: " + e.getMessage(), e);
        }
    }

    private Object readValue(MessageUnpacker u, int depth) throws IOException {
        MessageFormat format = u.getNextFormat();
        ValueType type = format.getValueType();
        switch (type) {
            case NIL:
                u.unpackNil();
                return YonderNull.INSTANCE;
            case BOOLEAN:
                return u.unpackBoolean();
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    BigInteger big = u.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : new BigIntegerValue(big);
                }
                long l = u.unpackLong();
                return l == (int) l ? (Object) (int) l : (Object) l;
            case FLOAT:
                return format == MessageFormat.FLOAT32 ? (Object) u.unpackFloat() : (Object) u.unpackDouble();
            case STRING:
                return string(u);
            case BINARY:
                if (depth > 1) {
                    // Raw bytes are a buffer's payload (READ_BUFFER's answer, WRITE_BUFFER's argument), never an element.
                    throw new ProtocolException("a binary value inside another value");
                }
                return u.readPayload(bounded(u.unpackBinaryHeader(), "binary"));
            case ARRAY:
                if (depth > maxDepth) {
                    throw new ProtocolException("values nested deeper than " + maxDepth);
                }
                return readTagged(u, bounded(u.unpackArrayHeader(), "array"), depth);
            default:
                throw new ProtocolException("a " + type.name().toLowerCase() + " is not a wire value");
        }
    }

    private Object readTagged(MessageUnpacker u, int length, int depth) throws IOException {
        if (length < 1) {
            throw new ProtocolException("an empty array is not a wire value");
        }
        return readTagged(u, length, depth, u.unpackInt());
    }

    /** A tagged value whose tag has been read. */
    private Object readTagged(MessageUnpacker u, int length, int depth, int tag) throws IOException {
        switch (tag) {
            case Tag.REF: {
                expect(length >= 3 && length <= 7, "REF", length);
                long id = u.unpackLong();
                int shapeId = u.unpackInt();
                Shape shape;
                if (length >= 4 && !u.tryUnpackNil()) {
                    if (shapeId != receivedShapes.size()) {
                        throw new ProtocolException("shape " + shapeId + " defined out of order (expected " + receivedShapes.size() + ")");
                    }
                    if (receivedShapes.size() >= maxShapes) {
                        throw new ProtocolException("more than " + maxShapes + " shapes defined in one session (the limit yonder.MaxShapes)");
                    }
                    int fields = u.unpackArrayHeader();
                    expect(fields >= 5 && fields <= 7, "shape definition", length);
                    long traits = u.unpackLong();
                    if ((traits & ~Shape.ALL) != 0) {
                        throw new ProtocolException("unknown shape traits " + Long.toBinaryString(traits));
                    }
                    String metaQualified = nullableString(u), metaSimple = nullableString(u), ownQualified = nullableString(u), ownSimple = nullableString(u);
                    List<String> methods = fields >= 6 && !u.tryUnpackNil() ? methodNames(u, traits) : null;
                    long variant = fields == 7 ? u.unpackLong() : 0;
                    if (variant < Shape.UNSHARED || variant >= Shape.MAX_VARIANTS) {
                        throw new ProtocolException("shape variant " + variant + " (from " + Shape.UNSHARED + " to " + (Shape.MAX_VARIANTS - 1) + ")");
                    }
                    shape = new Shape(traits, metaQualified, metaSimple, ownQualified, ownSimple, methods, (int) variant);
                    shapeBytes += 64 + length(metaQualified) + length(metaSimple) + length(ownQualified) + length(ownSimple);
                    if (shape.methods() != null) {
                        for (String m : shape.methods()) {
                            shapeBytes += 16 + m.length();
                        }
                    }
                    if (shapeBytes > maxShapeBytes) {
                        throw new ProtocolException("the shapes defined in one session take more than " + maxShapeBytes + " characters (the limit yonder.MaxShapeBytes)");
                    }
                    receivedShapes.add(shape);
                } else {
                    if (shapeId < 0 || shapeId >= receivedShapes.size()) {
                        throw new ProtocolException("unknown shape " + shapeId);
                    }
                    shape = receivedShapes.get(shapeId);
                }
                ExceptionInfo exc = length >= 5 && !u.tryUnpackNil() ? readExceptionInfo(u) : null;
                Object[] elements = null;
                if (length >= 6 && !u.tryUnpackNil()) {
                    if (!shape.has(Shape.ARRAY)) {
                        throw new ProtocolException("an element snapshot for a reference that is not an array");
                    }
                    if (!readingRequest) {
                        throw new ProtocolException("an element snapshot outside the arguments of a request");
                    }
                    elements = new Object[bounded(u.unpackArrayHeader(), "element snapshot")];
                    for (int i = 0; i < elements.length; i++) {
                        elements[i] = readValue(u, depth + 1);
                        if (elements[i] instanceof Absent) {
                            throw new ProtocolException("ABSENT inside an element snapshot");
                        }
                    }
                }
                if (shape.has(Shape.EXCEPTION) != (exc != null)) {
                    throw new ProtocolException("a reference to an exception must carry its message and stack, and only such a reference");
                }
                Origin origin = null;
                if (length == 7) {
                    expect(u.unpackArrayHeader() == 2, "origin", 2);
                    origin = new Origin(u.unpackLong(), u.unpackLong());
                }
                return resolver.imported(id, shape, exc, elements, origin);
            }
            case Tag.HOME:
                expect(length == 2, "HOME", length);
                return resolver.home(u.unpackLong());
            case Tag.BIG_INTEGER:
            case Tag.BIG_INT: {
                expect(length == 2, tag == Tag.BIG_INT ? "BIG_INT" : "BIG_INTEGER", length);
                int n = u.unpackBinaryHeader();
                if (n < 1 || n > 1 << 16) {
                    throw new ProtocolException("big integer of " + n + " bytes");
                }
                bounded(n, "big integer");
                BigInteger big = new BigInteger(u.readPayload(n));
                if (tag == Tag.BIG_INT) {
                    return new BigIntegerValue(big, true);
                }
                return big.bitLength() < 64 ? (Object) big.longValue() : new BigIntegerValue(big);
            }
            case Tag.UNDEFINED:
                expect(length == 1, "UNDEFINED", length);
                return YonderUndefined.INSTANCE;
            case Tag.DATE_TIME: {
                expect(length == 4, "DATE_TIME", length);
                LocalDate date = null;
                if (!u.tryUnpackNil()) {
                    expect(u.unpackArrayHeader() == 3, "date", 3);
                    date = LocalDate.of(u.unpackInt(), u.unpackInt(), u.unpackInt());
                }
                LocalTime time = null;
                if (!u.tryUnpackNil()) {
                    expect(u.unpackArrayHeader() == 4, "time", 4);
                    time = LocalTime.of(u.unpackInt(), u.unpackInt(), u.unpackInt(), u.unpackInt());
                }
                String zone = nullableString(u);
                if (date == null && time == null && zone == null) {
                    throw new ProtocolException("DATE_TIME with no date, time or zone");
                }
                return new TimeValue(date, time, zone == null ? null : ZoneId.of(zone), null);
            }
            case Tag.DURATION:
                expect(length == 3, "DURATION", length);
                return new TimeValue(null, null, null, Duration.ofSeconds(u.unpackLong(), u.unpackInt()));
            case Tag.REPLICA: {
                if (length < 5) {
                    throw new ProtocolException("REPLICA needs a reference, an incarnation, a counter and a kind (length " + length + ")");
                }
                if (u.getNextFormat().getValueType() != ValueType.ARRAY) {
                    throw new ProtocolException("a REPLICA's reference is not a REF");
                }
                int refLength = bounded(u.unpackArrayHeader(), "array");
                if (refLength < 1 || u.unpackInt() != Tag.REF) {
                    throw new ProtocolException("a REPLICA's reference is not a REF");
                }
                Object ref = readTagged(u, refLength, depth + 1, Tag.REF);
                long incarnation = u.unpackLong();
                long counter = u.unpackLong();
                int kind = u.unpackInt();
                // the publish key, and (but for kind 4) the digest; or a copy tag and a sequence number (kind 6: and the backbone's url and subject)
                int fixed = kind == 6 ? 4 : kind == 4 ? 1 : kind >= 2 ? 2 : 0;
                if (kind < 0 || kind > 6 || length - 5 < fixed || kind == 4 && length != 6 || (kind == 0 || kind == 2 || kind >= 5) && (length - 5 - fixed) % 2 != 0) {
                    throw new ProtocolException("a REPLICA of kind " + kind + " with " + (length - 5) + " items");
                }
                String key = null;
                String digest = null;
                String copyTag = null;
                long seq = 0;
                BackboneChannel channel = null;
                if (kind >= 5) {
                    if (u.getNextFormat().getValueType() != ValueType.STRING) {
                        throw new ProtocolException("a multiplexed REPLICA's copy tag is not a string");
                    }
                    copyTag = string(u);
                    if (u.getNextFormat().getValueType() != ValueType.INTEGER) {
                        throw new ProtocolException("a multiplexed REPLICA's sequence number is not an integer");
                    }
                    seq = u.unpackLong();
                    if (kind == 6) {
                        String[] at = new String[2];
                        for (int i = 0; i < 2; i++) {
                            if (u.getNextFormat().getValueType() != ValueType.STRING) {
                                throw new ProtocolException("a multiplexed REPLICA's backbone " + (i == 0 ? "url" : "subject") + " is not a string");
                            }
                            at[i] = string(u);
                        }
                        channel = new BackboneChannel(at[0], at[1]);
                    }
                } else if (fixed > 0) {
                    if (u.getNextFormat().getValueType() != ValueType.STRING) {
                        throw new ProtocolException("a REPLICA's publish key is not a string");
                    }
                    key = string(u);
                    if (fixed > 1) {
                        if (u.getNextFormat().getValueType() != ValueType.STRING) {
                            throw new ProtocolException("a REPLICA's digest is not a string");
                        }
                        digest = string(u);
                    }
                }
                boolean members = kind == 0 || kind == 2 || kind >= 5;
                Object[] items = new Object[length - 5 - fixed];
                for (int i = 0; i < items.length; i++) {
                    if (members && i % 2 == 0 && u.getNextFormat().getValueType() != ValueType.STRING) {
                        throw new ProtocolException("a REPLICA member name is not a string");
                    }
                    items[i] = readValue(u, depth + 1);
                    if (items[i] instanceof Absent) {
                        throw new ProtocolException("ABSENT inside a REPLICA");
                    }
                }
                return resolver.replica(ref, incarnation, counter, kind == 1 || kind == 3, items, key, digest, copyTag, seq, channel);
            }
            case Tag.NEW_MULTIPLEXED: {
                if (length < 2 || length % 2 != 0 || u.getNextFormat().getValueType() != ValueType.STRING) {
                    throw new ProtocolException("NEW_MULTIPLEXED needs a copy tag and name, value pairs (length " + length + ")");
                }
                String copyTag = string(u);
                Object[] items = new Object[length - 2];
                for (int i = 0; i < items.length; i++) {
                    if (i % 2 == 0 && u.getNextFormat().getValueType() != ValueType.STRING) {
                        throw new ProtocolException("a NEW_MULTIPLEXED member name is not a string");
                    }
                    items[i] = readValue(u, depth + 1);
                    if (items[i] instanceof Absent) {
                        throw new ProtocolException("ABSENT inside a NEW_MULTIPLEXED");
                    }
                }
                return resolver.newMultiplexed(copyTag, items);
            }
            case Tag.LINK:
                expect(length == 2 && u.getNextFormat().getValueType() == ValueType.STRING, "LINK", length);
                return resolver.link(string(u));
            case Tag.ABSENT:
                expect(length == 1, "ABSENT", length);
                return Absent.INSTANCE;
            case Tag.ARRAY:
            case Tag.TUPLE:
            case Tag.BYTES:
            case Tag.FROZENSET: {
                Object[] elements = new Object[length - 1];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = readValue(u, depth + 1);
                    if (elements[i] instanceof Absent) {
                        throw new ProtocolException("ABSENT inside an ARRAY value");
                    }
                }
                if (tag == Tag.BYTES) {
                    for (Object e : elements) {
                        if (!(e instanceof Integer b && b >= 0 && b <= 255)) {
                            throw new ProtocolException("a BYTES element is not a byte: " + e);
                        }
                    }
                }
                return new ImmutableArray(elements, (int) tag);
            }
            case Tag.RANGE: {
                expect(length >= 4, "RANGE", length);
                long start = u.unpackLong();
                long stop = u.unpackLong();
                long step = u.unpackLong();
                if (step == 0) {
                    throw new ProtocolException("a RANGE with step 0");
                }
                long count;
                try {
                    count = step > 0 ? (stop > start ? Math.subtractExact(stop, start + 1) / step + 1 : 0)
                                    : (start > stop ? Math.subtractExact(start, stop + 1) / Math.negateExact(step) + 1 : 0);
                } catch (ArithmeticException e) {
                    throw new ProtocolException("a RANGE(" + start + ", " + stop + ", " + step + ") beyond 64 bits");
                }
                if (count != length - 4) {
                    throw new ProtocolException("a RANGE(" + start + ", " + stop + ", " + step + ") has " + count + " elements, not " + (length - 4));
                }
                Object[] elements = new Object[length - 4];
                for (int i = 0; i < elements.length; i++) {
                    Object e = readValue(u, depth + 1);
                    if (!(e instanceof Number n) || e instanceof Double || n.longValue() != start + i * step) {
                        throw new ProtocolException("RANGE element " + i + " is " + e + ", not " + (start + i * step));
                    }
                    elements[i] = e;
                }
                return new ImmutableArray(elements, start, stop, step);
            }
            case Tag.KEYWORDS: {
                if (depth != 1 || (length - 1) % 2 != 0) {
                    throw new ProtocolException("KEYWORDS must be a top-level argument of name, value pairs (length " + length + " at depth " + depth + ")");
                }
                List<String> names = new ArrayList<>();
                List<Object> keywordValues = new ArrayList<>();
                for (int i = 1; i < length; i += 2) {
                    if (u.getNextFormat().getValueType() != org.msgpack.value.ValueType.STRING) {
                        throw new ProtocolException("a KEYWORDS name is not a string");
                    }
                    names.add(string(u));
                    Object value = readValue(u, depth + 1);
                    if (value instanceof Absent) {
                        throw new ProtocolException("ABSENT as a keyword argument");
                    }
                    keywordValues.add(value);
                }
                return new Keywords(names, keywordValues);
            }
            default:
                throw new ProtocolException("unknown value tag " + tag);
        }
    }

    private ExceptionInfo readExceptionInfo(MessageUnpacker u) throws IOException {
        expect(u.unpackArrayHeader() == 5, "exception info", 5);
        String message = nullableString(u);
        String type = nullableString(u);
        int exitStatus = u.unpackInt();
        int n = bounded(u.unpackArrayHeader(), "stack");
        List<ExceptionInfo.StackFrame> frames = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            expect(u.unpackArrayHeader() == 4, "stack frame", 4);
            frames.add(new ExceptionInfo.StackFrame(nullableString(u), nullableString(u), u.unpackInt(), u.unpackInt()));
        }
        return new ExceptionInfo(message, type, exitStatus, List.copyOf(frames), u.unpackBoolean());
    }

    /** A count or length read from the frame, which cannot be larger than the frame itself. */
    private int bounded(int n, String what) throws ProtocolException {
        if (n < 0 || n > frameLength) {
            throw new ProtocolException("a frame of " + frameLength + " bytes cannot hold a " + what + " of " + Integer.toUnsignedString(n));
        }
        budget -= n;
        if (budget < 0) {
            throw new ProtocolException("the counts and lengths in a frame of " + frameLength + " bytes add up to more than its size (at the " + what + " of " + n + ")");
        }
        return n;
    }


    /** A shape's method names: only for a JS object's shape, at most Shape.MAX_DATA_MEMBERS strings. */
    private List<String> methodNames(MessageUnpacker u, long traits) throws IOException {
        if ((traits & Shape.JS) == 0 || (traits & Shape.MEMBERS) == 0) {
            throw new ProtocolException("method names in the shape of a value that is not a JS object with members");
        }
        int n = u.unpackArrayHeader();
        if (n > Shape.MAX_DATA_MEMBERS) {
            throw new ProtocolException("a shape with " + n + " method names (at most " + Shape.MAX_DATA_MEMBERS + ")");
        }
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = nullableString(u);
            if (name == null) {
                throw new ProtocolException("a method name that is nil");
            }
            names.add(name);
        }
        return names;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private String nullableString(MessageUnpacker u) throws IOException {
        return u.tryUnpackNil() ? null : string(u);
    }

    /** A string, decoded from the frame's own bytes (malformed UTF-8 replaced, as msgpack does); it cannot pass the frame's end. */
    private String string(MessageUnpacker u) throws IOException {
        int n = u.unpackRawStringHeader();
        long at = u.getTotalReadBytes();
        if (n < 0 || n > frame.length - at) {
            throw new ProtocolException("a string of " + Integer.toUnsignedString(n) + " bytes runs past the end of its frame of " + frame.length + " bytes");
        }
        u.readPayloadAsReference(n);
        return new String(frame, (int) at, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void expect(boolean ok, String what, int length) throws ProtocolException {
        if (!ok) {
            throw new ProtocolException("malformed " + what + " value (" + length + " fields)");
        }
    }
}
