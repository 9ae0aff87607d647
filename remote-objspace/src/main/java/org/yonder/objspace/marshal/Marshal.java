package org.yonder.objspace.marshal;

import java.util.ArrayList;
import java.util.List;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.TruffleStackTrace;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import com.oracle.truffle.api.strings.TruffleString;

import org.yonder.objspace.local.ExportTable;
import org.yonder.objspace.wire.Tag;

/**
 * The copy rule, our version of the seed's "exact rules of copying": null, and values that are a boolean, number,
 * string, date, time, zone or duration and nothing else, are copied; so are small immutable arrays of such values that
 * are not Java host objects. Everything else is exported by reference with its shape, including objects that also are
 * a number or a date (a Java BigInteger, a JS Date): their facets are read through the reference. A proxy travelling back to
 * its owner becomes a HOME reference and unwraps to the original there. Runs on a thread entered in the value's
 * context, outside the session's send lock (it asks the value interop questions).
 */
public final class Marshal {
    private Marshal() {
    }

    /** Largest argument array whose elements travel with its reference, as a call-scoped snapshot. */
    static final int MAX_ARGUMENT_SNAPSHOT = 64;

    /**
     * As {@link #toWire}, for an argument of a request: a small array of by-value elements that goes by reference
     * (so the callee can still change it) also carries a snapshot of its elements. The caller is blocked until the
     * answer, so the callee may read the snapshot instead of calling back for each element, until it sends a
     * request that may change state or serves a callback (see RemoteObject.activateArgumentSnapshot).
     */
    @TruffleBoundary
    public static Object argumentToWire(Object value, Object session, ExportTable exports) {
        Object wire = toWire(value, session, exports);
        if (wire instanceof WireRef ref && ref.shape().has(Shape.ARRAY) && ref.exception() == null && !(value instanceof Proxy) && !exports.isHostObject(value)) {
            try {
                Object[] elements = smallCopy(value, InteropLibrary.getUncached(value));
                if (elements != null) {
                    return ref.withElements(elements);
                }
            } catch (InteropException e) {
                // No snapshot then.
            }
        }
        return wire;
    }

    private static Object[] smallCopy(Object array, InteropLibrary interop) throws InteropException {
        long size = interop.getArraySize(array);
        if (size == 0 || size > MAX_ARGUMENT_SNAPSHOT) {
            return null;
        }
        Object[] copy = new Object[(int) size];
        for (int i = 0; i < copy.length; i++) {
            Object wire = copyOf(interop.readArrayElement(array, i));
            if (wire == NOT_COPIED || wire instanceof ImmutableArray) {
                return null;
            }
            copy[i] = wire;
        }
        return copy;
    }

