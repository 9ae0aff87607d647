package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteOrder;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** The interop kinds beyond members and calls, through the polyglot Value API, against a JS server process. */
class InteropSurfaceTest extends SvcJavaClient {

    private long roundTrips() {
        return Yonder.roundTrips(context, server.url());
    }

    private long bytesReceived() {
        return context.eval("yonder", server.url()).invokeMember("stats").getMember("bytesReceived").asLong();
    }

    @Test
    void buffersMoveOnlyTheBytesAsked() {
        Value buf = svc.getMember("buf");
        assertTrue(buf.hasBufferElements());
        assertTrue(buf.isBufferWritable());
        assertEquals(8, buf.getBufferSize());
        long rt = roundTrips();
        long bytes = bytesReceived();
        assertEquals(0x04030201, buf.readBufferInt(ByteOrder.LITTLE_ENDIAN, 0));
        assertEquals(1, roundTrips() - rt);
        assertTrue(bytesReceived() - bytes < 32, "an int read moves a few bytes, not the buffer: " + (bytesReceived() - bytes));
        assertEquals(0x0506070800000000L >>> 32, buf.readBufferInt(ByteOrder.BIG_ENDIAN, 4) & 0xffffffffL);
        buf.writeBufferShort(ByteOrder.BIG_ENDIAN, 2, (short) 0x0a0b);
        assertEquals(0x0a, svc.invokeMember("bufByte", 2).asInt());
        assertEquals(0x0b, buf.readBufferByte(3));
        byte[] all = new byte[8];
        buf.readBuffer(0, all, 0, 8);
        assertEquals(8, all[7]);
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> buf.readBufferLong(ByteOrder.BIG_ENDIAN, 4));
        assertTrue(outside.getMessage().contains("length 8 at byte offset 4"), outside.getMessage());
        buf.writeBufferShort(ByteOrder.BIG_ENDIAN, 2, (short) 0x0304);
    }

    @Test
    void functionsKnowTheirSourceLocation() {
        Value add = svc.getMember("add");
        SourceSection where = add.getSourceLocation();
        assertEquals("svc.js", where.getSource().getName());
        assertTrue(where.getStartLine() > 1, String.valueOf(where.getStartLine()));
        long rt = roundTrips();
        assertEquals(where.getStartLine(), add.getSourceLocation().getStartLine());
        assertEquals(rt, roundTrips(), "a source location is immutable and fetched once");
    }

    @Test
    void metaObjectsHaveNamesParentsAndInstanceChecks() {
        Value p3 = svc.getMember("Point3").newInstance(1, 2, 3);
        Value meta = p3.getMetaObject();
        assertEquals("Point3", meta.getMetaSimpleName());
        assertTrue(meta.isMetaInstance(p3));
        assertFalse(meta.isMetaInstance(svc));
        assertEquals(context.eval("js", "class A {}; class B extends A {}; B").hasMetaParents(), meta.hasMetaParents(), "as the owner answers for a local class");
        assertEquals("Point3", svc.getMember("Point3").getMetaSimpleName());
        Value list = svc.getMember("javaList");
        assertTrue(list.isMetaObject());
        assertEquals("java.util.ArrayList", list.getMetaQualifiedName());
        assertTrue(list.hasMetaParents());
        assertEquals("java.util.AbstractList", list.getMetaParents().getArrayElement(0).getMetaQualifiedName());
    }

    @Test
    void hashesReadWriteAndIterate() {
        Value table = svc.getMember("table");
        assertTrue(table.hasHashEntries());
        assertEquals(1000, table.getHashSize());
        assertEquals(7, table.getHashValue("k7").asInt());
        table.putHashEntry("extra", 5);
        assertTrue(table.hasHashEntry("extra"));
        assertTrue(table.removeHashEntry("extra"));
        long rt = roundTrips();
        Value it = table.getHashKeysIterator();
        int n = 0;
        while (it.hasIteratorNextElement()) {
            it.getIteratorNextElement();
            n++;
        }
        assertEquals(1000, n);
        assertEquals(1, roundTrips() - rt, "one snapshot for the whole iteration");
    }

    @Test
    void exceptionsKeepTypeCauseAndFramesAfterTheCallReturned() {
        PolyglotException syntax = assertThrows(PolyglotException.class, () -> svc.invokeMember("parse", "1 +"));
        assertTrue(syntax.isSyntaxError() || syntax.getMessage().contains("SyntaxError"), syntax.getMessage());
        PolyglotException caused = assertThrows(PolyglotException.class, () -> svc.invokeMember("failWithCause", "outer"));
        assertEquals("Error: outer", caused.getMessage());
        assertEquals("root cause", caused.getGuestObject().getMember("cause").getMember("message").asString());
        Value frames = context.eval("yonder", "stackOf").execute(caused.getGuestObject());
        assertTrue(frames.toString().contains("failWithCause (svc.js:"), frames.toString());
    }

    @Test
    void bigIntegersCrossByValueAndDatesAsFacetsOfTheirObject() {
        assertEquals(BigInteger.TWO.pow(70), svc.getMember("big").asBigInteger());
        assertTrue(svc.getMember("when").isDate());
        assertTrue(svc.getMember("when").isTimeZone());
    }

    @Test
    void displayStringsAndIdentity() {
        assertTrue(svc.getMember("items").toString().contains("1"), svc.getMember("items").toString());
        Value a = svc.getMember("items");
        Value b = svc.getMember("items");
        assertEquals(a, b, "the same remote object is one proxy");
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(svc.getMember("frozen")));
    }
}
