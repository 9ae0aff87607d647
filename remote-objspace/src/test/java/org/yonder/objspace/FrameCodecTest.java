package org.yonder.objspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.oracle.truffle.api.interop.InteropLibrary;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.yonder.objspace.marshal.BigIntegerValue;
import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Frame;
import org.yonder.objspace.marshal.FrameReader;
import org.yonder.objspace.marshal.FrameWriter;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.Keywords;
import org.yonder.objspace.marshal.TimeValue;
import org.yonder.objspace.marshal.WireHome;
import org.yonder.objspace.marshal.WireRef;
import org.yonder.objspace.marshal.WireReplica;
import org.yonder.objspace.marshal.YonderNull;
import org.yonder.objspace.wire.Opcode;
import org.yonder.objspace.wire.ProtocolException;
import org.yonder.objspace.wire.Tag;

/** The wire format: what one side packs, the other side reads back; and what it refuses. */
class FrameCodecTest {
    record Imported(long id, Shape shape, ExceptionInfo exception, List<Object> elements) {
    }

    record Home(long id) {
    }

    /** Records what the reader resolved, instead of making proxies. */
    static final class Recorder implements FrameReader.Resolver {
        final List<Imported> imported = new ArrayList<>();

        @Override
        public Object imported(long id, Shape shape, ExceptionInfo exception, Object[] elements, org.yonder.objspace.marshal.Origin origin) {
            Imported i = new Imported(id, shape, exception, elements == null ? null : List.of(elements));
            imported.add(i);
            return i;
        }

        @Override
        public Object home(long id) {
            return new Home(id);
        }

        /** The last REPLICA read: copy tag, seq, backbone channel and items. */
        Object[] replica;

        @Override
        public Object replica(Object ref, long incarnation, long counter, boolean array, Object[] items, String key, String digest, String tag, long seq,
                        org.yonder.objspace.marshal.BackboneChannel channel) {
            replica = new Object[]{tag, seq, channel, List.of(items)};
            return ref;
        }
    }

    private final FrameWriter writer = new FrameWriter();
    private final Recorder recorder = new Recorder();
    private final FrameReader reader = new FrameReader(recorder, 8);

    private Frame roundTrip(Opcode op, long id, long target, Object... values) throws IOException {
        return reader.read(writer.pack(op, id, target, values));
    }

    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    @Test
    void scalarsKeepTheirValueAndNumericType() throws Exception {
        Object[] v = roundTrip(Opcode.EXECUTE, 7, 3, null, true, 42, 1L << 40, 1.5, 2.5f, "text", 'c', new BigInteger("123456789012345678901234567890")).values();
        assertSame(YonderNull.INSTANCE, v[0]);
        assertEquals(true, v[1]);
        assertEquals(42, v[2]);
        assertEquals(1L << 40, v[3]);
        assertEquals(1.5, v[4]);
        assertEquals(2.5f, v[5]);
        assertEquals("text", v[6]);
        assertEquals("c", v[7]);
        assertEquals(new BigInteger("123456789012345678901234567890"), INTEROP.asBigInteger(assertInstanceOf(BigIntegerValue.class, v[8])));
    }

