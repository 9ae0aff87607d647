package org.yonder.objspace.marshal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.yonder.objspace.wire.Opcode;
import org.yonder.objspace.wire.Tag;

/**
 * Packs frames of one session. Not thread-safe: the session packs and sends under one lock, which also keeps shape
 * definitions ahead of their first use on the wire.
 */
public final class FrameWriter {
    private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    private final HashMap<Shape, Integer> sentShapes = new HashMap<>();

    /** Packs {@code [opcode, requestId, target, values]}; the bytes stay valid until the next call. */
    public byte[] pack(Opcode opcode, long requestId, long target, Object[] values) throws IOException {
        packer.clear();
        packer.packArrayHeader(4);
        packer.packInt(opcode.code);
        packer.packLong(requestId);
        packer.packLong(target);
        packer.packArrayHeader(values.length);
        for (Object v : values) {
            packValue(v);
        }
        return packer.toByteArray();
    }

    private void packValue(Object v) throws IOException {
        switch (v) {
            case null -> packer.packNil();
            case Boolean b -> packer.packBoolean(b);
            case Integer i -> packer.packInt(i);
            case Long l -> packer.packLong(l);
            case Short s -> packer.packShort(s);
            case Byte b -> packer.packByte(b);
            case Double d -> packer.packDouble(d);
            case Float f -> packer.packFloat(f);
            case String s -> packer.packString(s);
            case Character c -> packer.packString(String.valueOf(c));
            case BigInteger big -> {
                packer.packArrayHeader(2);
                packer.packInt(Tag.BIG_INTEGER);
                byte[] bytes = big.toByteArray();
                packer.packBinaryHeader(bytes.length);
                packer.writePayload(bytes);
            }
            case BigIntegerValue big when big.isBigInt() -> {
                packer.packArrayHeader(2);
                packer.packInt(Tag.BIG_INT);
                byte[] bytes = big.value.toByteArray();
                packer.packBinaryHeader(bytes.length);
                packer.writePayload(bytes);
            }
            case YonderUndefined u -> {
                packer.packArrayHeader(1);
                packer.packInt(Tag.UNDEFINED);
            }
            case WireRef ref -> packRef(ref);
            case NewMultiplexed born -> {
                packer.packArrayHeader(2 + born.items().length);
                packer.packInt(Tag.NEW_MULTIPLEXED);
                packer.packString(born.tag());
                for (Object item : born.items()) {
                    packValue(item);
                }
            }
            case WireReplica replica -> {
                boolean keyed = replica.key() != null;
                boolean fresh = keyed && replica.digest() == null;
                boolean tagged = replica.tag() != null;
                boolean backbone = tagged && replica.channel() != null;
                packer.packArrayHeader(5 + (fresh ? 1 : backbone ? 4 : keyed || tagged ? 2 : 0) + replica.items().length);
                packer.packInt(Tag.REPLICA);
                packRef(replica.ref());
                packer.packLong(replica.incarnation());
                packer.packLong(replica.counter());
                packer.packInt(backbone ? 6 : tagged ? 5 : fresh ? 4 : (keyed ? 2 : 0) + (replica.array() ? 1 : 0));
                if (tagged) {
                    packer.packString(replica.tag());
                    packer.packLong(replica.seq());
                    if (backbone) {
                        packer.packString(replica.channel().url());
                        packer.packString(replica.channel().subject());
                    }
                } else if (keyed) {
                    packer.packString(replica.key());
                    if (!fresh) {
                        packer.packString(replica.digest());
                    }
                }
                for (Object item : replica.items()) {
                    packValue(item);
                }
            }
            case Link link -> {
                packer.packArrayHeader(2);
                packer.packInt(Tag.LINK);
                packer.packString(link.key());
            }
            case WireHome home -> {
                packer.packArrayHeader(2);
                packer.packInt(Tag.HOME);
                packer.packLong(home.id());
            }
            case TimeValue t -> packTime(t);
            case byte[] bytes -> {
                packer.packBinaryHeader(bytes.length);
                packer.writePayload(bytes);
            }
            case Absent a -> {
                packer.packArrayHeader(1);
                packer.packInt(Tag.ABSENT);
            }
            case Keywords keywords -> {
                packer.packArrayHeader(2 * keywords.names().size() + 1);
                packer.packInt(Tag.KEYWORDS);
                for (int i = 0; i < keywords.names().size(); i++) {
                    packer.packString(keywords.names().get(i));
                    packValue(keywords.values().get(i));
                }
            }
            case ImmutableArray array -> {
                long[] range = array.rangeArguments();
                packer.packArrayHeader(array.size() + 1 + (range == null ? 0 : 3));
                packer.packInt(array.tag());
                if (range != null) {
                    for (long r : range) {
                        packer.packLong(r);
                    }
                }
                for (int i = 0; i < array.size(); i++) {
                    packValue(array.get(i));
                }
            }
            case Object[] copied -> {
                packer.packArrayHeader(copied.length + 1);
                packer.packInt(Tag.ARRAY);
                for (Object e : copied) {
                    packValue(e);
                }
            }
            default -> throw new IllegalArgumentException("not a wire value: " + v.getClass().getName());
        }
    }

