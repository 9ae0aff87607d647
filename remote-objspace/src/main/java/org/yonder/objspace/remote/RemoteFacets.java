package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.marshal.YonderNull;
import org.yonder.objspace.wire.Opcode;

/**
 * The facets of {@link RemoteObject}: an object that is also a number, string or boolean (fetched once, in
 * READ_PRIMITIVE), or a date, time, zone or duration (asked each time, in READ_TIME). The answer is a local value,
 * asked the message through uncached interop. The exports that forward here are boundaries themselves.
 */
final class RemoteFacets {
    private static final InteropLibrary LOCAL = InteropLibrary.getUncached();

    /** Stands for "the owner has no primitive facet"; fails every fitsIn/as message. */
    private static final Object NO_PRIMITIVE = YonderNull.INSTANCE;

    private RemoteFacets() {
    }

    /** The number, string or boolean this object also is: immutable in practice (a BigInteger), fetched once. */
    @TruffleBoundary
    private static Object primitive(RemoteObject o, Node node) {
        Object p = o.primitiveValue;
        if (p == null) {
            try {
                p = o.call(node, Opcode.READ_PRIMITIVE);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // The owner says it has no such facet after all: answer as a value without one.
                p = NO_PRIMITIVE;
            }
            o.primitiveValue = p;
        }
        return p;
    }

    /** The date, time, zone or duration this object also is, asked each time: a JS Date can change. */
    @TruffleBoundary
    private static Object time(RemoteObject o, Node node) {
        return o.call(node, Opcode.READ_TIME);
    }

    /** The facet {@code trait} stands for, for an as message. */
    private static Object primitive(RemoteObject o, int trait, Node node) throws UnsupportedMessageException {
        o.require(trait);
        return primitive(o, node);
    }

    private static Object time(RemoteObject o, int trait, Node node) throws UnsupportedMessageException {
        o.require(trait);
        return time(o, node);
    }

    static boolean fitsInByte(RemoteObject o, Node node) {
        return o.shape.has(Shape.NUMBER) && LOCAL.fitsInByte(primitive(o, node));
    }

    static boolean fitsInShort(RemoteObject o, Node node) {
        return o.shape.has(Shape.NUMBER) && LOCAL.fitsInShort(primitive(o, node));
    }

    static boolean fitsInInt(RemoteObject o, Node node) {
        return o.shape.has(Shape.NUMBER) && LOCAL.fitsInInt(primitive(o, node));
    }

    static boolean fitsInLong(RemoteObject o, Node node) {
        return o.shape.has(Shape.NUMBER) && LOCAL.fitsInLong(primitive(o, node));
    }

    static boolean fitsInBigInteger(RemoteObject o, Node node) {
        return o.shape.has(Shape.NUMBER) && LOCAL.fitsInBigInteger(primitive(o, node));
    }

    static boolean fitsInFloat(RemoteObject o, Node node) {
        return o.shape.has(Shape.NUMBER) && LOCAL.fitsInFloat(primitive(o, node));
    }

    static boolean fitsInDouble(RemoteObject o, Node node) {
        return o.shape.has(Shape.NUMBER) && LOCAL.fitsInDouble(primitive(o, node));
    }

    static byte asByte(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asByte(primitive(o, Shape.NUMBER, node));
    }

    static short asShort(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asShort(primitive(o, Shape.NUMBER, node));
    }

    static int asInt(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asInt(primitive(o, Shape.NUMBER, node));
    }

    static long asLong(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asLong(primitive(o, Shape.NUMBER, node));
    }

    static java.math.BigInteger asBigInteger(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asBigInteger(primitive(o, Shape.NUMBER, node));
    }

    static float asFloat(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asFloat(primitive(o, Shape.NUMBER, node));
    }

    static double asDouble(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asDouble(primitive(o, Shape.NUMBER, node));
    }

    static String asString(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asString(primitive(o, Shape.STRING, node));
    }

    static boolean asBoolean(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asBoolean(primitive(o, Shape.BOOLEAN, node));
    }

    static java.time.LocalDate asDate(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asDate(time(o, Shape.DATE, node));
    }

    static java.time.LocalTime asTime(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asTime(time(o, Shape.TIME, node));
    }

    static java.time.ZoneId asTimeZone(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asTimeZone(time(o, Shape.TIME_ZONE, node));
    }

    /** An instant needs all three of date, time and zone. */
    static java.time.Instant asInstant(RemoteObject o, Node node) throws UnsupportedMessageException {
        if (!(o.shape.has(Shape.DATE) && o.shape.has(Shape.TIME) && o.shape.has(Shape.TIME_ZONE))) {
            throw UnsupportedMessageException.create();
        }
        return LOCAL.asInstant(time(o, node));
    }

    static java.time.Duration asDuration(RemoteObject o, Node node) throws UnsupportedMessageException {
        return LOCAL.asDuration(time(o, Shape.DURATION, node));
    }
}