    @Test
    void oneReaderDecodesStringsOfEveryFrameItReadsAndNoneRunsPastItsFrame() throws IOException {
        // The reader's one unpacker is reset to each frame: strings (multi-byte UTF-8 among them) of consecutive frames
        // stay apart, and a frame that failed does not spoil the next.
        for (String text : List.of("noop", "grüße, 世界 \uD83D\uDE00", "", "x".repeat(20_000))) {
            assertEquals(List.of(text, "after"), List.of(roundTrip(Opcode.INVOKE_MEMBER, 1, 2, text, "after").values()));
        }
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(Opcode.INVOKE_MEMBER.code).packLong(1).packLong(2).packArrayHeader(1).packRawStringHeader(1_000_000);
        p.writePayload("short".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("a string of 1000000 bytes runs past the end of its frame of 15 bytes", assertThrows(ProtocolException.class, () -> reader.read(p.toByteArray())).getMessage());
        assertEquals("ok", roundTrip(Opcode.REPLY, 1, 0, "ok").values()[0]);
    }

    @Test
    void datesTimesZonesDurationsAndStringListsAreCopied() throws Exception {
        TimeValue instant = new TimeValue(LocalDate.of(2026, 11, 22), LocalTime.of(12, 30, 1, 5), ZoneId.of("UTC"), null);
        TimeValue duration = new TimeValue(null, null, null, Duration.ofMillis(1500));
        Object[] v = roundTrip(Opcode.REPLY, 1, 0, instant, duration, ImmutableArray.ofStrings(new String[]{"a", "b"})).values();
        assertEquals(LocalDate.of(2026, 11, 22), INTEROP.asDate(v[0]));
        assertEquals(LocalTime.of(12, 30, 1, 5), INTEROP.asTime(v[0]));
        assertEquals(ZoneId.of("UTC"), INTEROP.asTimeZone(v[0]));
        assertEquals(java.time.Instant.parse("2026-11-22T12:30:01.000000005Z"), INTEROP.asInstant(v[0]));
        assertEquals(Duration.ofMillis(1500), INTEROP.asDuration(v[1]));
        assertEquals(List.of("a", "b"), ((ImmutableArray) v[2]).strings());
    }

    @Test
    void shapesAreDefinedOnceAndThenReferredToById() throws IOException {
        Shape shape = new Shape(Shape.MEMBERS | Shape.EXECUTABLE, "Function", "Function", null, null);
        byte[] first = writer.pack(Opcode.REPLY, 1, 0, new Object[]{new WireRef(5, shape, null)});
        byte[] second = writer.pack(Opcode.REPLY, 2, 0, new Object[]{new WireRef(6, shape, null)});
        assertTrue(second.length < first.length, "the second use carries no definition");
        reader.read(first);
        reader.read(second);
        assertEquals(2, recorder.imported.size());
        assertSame(recorder.imported.get(0).shape(), recorder.imported.get(1).shape(), "one Shape instance per remote type");
        assertEquals(new Home(9), roundTrip(Opcode.REPLY, 3, 0, new WireHome(9)).values()[0]);
    }

    @Test
    void aSmallArgumentArrayCarriesASnapshotOfItsElements() throws IOException {
        Shape array = new Shape(Shape.MEMBERS | Shape.ARRAY | Shape.ITERABLE, "Array", "Array", null, null);
        roundTrip(Opcode.INVOKE_MEMBER, 1, 3, "add", 1, new WireRef(8, array, null, new Object[]{1, 2, 3}, new org.yonder.objspace.marshal.Origin(77, 5)));
        assertEquals(List.of(1, 2, 3), recorder.imported.get(0).elements());
        Shape plain = new Shape(Shape.MEMBERS, "Object", "Object", null, null);
        byte[] bad = writer.pack(Opcode.EXECUTE, 2, 0, new Object[]{new WireRef(9, plain, null, new Object[]{1}, null)});
        assertEquals("an element snapshot for a reference that is not an array", assertThrows(ProtocolException.class, () -> reader.read(bad)).getMessage());
        byte[] inReply = writer.pack(Opcode.REPLY, 3, 0, new Object[]{new WireRef(10, array, null, new Object[]{1}, null)});
        assertEquals("an element snapshot outside the arguments of a request", assertThrows(ProtocolException.class, () -> reader.read(inReply)).getMessage());
    }

    @Test
    void exceptionFactsTravelWithTheReference() throws IOException {
        Shape shape = new Shape(Shape.MEMBERS | Shape.EXCEPTION, "Error", "Error", null, null);
        ExceptionInfo info = new ExceptionInfo("boom", "RUNTIME_ERROR", 0, List.of(new ExceptionInfo.StackFrame("fail", "svc.js", 3, 9)), true);
        roundTrip(Opcode.THROW, 1, 0, new WireRef(4, shape, info));
        assertEquals(info, recorder.imported.get(0).exception());
        assertEquals("fail (svc.js:3:9)", info.frames().get(0).toString());
    }

    @Test
    void aMultiplexedReplicaIsOfKind5OnTheEmbeddedHubAndOfKind6WithTheBackbonesUrlAndSubject() throws IOException {
        Shape shape = new Shape(Shape.MEMBERS, "Object", "Object", null, null);
        WireRef ref = new WireRef(3, shape, null);
        byte[] embedded = writer.pack(Opcode.REPLY, 1, 0, new Object[]{new WireReplica(ref, 7, 2, false, new Object[]{"count", 1}, null, null, "t.C", 41, null)});
        var u = MessagePack.newDefaultUnpacker(embedded);
        u.unpackArrayHeader();
        u.unpackInt();
        u.unpackLong();
        u.unpackLong();
        u.unpackArrayHeader();
        assertEquals(9, u.unpackArrayHeader(), "REPLICA, ref, incarnation, counter, kind, tag, seq, one pair: as before the backbone");
        assertEquals(Tag.REPLICA, u.unpackInt());
        u.skipValue();
        assertEquals(7, u.unpackLong());
        assertEquals(2, u.unpackLong());
        assertEquals(5, u.unpackInt());
        assertEquals("t.C", u.unpackString());
        assertEquals(41, u.unpackLong());
        assertEquals("count", u.unpackString());
        reader.read(embedded);
        assertEquals(List.of("t.C", 41L, "null", List.of("count", 1)), List.of(recorder.replica[0], recorder.replica[1], String.valueOf(recorder.replica[2]), recorder.replica[3]));
        var channel = new org.yonder.objspace.marshal.BackboneChannel("nats://127.0.0.1:4222", "yonder.mx.ab.1");
        reader.read(writer.pack(Opcode.REPLY, 1, 0, new Object[]{new WireReplica(ref, 7, 2, false, new Object[]{"count", 1}, null, null, "t.C", 41, channel)}));
        assertEquals(List.of("t.C", 41L, channel, List.of("count", 1)), List.of(recorder.replica));
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(Opcode.REPLY.code).packLong(1).packLong(0).packArrayHeader(1);
        p.packArrayHeader(9).packInt(Tag.REPLICA).packArrayHeader(4).packInt(Tag.REF).packLong(3).packLong(0).packArrayHeader(5).packInt(1).packNil().packNil().packNil().packNil();
        p.packLong(7).packLong(0).packInt(6).packString("t").packLong(0).packString("nats://x").packInt(9);
        assertEquals("a multiplexed REPLICA's backbone subject is not a string", assertThrows(ProtocolException.class, () -> new FrameReader(new Recorder(), 8).read(p.toByteArray())).getMessage());
    }

    private static byte[] raw(Object... fields) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(fields.length);
        for (Object f : fields) {
            if (f instanceof int[] array) {
                p.packArrayHeader(array.length);
                for (int i : array) {
                    p.packInt(i);
                }
            } else {
                p.packLong(((Number) f).longValue());
            }
        }
        return p.toByteArray();
    }