    private void packRef(WireRef ref) throws IOException {
        Integer known = sentShapes.get(ref.shape());
        boolean define = known == null;
        int shapeId = define ? sentShapes.size() : known;
        if (define) {
            sentShapes.put(ref.shape(), shapeId);
        }
        ExceptionInfo exc = ref.exception();
        Object[] elements = ref.elements();
        Origin origin = ref.origin();
        int length = origin != null ? 7 : elements != null ? 6 : exc != null ? 5 : define ? 4 : 3;
        packer.packArrayHeader(length);
        packer.packInt(Tag.REF);
        packer.packLong(ref.id());
        packer.packInt(shapeId);
        if (length >= 4) {
            if (define) {
                Shape s = ref.shape();
                packer.packArrayHeader(s.variant() != 0 ? 7 : s.methods() == null ? 5 : 6);
                packer.packLong(s.traits());
                packNullableString(s.metaQualifiedName());
                packNullableString(s.metaSimpleName());
                packNullableString(s.ownQualifiedName());
                packNullableString(s.ownSimpleName());
                if (s.methods() != null) {
                    packer.packArrayHeader(s.methods().size());
                    for (String name : s.methods()) {
                        packer.packString(name);
                    }
                } else if (s.variant() != 0) {
                    packer.packNil();
                }
                if (s.variant() != 0) {
                    packer.packInt(s.variant());
                }
            } else {
                packer.packNil();
            }
        }
        if (length >= 5) {
            if (exc == null) {
                packer.packNil();
            } else {
                packer.packArrayHeader(5);
                packNullableString(exc.message());
                packNullableString(exc.type());
                packer.packInt(exc.exitStatus());
                packer.packArrayHeader(exc.frames().size());
                for (ExceptionInfo.StackFrame f : exc.frames()) {
                    packer.packArrayHeader(4);
                    packNullableString(f.name());
                    packNullableString(f.source());
                    packer.packInt(f.line());
                    packer.packInt(f.column());
                }
                packer.packBoolean(exc.hasCause());
            }
        }
        if (length >= 6) {
            if (elements == null) {
                packer.packNil();
            } else {
                packer.packArrayHeader(elements.length);
                for (Object e : elements) {
                    packValue(e);
                }
            }
        }
        if (length == 7) {
            packer.packArrayHeader(2);
            packer.packLong(origin.space());
            packer.packLong(origin.serial());
        }
    }

    private void packTime(TimeValue t) throws IOException {
        if (t.duration != null) {
            Duration d = t.duration;
            packer.packArrayHeader(3);
            packer.packInt(Tag.DURATION);
            packer.packLong(d.getSeconds());
            packer.packInt(d.getNano());
            return;
        }
        packer.packArrayHeader(4);
        packer.packInt(Tag.DATE_TIME);
        LocalDate date = t.date;
        if (date == null) {
            packer.packNil();
        } else {
            packer.packArrayHeader(3);
            packer.packInt(date.getYear());
            packer.packInt(date.getMonthValue());
            packer.packInt(date.getDayOfMonth());
        }
        LocalTime time = t.time;
        if (time == null) {
            packer.packNil();
        } else {
            packer.packArrayHeader(4);
            packer.packInt(time.getHour());
            packer.packInt(time.getMinute());
            packer.packInt(time.getSecond());
            packer.packInt(time.getNano());
        }
        packNullableString(t.zone == null ? null : t.zone.getId());
    }

    private void packNullableString(String s) throws IOException {
        if (s == null) {
            packer.packNil();
        } else {
            packer.packString(s);
        }
    }
}