    /** The Java primitives and strings that are their own wire form (or nearly); NOT_COPIED for anything else. */
    private static Object scalar(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Double d -> d;
            case String s -> s;
            case Byte b -> b;
            case Short s -> s;
            case Float f -> f;
            case Character c -> String.valueOf(c);
            case TruffleString ts -> ts.toJavaStringUncached();
            default -> NOT_COPIED;
        };
    }

    /** {@code value} as it goes in a request this side makes (its own arguments): by the copy rule. */
    @TruffleBoundary
    public static Object toWire(Object value, Object session, ExportTable exports) {
        return toWire(value, session, exports, false);
    }

    /**
     * {@code value} as it goes in an answer to the peer's request: by the copy rule, and a value the exposure rule
     * keeps from peers ({@link ExportTable#refusal}) fails with {@link NotExposed} instead of being exported. A side's
     * own requests are not checked: what its code passes as arguments it gives on purpose.
     */
    @TruffleBoundary
    public static Object answerToWire(Object value, Object session, ExportTable exports) {
        return toWire(value, session, exports, true);
    }

    private static Object toWire(Object value, Object session, ExportTable exports, boolean answer) {
        if (value == null) {
            return null;
        }
        Object scalar = scalar(value);
        if (scalar != NOT_COPIED) {
            return scalar;
        }
        switch (value) {
            case YonderNull n:
                return null;
            case YonderUndefined u:
                return u;
            case TimeValue t:
                return t;
            case ImmutableArray array: {
                Object[] elements = new Object[array.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = toWire(array.get(i), session, exports, answer);
                }
                return array.isPythonKind() ? new ImmutableArray(elements, array.tag()) : elements;
            }
            case Absent absent:
                return absent;
            case Keywords keywords: {
                List<Object> values = new ArrayList<>(keywords.values().size());
                for (Object v : keywords.values()) {
                    values.add(toWire(v, session, exports, answer));
                }
                return new Keywords(keywords.names(), values);
            }
            case byte[] bytes:
                return bytes;
            case BigIntegerValue big:
                return big.isBigInt() ? big : big.value;
            case org.yonder.objspace.local.Cacheables.Source cacheable:
                return replicaToWire(cacheable, session, exports, answer);
            case org.yonder.objspace.local.Cacheables.Fresh fresh: {
                // The client has this state stored: its reference and version only (and it gets the updates).
                org.yonder.objspace.local.Cacheables.Snapshot state = fresh.entry().snapshot(session instanceof org.yonder.objspace.local.Cacheables.Subscriber s ? s : null);
                long id = exports.export(fresh.entry());
                WireRef ref = new WireRef(id, shapeOf(fresh.entry(), InteropLibrary.getUncached(fresh.entry())), null, null, exports.originOf(fresh.entry(), null));
                return new WireReplica(ref, state.incarnation(), state.counter(), state.array(), new Object[0], state.key(), null);
            }
            case Proxy proxy when proxy.owner() == session:
                return new WireHome(proxy.id());
            case Proxy proxy: {
                long id = exports.export(value);
                return new WireRef(id, proxy.shape(), proxy.exceptionInfo(), null, exports.originOf(value, proxy.origin()));
            }
            default: {
                Object original = exports.original(value);
                if (original != value) {
                    return toWire(original, session, exports, answer);
                }
                NewMultiplexed born = exports.leafInstance(value);
                if (born != null) {
                    // An instance of a leaf class: the receiver makes it a multiplexed object of its own.
                    Object[] items = born.items().clone();
                    for (int i = 1; i < items.length; i += 2) {
                        items[i] = toWire(items[i], session, exports, answer);
                    }
                    return new NewMultiplexed(born.tag(), items);
                }
                return copyOrExport(value, exports, answer);
            }
        }
    }

    /**
     * A value as it goes on the wire when it goes by copy with no reference at all (a scalar, a string, a date or
     * time, bytes, an immutable array of such); else {@link #isNotCopied}. Exports nothing: what a shout over a
     * message backbone may carry (docs/multiplex-nats.md), where no session can hold a reference.
     */
    public static Object copyOnly(Object value) {
        if (value == null || value instanceof YonderNull) {
            return null;
        }
        Object scalar = scalar(value);
        if (scalar != NOT_COPIED) {
            return scalar;
        }
        switch (value) {
            case YonderUndefined u:
                return u;
            case TimeValue t:
                return t;
            case byte[] bytes:
                return bytes;
            case BigIntegerValue big:
                return big.isBigInt() ? big : big.value;
            case ImmutableArray array: {
                if (array.rangeArguments() != null) {
                    return array;   // a Python range: its arguments
                }
                Object[] elements = new Object[array.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = copyOnly(array.get(i));
                    if (elements[i] == NOT_COPIED) {
                        return NOT_COPIED;
                    }
                }
                return array.isPythonKind() ? new ImmutableArray(elements, array.tag()) : elements;
            }
            case Proxy proxy:
                return NOT_COPIED;
            case org.yonder.objspace.local.Cacheables.Source cacheable:
                return NOT_COPIED;
            default: {
                InteropLibrary interop = InteropLibrary.getUncached(value);
                try {
                    if (interop.isNull(value)) {
                        return isUndefined(value, interop) ? YonderUndefined.INSTANCE : null;
                    }
                    Shape shape = shapeOf(value, interop);
                    return !shape.has(Shape.OBJECT_TRAITS) || isPythonPrimitive(shape) ? primitiveOrTime(value, interop) : NOT_COPIED;
                } catch (InteropException e) {
                    return NOT_COPIED;
                }
            }
        }
    }

    /**
     * A cacheable object: its reference and its state, each member or element by the copy rule (nested cacheables
     * the same way). The session that sends it subscribes to its updates.
     */
    private static Object replicaToWire(org.yonder.objspace.local.Cacheables.Source cacheable, Object session, ExportTable exports, boolean answer) {
        long id = exports.export(cacheable);   // first: an update or a shout that follows the snapshot finds the export
        org.yonder.objspace.local.Cacheables.Snapshot state = cacheable.snapshot(session instanceof org.yonder.objspace.local.Cacheables.Subscriber s ? s : null);
        Object[] items = state.items().clone();
        for (int i = 0; i < items.length; i++) {
            items[i] = !state.array() && i % 2 == 0 ? items[i] : toWire(items[i], session, exports, answer);
        }
        WireRef ref = new WireRef(id, shapeOf(cacheable, InteropLibrary.getUncached(cacheable)), null, null, exports.originOf(cacheable, null));
        return new WireReplica(ref, state.incarnation(), state.counter(), state.array(), items, state.key(), state.digest(), state.tag(), state.seq(), state.channel());
    }

    /** The items of an update as they go to {@code session}: values by the copy rule, names as they are. */
    public static Object[] updateToWire(org.yonder.objspace.local.Cacheables.Source cacheable, Object[] items, Object session, ExportTable exports) {
        Object[] wire = new Object[items.length];
        for (int i = 0; i < items.length; i++) {
            wire[i] = !cacheable.isArray() && i % 2 == 0 || items[i] instanceof Absent ? items[i] : toWire(items[i], session, exports, false);
        }
        return wire;
    }

    private static Object copyOrExport(Object value, ExportTable exports, boolean answer) {
        InteropLibrary interop = InteropLibrary.getUncached(value);
        Shape shape = shapeOf(value, interop);
        try {
            if (interop.isNull(value)) {
                return isUndefined(value, interop) ? YonderUndefined.INSTANCE : null;
            }
            if (!shape.has(Shape.OBJECT_TRAITS) || isPythonPrimitive(shape)) {
                Object copy = primitiveOrTime(value, interop);
                if (copy != NOT_COPIED) {
                    return copy;
                }
            } else if (shape.has(Shape.ARRAY) && !exports.isHostObject(value) && (!shape.has(Shape.BUFFER) || isPython(shape, "bytes", value, exports)) &&
                            !isPythonSubclassOfTuple(shape, value, exports)) {
                Object[] copy = immutableCopy(value, interop, exports, new int[]{MAX_COPIED_ARRAY}, 0);
                if (copy != null) {
                    return switch (shape.metaSimpleName() == null ? "" : shape.metaSimpleName()) {
                        case "tuple" -> new ImmutableArray(copy, Tag.TUPLE);
                        case "bytes" -> isPython(shape, "bytes", value, exports) ? new ImmutableArray(copy, Tag.BYTES) : copy;
                        case "range" -> isPython(shape, "range", value, exports) ? rangeOf(value, interop, copy) : copy;
                        default -> copy;
                    };
                }
            } else if (isPython(shape, "frozenset", value, exports) && shape.has(Shape.ITERABLE)) {
                Object[] copy = iteratedCopy(value, interop, exports);
                if (copy != null) {
                    return new ImmutableArray(copy, Tag.FROZENSET);
                }
            }
        } catch (InteropException e) {
            // The value broke its own interop contract; send it by reference instead.
        }
        if (isData(value, interop, shape, exports)) {
            shape = shape.with(Shape.DATA);
        }
        long languageTraits = exports.languageTraits(value);
        if (languageTraits != 0) {
            shape = shape.with(languageTraits);
        }
        shape = exports.withVariant(shape, value, interop);
        if (shape.has(Shape.JS) && shape.has(Shape.MEMBERS) && !shape.has(Shape.DATA | Shape.FROZEN | Shape.OBJECT_TRAITS & ~Shape.MEMBERS & ~Shape.ITERABLE) &&
                        ("Object".equals(shape.metaSimpleName()) || shape.has(Shape.JS_NULL_PROTO))) {
            java.util.List<String> methods = exposedOnly(exports.methodNames(value), value, interop, exports);
            if (methods != null && !methods.isEmpty()) {
                shape = shape.withMethods(methods);
            }
        }
        String refused = answer ? exports.refusal(value) : null;
        if (refused != null) {
            throw new NotExposed(refused);
        }
        ExceptionInfo exception = shape.has(Shape.EXCEPTION) ? exceptionInfo(value, interop) : null;
        long id = exports.export(value);
        return new WireRef(id, shape, exception, null, exports.originOf(value, null));
    }

    /**
     * A Python {@code int} (or {@code bool}) that is an object with members to interop (beyond 64 bits, GraalPy hands
     * out its own int object), yet immutable: copied by value like a small one.
     */
    /**
     * A Python {@code int} or {@code str} that GraalPy keeps as an object (a big int; a string made by
     * {@code sys.intern}, as a namedtuple's field names are), which interop also shows as a sequence: copied as the
     * number or string it is. A subclass of either has a class name of its own and goes by reference.
     */
    private static boolean isPythonPrimitive(Shape shape) {
        String name = shape.metaSimpleName();
        return shape.has(Shape.NUMBER) && "int".equals(name) && !shape.has(Shape.ARRAY | Shape.EXECUTABLE | Shape.HASH | Shape.ITERATOR) ||
                        shape.has(Shape.STRING) && "str".equals(name) && !shape.has(Shape.NUMBER | Shape.EXECUTABLE | Shape.HASH);
    }

    /**
     * A Python object of a class of its own that is immutable as a tuple is (a namedtuple): it goes by reference, so that
     * a Python receiver gets it with its class (its repr, its fields), not as a bare array.
     */
    private static boolean isPythonSubclassOfTuple(Shape shape, Object value, ExportTable exports) {
        String name = shape.metaSimpleName();
        return name != null && !name.equals("tuple") && !name.equals("bytes") && !name.equals("range") && (exports.languageTraits(value) & Shape.PYTHON) != 0;
    }

    /** Whether a value is an object of Python code of the built-in type {@code typeName} (bytes, frozenset). */
    /** A Python range's elements with its start, stop and step (when they fit in 64 bits, else its elements alone). */
    private static Object rangeOf(Object range, InteropLibrary interop, Object[] elements) throws InteropException {
        Object start = interop.readMember(range, "start");
        Object stop = interop.readMember(range, "stop");
        Object step = interop.readMember(range, "step");
        InteropLibrary n = InteropLibrary.getUncached();
        if (!n.fitsInLong(start) || !n.fitsInLong(stop) || !n.fitsInLong(step)) {
            return elements;
        }
        return new ImmutableArray(elements, n.asLong(start), n.asLong(stop), n.asLong(step));
    }

    private static boolean isPython(Shape shape, String typeName, Object value, ExportTable exports) {
        return typeName.equals(shape.metaSimpleName()) && (exports.languageTraits(value) & Shape.PYTHON) != 0;
    }

    /**
     * The elements of an immutable iterable (a Python frozenset), when there are at most MAX_COPIED_ARRAY of them and
     * all are by value (or immutable arrays of such); else null, and it goes by reference.
     */
    private static Object[] iteratedCopy(Object iterable, InteropLibrary interop, ExportTable exports) throws InteropException {
        Object iterator = interop.getIterator(iterable);
        InteropLibrary it = InteropLibrary.getUncached(iterator);
        java.util.List<Object> copy = new java.util.ArrayList<>();
        int[] budget = {MAX_COPIED_ARRAY};
        while (it.hasIteratorNextElement(iterator)) {
            if (--budget[0] < 0) {
                return null;
            }
            Object element = it.getIteratorNextElement(iterator);
            Object wire = copyOf(element);
            if (wire == NOT_COPIED) {
                wire = nestedCopy(element, exports, budget, 1);
            }
            if (wire == NOT_COPIED) {
                return null;
            }
            copy.add(wire);
        }
        return copy.toArray();
    }

    /** Whether a value sent by reference is a record (see {@link Shape#DATA}). */
    private static boolean isData(Object value, InteropLibrary interop, Shape shape, ExportTable exports) {
        if (!"Object".equals(shape.metaSimpleName()) || exports.isHostObject(value) ||
                        shape.has(Shape.EXECUTABLE | Shape.INSTANTIABLE | Shape.EXCEPTION | Shape.BUFFER | Shape.HASH | Shape.META_OBJECT | Shape.ARRAY)) {
            return false;
        }
        try {
            if (!interop.isMemberInsertable(value, "yonder: a member no object has")) {
                return false;   // frozen, sealed or not extensible: keep the owner's integrity level
            }
            Object keys = interop.getMembers(value);
            InteropLibrary keysInterop = InteropLibrary.getUncached(keys);
            long n = keysInterop.getArraySize(keys);
            if (n > Shape.MAX_DATA_MEMBERS) {
                return false;
            }
            for (long i = 0; i < n; i++) {
                String key = string(keysInterop.readArrayElement(keys, i));
                if (!interop.hasMemberReadSideEffects(value, key) && interop.isMemberInvocable(value, key)) {
                    return false;
                }
            }
            return true;
        } catch (InteropException e) {
            return false;
        }
    }

    /**
     * The by-value copy of a value that is a boolean, string, number, date, time, zone or duration and nothing else;
     * NOT_COPIED otherwise. Also answers READ_PRIMITIVE and READ_TIME for objects that have such a facet.
     */
    public static Object primitiveOrTime(Object value, InteropLibrary interop) throws InteropException {
        Object primitive = primitive(value, interop);
        return primitive != NOT_COPIED ? primitive : time(value, interop);
    }

    /** The boolean, string or number a value is, copied; NOT_COPIED if it is none of these. */
    public static Object primitive(Object value, InteropLibrary interop) throws InteropException {
        if (interop.isBoolean(value)) {
            return interop.asBoolean(value);
        }
        if (interop.isString(value)) {
            return interop.asString(value);
        }
        if (interop.isNumber(value)) {
            if (isBigInt(value, interop)) {
                return new BigIntegerValue(interop.asBigInteger(value), true);
            }
            if (interop.fitsInInt(value)) {
                return interop.asInt(value);
            } else if (interop.fitsInLong(value)) {
                return interop.asLong(value);
            } else if (interop.fitsInDouble(value)) {
                return interop.asDouble(value);
            } else if (interop.fitsInBigInteger(value)) {
                return interop.asBigInteger(value);
            }
        }
        return NOT_COPIED;
    }

    /** The JS undefined of this JVM, once seen (a singleton), so that later ones need no display string. */
    private static volatile Object knownUndefined;

    /** Whether a null is JS's undefined rather than a null: it is not copied as nil but as UNDEFINED. */
    private static boolean isUndefined(Object value, InteropLibrary interop) {
        if (value instanceof YonderUndefined) {
            return true;
        }
        Object known = knownUndefined;
        if (known != null) {
            return value == known;
        }
        Object display = interop.toDisplayString(value, false);
        if ("undefined".equals(InteropLibrary.getUncached(display).isString(display) ? asString(display) : null) && interop.hasLanguage(value)) {
            knownUndefined = value;
            return true;
        }
        return false;
    }

    /** Whether a guest number is a JS BigInt (a number whose meta-object is "bigint"), which keeps its kind on the wire. */
    private static boolean isBigInt(Object value, InteropLibrary interop) throws InteropException {
        if (!interop.fitsInBigInteger(value) || !interop.hasMetaObject(value)) {
            return false;
        }
        Object meta = interop.getMetaObject(value);
        return "bigint".equals(asString(InteropLibrary.getUncached(meta).getMetaSimpleName(meta)));
    }

    private static String asString(Object interopString) {
        try {
            return InteropLibrary.getUncached(interopString).asString(interopString);
        } catch (UnsupportedMessageException e) {
            return null;
        }
    }

    /** The date, time, zone and duration a value is, copied; NOT_COPIED if it is none of these. */
    public static Object time(Object value, InteropLibrary interop) throws InteropException {
        if (interop.isDuration(value)) {
            return new TimeValue(null, null, null, interop.asDuration(value));
        }
        boolean date = interop.isDate(value);
        boolean time = interop.isTime(value);
        boolean zone = interop.isTimeZone(value);
        if (date || time || zone) {
            return new TimeValue(date ? interop.asDate(value) : null, time ? interop.asTime(value) : null, zone ? interop.asTimeZone(value) : null, null);
        }
        return NOT_COPIED;
    }

    /** Whether {@link #primitive} or {@link #time} found nothing to copy. */
    public static boolean isNotCopied(Object copy) {
        return copy == NOT_COPIED;
    }

    /** Most elements an immutable array, nested ones included, may hold and still be copied rather than exported. */
    static final int MAX_COPIED_ARRAY = 1024;
    /** Deepest nesting of immutable arrays that is copied (a tuple of tuples, a frozen array of frozen arrays). */
    static final int MAX_COPIED_DEPTH = 8;

    /**
     * The elements of an array that cannot change (no element modifiable, insertable or removable, as a frozen JS
     * array or a Python tuple) and holds only by-value elements or such arrays, at most {@code budget[0]} elements
     * in all; null when the array must go by reference.
     */
    private static Object[] immutableCopy(Object array, InteropLibrary interop, ExportTable exports, int[] budget, int depth) throws InteropException {
        long size = interop.getArraySize(array);
        if (size > budget[0] || interop.isArrayElementInsertable(array, size) || interop.isExecutable(array) || interop.hasHashEntries(array)) {
            return null;
        }
        budget[0] -= (int) size;
        if (size > 0 && (interop.isArrayElementModifiable(array, 0) || interop.isArrayElementRemovable(array, 0))) {
            return null;
        }
        Object[] copy = new Object[(int) size];
        for (int i = 0; i < copy.length; i++) {
            Object element = interop.readArrayElement(array, i);
            Object wire = copyOf(element);
            if (wire == NOT_COPIED && depth < MAX_COPIED_DEPTH) {
                wire = nestedCopy(element, exports, budget, depth + 1);
            }
            if (wire == NOT_COPIED) {
                return null;
            }
            copy[i] = wire;
        }
        return copy;
    }

    private static final Object NOT_COPIED = new Object();

    /** An immutable array inside an immutable array, copied as an ImmutableArray (a tuple if it is one); or NOT_COPIED. */
    private static Object nestedCopy(Object element, ExportTable exports, int[] budget, int depth) throws InteropException {
        InteropLibrary interop = InteropLibrary.getUncached(element);
        if (!interop.hasArrayElements(element) || interop.hasBufferElements(element) || exports.isHostObject(element)) {
            return NOT_COPIED;
        }
        Object[] copy = immutableCopy(element, interop, exports, budget, depth);
        if (copy == null) {
            return NOT_COPIED;
        }
        boolean tuple = false;
        if (interop.hasMetaObject(element)) {
            Object meta = interop.getMetaObject(element);
            tuple = "tuple".equals(string(InteropLibrary.getUncached(meta).getMetaSimpleName(meta)));
        }
        return new ImmutableArray(copy, tuple);
    }

    /** The by-value form of a scalar (or a nested immutable array), or NOT_COPIED. */
    private static Object copyOf(Object value) throws InteropException {
        Object scalar = scalar(value);
        if (scalar != NOT_COPIED || value instanceof ImmutableArray) {
            return scalar != NOT_COPIED ? scalar : value;
        }
        InteropLibrary interop = InteropLibrary.getUncached(value);
        if (interop.isNull(value)) {
            return isUndefined(value, interop) ? YonderUndefined.INSTANCE : null;
        }
        if (interop.hasMembers(value)) {
            // An object, unless it is a Python str or int GraalPy keeps as one (an interned field name of a namedtuple):
            // read as an array, such a string would travel as its characters' codes.
            return isPythonPrimitive(shapeOf(value, interop)) ? primitive(value, interop) : NOT_COPIED;
        }
        return primitive(value, interop);
    }

    /** Asks a local value which interop traits it has; the answer travels as its shape. */
    public static Shape shapeOf(Object value, InteropLibrary interop) {
        int traits = 0;
        traits |= interop.hasMembers(value) ? Shape.MEMBERS : 0;
        traits |= interop.isExecutable(value) ? Shape.EXECUTABLE : 0;
        traits |= interop.isInstantiable(value) ? Shape.INSTANTIABLE : 0;
        traits |= interop.hasArrayElements(value) ? Shape.ARRAY : 0;
        traits |= interop.hasHashEntries(value) ? Shape.HASH : 0;
        traits |= interop.isIterator(value) ? Shape.ITERATOR : 0;
        traits |= interop.hasIterator(value) ? Shape.ITERABLE : 0;
        traits |= interop.isException(value) ? Shape.EXCEPTION : 0;
        traits |= interop.hasExecutableName(value) ? Shape.EXECUTABLE_NAME : 0;
        traits |= interop.hasSourceLocation(value) ? Shape.SOURCE_LOCATION : 0;
        traits |= interop.hasMetaParents(value) ? Shape.META_PARENTS : 0;
        traits |= interop.isNumber(value) ? Shape.NUMBER : 0;
        traits |= interop.isString(value) ? Shape.STRING : 0;
        traits |= interop.isBoolean(value) ? Shape.BOOLEAN : 0;
        traits |= interop.isDate(value) ? Shape.DATE : 0;
        traits |= interop.isTime(value) ? Shape.TIME : 0;
        traits |= interop.isTimeZone(value) ? Shape.TIME_ZONE : 0;
        traits |= interop.isDuration(value) ? Shape.DURATION : 0;
        if (interop.hasBufferElements(value)) {
            traits |= Shape.BUFFER;
            try {
                traits |= interop.isBufferWritable(value) ? Shape.BUFFER_WRITABLE : 0;
            } catch (UnsupportedMessageException e) {
                // Read-only then.
            }
        }
        String metaQualified = null;
        String metaSimple = null;
        if (interop.hasMetaObject(value)) {
            traits |= Shape.HAS_META_OBJECT;
            try {
                Object meta = interop.getMetaObject(value);
                InteropLibrary metaInterop = InteropLibrary.getUncached(meta);
                metaQualified = string(metaInterop.getMetaQualifiedName(meta));
                metaSimple = string(metaInterop.getMetaSimpleName(meta));
            } catch (UnsupportedMessageException e) {
                traits &= ~Shape.HAS_META_OBJECT;
            }
        }
        String ownQualified = null;
        String ownSimple = null;
        if (interop.isMetaObject(value)) {
            try {
                ownQualified = string(interop.getMetaQualifiedName(value));
                ownSimple = string(interop.getMetaSimpleName(value));
                traits |= Shape.META_OBJECT;
            } catch (UnsupportedMessageException e) {
                // Not a usable meta-object after all.
            }
        }
        return new Shape(traits, metaQualified, metaSimple, ownQualified, ownSimple);
    }

    /** The immutable facts of a local exception: message, type, exit status and the owner's stack frames. */
    public static ExceptionInfo exceptionInfo(Object exception, InteropLibrary interop) {
        String message = null;
        String type = ExceptionType.RUNTIME_ERROR.name();
        int exitStatus = 0;
        List<ExceptionInfo.StackFrame> frames = new ArrayList<>();
        boolean hasCause = interop.hasExceptionCause(exception);
        try {
            if (interop.hasExceptionMessage(exception)) {
                message = string(interop.getExceptionMessage(exception));
            }
            ExceptionType t = interop.getExceptionType(exception);
            type = t.name();
            if (t == ExceptionType.EXIT) {
                exitStatus = interop.getExceptionExitStatus(exception);
            }
            if (interop.hasExceptionStackTrace(exception)) {
                Object trace = interop.getExceptionStackTrace(exception);
                InteropLibrary traceInterop = InteropLibrary.getUncached(trace);
                long n = traceInterop.getArraySize(trace);
                for (long i = 0; i < n && i < 1024; i++) {
                    frames.add(frameOf(traceInterop.readArrayElement(trace, i)));
                }
            }
        } catch (InteropException e) {
            // Keep what was read so far.
        }
        if (frames.isEmpty() && exception instanceof Throwable t) {
            truffleFrames(t, frames);
        }
        return new ExceptionInfo(message, type, exitStatus, List.copyOf(frames), hasCause);
    }

    /**
     * The guest frames of a Truffle exception, from its Truffle stack trace: for languages whose exception objects
     * give no interop stack trace (GraalPy's), so that their frames still travel.
     */
    private static void truffleFrames(Throwable t, List<ExceptionInfo.StackFrame> frames) {
        for (TruffleStackTraceElement element : TruffleStackTrace.getStackTrace(t)) {
            RootNode root = element.getTarget().getRootNode();
            if (root.isInternal() || frames.size() >= 1024) {
                continue;
            }
            Node location = element.getLocation();
            SourceSection section = location != null ? location.getEncapsulatingSourceSection() : null;
            if (section == null) {
                section = root.getSourceSection();
            }
            boolean lines = section != null && section.isAvailable() && section.hasLines();
            frames.add(new ExceptionInfo.StackFrame(root.getName(), section == null ? null : section.getSource().getName(), lines ? section.getStartLine() : 0,
                            lines && section.hasColumns() ? section.getStartColumn() : 0));
        }
    }

    private static ExceptionInfo.StackFrame frameOf(Object frame) throws UnsupportedMessageException {
        InteropLibrary interop = InteropLibrary.getUncached(frame);
        String name = interop.hasExecutableName(frame) ? string(interop.getExecutableName(frame)) : null;
        String source = null;
        int line = 0;
        int column = 0;
        if (interop.hasSourceLocation(frame)) {
            SourceSection section = interop.getSourceLocation(frame);
            source = section.getSource().getName();
            if (section.isAvailable() && section.hasLines()) {
                line = section.getStartLine();
                column = section.hasColumns() ? section.getStartColumn() : 0;
            }
        }
        return new ExceptionInfo.StackFrame(name, source, line, column);
    }

    private static String string(Object interopString) throws UnsupportedMessageException {
        return InteropLibrary.getUncached(interopString).asString(interopString);
    }

    /** The method names whose functions the exposure rule lets peers have (a member holding eval looks absent). */
    private static List<String> exposedOnly(List<String> methods, Object value, InteropLibrary interop, ExportTable exports) {
        if (methods == null) {
            return null;
        }
        List<String> exposed = null;
        for (int i = 0; i < methods.size(); i++) {
            boolean refused;
            try {
                refused = exports.refusal(interop.readMember(value, methods.get(i))) != null;
            } catch (InteropException | RuntimeException e) {
                refused = false;   // left to the call, which fails as it would have
            }
            if (refused && exposed == null) {
                exposed = new ArrayList<>(methods.subList(0, i));
            } else if (!refused && exposed != null) {
                exposed.add(methods.get(i));
            }
        }
        return exposed == null ? methods : exposed;
    }

}