    @Test
    void keywordArgumentsTravelAsTheLastArgumentAndNowhereDeeper() throws IOException {
        Keywords keywords = new Keywords(List.of("scale", "label"), List.of(10, "x"));
        Frame f = roundTrip(Opcode.EXECUTE, 1, 3, 1, keywords);
        assertEquals(keywords, f.values()[1]);
        byte[] nested = writer.pack(Opcode.EXECUTE, 2, 3, new Object[]{new ImmutableArray(new Object[]{keywords})});
        assertEquals("KEYWORDS must be a top-level argument of name, value pairs (length 5 at depth 2)",
                        assertThrows(ProtocolException.class, () -> reader.read(nested)).getMessage());
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(Opcode.EXECUTE.code).packLong(1).packLong(3).packArrayHeader(1);
        p.packArrayHeader(3).packInt(12).packInt(7).packInt(1);
        assertEquals("a KEYWORDS name is not a string", assertThrows(ProtocolException.class, () -> reader.read(p.toByteArray())).getMessage());
    }

    @Test
    void pythonKindsOfImmutableArraysKeepTheirTagAndBytesAreBytes() throws IOException {
        Object[] v = roundTrip(Opcode.REPLY, 1, 0, new ImmutableArray(new Object[]{98, 0, 255}, Tag.BYTES), new ImmutableArray(new Object[]{1, "a"}, Tag.FROZENSET)).values();
        assertEquals(Tag.BYTES, ((ImmutableArray) v[0]).tag());
        assertEquals(255, ((ImmutableArray) v[0]).get(2));
        assertEquals(Tag.FROZENSET, ((ImmutableArray) v[1]).tag());
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(Opcode.REPLY.code).packLong(1).packLong(0).packArrayHeader(1);
        p.packArrayHeader(3).packInt(Tag.BYTES).packInt(7).packInt(256);
        assertEquals("a BYTES element is not a byte: 256", assertThrows(ProtocolException.class, () -> reader.read(p.toByteArray())).getMessage());
    }

    @Test
    void aRangeTravelsWithItsArgumentsAndElementsThatMustAgree() throws IOException {
        ImmutableArray r = (ImmutableArray) roundTrip(Opcode.REPLY, 1, 0, new ImmutableArray(new Object[]{2, 5, 8}, 2, 10, 3)).values()[0];
        assertEquals(Tag.RANGE, r.tag());
        assertEquals(List.of(2L, 10L, 3L), java.util.Arrays.stream(r.rangeArguments()).boxed().toList());
        assertEquals(8, r.get(2), "other receivers read its elements");
        Object[][] bad = {{2L, 10L, 3L, 2, 5, 9}, {2L, 10L, 0L}, {2L, 10L, 3L, 2, 5}, {Long.MIN_VALUE, Long.MAX_VALUE, 1L}, {0L, 3L, 1L, 0, 1.0, 2}};
        String[] why = {"RANGE element 2 is 9, not 8", "a RANGE with step 0", "a RANGE(2, 10, 3) has 3 elements, not 2",
                        "a RANGE(-9223372036854775808, 9223372036854775807, 1) beyond 64 bits", "RANGE element 1 is 1.0, not 1"};
        for (int i = 0; i < bad.length; i++) {
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(4).packInt(Opcode.REPLY.code).packLong(1).packLong(0).packArrayHeader(1);
            p.packArrayHeader(bad[i].length + 1).packInt(Tag.RANGE);
            for (Object e : bad[i]) {
                if (e instanceof Long l) {
                    p.packLong(l);
                } else if (e instanceof Integer n) {
                    p.packInt(n);
                } else {
                    p.packDouble((Double) e);
                }
            }
            assertEquals(why[i], assertThrows(ProtocolException.class, () -> reader.read(p.toByteArray())).getMessage());
        }
    }

    @Test
    void malformedFramesAreProtocolErrorsThatSayWhatIsWrong() throws IOException {
        assertEquals("unknown opcode 120", assertThrows(ProtocolException.class, () -> reader.read(raw(120, 1, 0, new int[0]))).getMessage());
        assertEquals("a frame is an array of 4 fields, not 3", assertThrows(ProtocolException.class, () -> reader.read(raw(3, 1, 0))).getMessage());
        assertTrue(assertThrows(ProtocolException.class, () -> reader.read(new byte[]{(byte) 0xc1})).getMessage().startsWith("malformed frame"));
        byte[] ok = raw(3, 1, 0, new int[0]);
        byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 1);
        assertEquals("trailing bytes after the frame's four fields", assertThrows(ProtocolException.class, () -> reader.read(trailing)).getMessage());
    }

    @Test
    void unknownTagsUndefinedShapesAndTooDeepArraysAreRefused() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(3).packLong(1).packLong(0).packArrayHeader(3);
        p.packArrayHeader(2).packInt(42).packInt(0);
        p.packArrayHeader(3).packInt(1).packLong(1).packInt(7);
        p.packArrayHeader(1).packInt(6);
        assertEquals("unknown value tag 42", assertThrows(ProtocolException.class, () -> reader.read(p.toByteArray())).getMessage());

        MessageBufferPacker q = MessagePack.newDefaultBufferPacker();
        q.packArrayHeader(4).packInt(3).packLong(1).packLong(0).packArrayHeader(1);
        q.packArrayHeader(3).packInt(1).packLong(1).packInt(7);
        assertEquals("unknown shape 7", assertThrows(ProtocolException.class, () -> reader.read(q.toByteArray())).getMessage());

        MessageBufferPacker deep = MessagePack.newDefaultBufferPacker();
        deep.packArrayHeader(4).packInt(3).packLong(1).packLong(0).packArrayHeader(1);
        for (int i = 0; i < 10; i++) {
            deep.packArrayHeader(2).packInt(8);
        }
        deep.packInt(1);
        assertEquals("values nested deeper than 8", assertThrows(ProtocolException.class, () -> reader.read(deep.toByteArray())).getMessage(),
                        "ARRAY values nest, but no deeper than the limit");

        MessageBufferPacker retired = MessagePack.newDefaultBufferPacker();
        retired.packArrayHeader(4).packInt(3).packLong(1).packLong(0).packArrayHeader(1);
        retired.packArrayHeader(2).packInt(6).packString("name");
        assertEquals("unknown value tag 6", assertThrows(ProtocolException.class, () -> reader.read(retired.toByteArray())).getMessage(),
                        "tag 6 is retired: names travel as ARRAY");
    }

    @Test
    void framesCarryRequestIdsAndTargets() throws IOException {
        Frame f = roundTrip(Opcode.INVOKE_MEMBER, 123456789L, 77, "foo", 1);
        assertEquals(Opcode.INVOKE_MEMBER, f.opcode());
        assertEquals(123456789L, f.requestId());
        assertEquals(77, f.target());
        assertArrayEquals(new Object[]{"foo", 1}, f.values());
        assertInstanceOf(Frame.class, f);
    }
}
