package org.yonder.objspace.marshal;

import org.yonder.objspace.wire.Tag;

import java.util.ArrayList;
import java.util.List;

import org.yonder.objspace.PathCounters;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * An array that cannot change, copied whole: a frozen JS array or Python tuple of by-value elements, member and root
 * names, the [key, value] entries of a hash snapshot. Reads are local.
 * <p>
 * The elements are kept in the narrowest storage that holds them all: {@code int[]}, {@code double[]} or
 * {@code Object[]}. Element reads specialize on that storage, so a compiled loop over a downloaded array of numbers
 * reads a primitive array with no boxing and no type checks on the elements.
 */
@ExportLibrary(InteropLibrary.class)
public final class ImmutableArray implements TruffleObject {
    /** {@code int[]}, {@code double[]} or {@code Object[]}; never changes, and neither do its elements. */
    final Object storage;
    /**
     * The wire tag it travels with: {@link Tag#ARRAY}, or the Python kind the owner's value was ({@link Tag#TUPLE},
     * {@link Tag#BYTES}, {@link Tag#FROZENSET}), which a Python receiver makes again.
     */
    private final int tag;
    /** A Python range's start, stop and step (tag {@link Tag#RANGE}); null otherwise. */
    private final long[] range;

    public ImmutableArray(Object[] elements) {
        this(elements, Tag.ARRAY);
    }

    public ImmutableArray(Object[] elements, boolean tuple) {
        this(elements, tuple ? Tag.TUPLE : Tag.ARRAY);
    }

    public ImmutableArray(Object[] elements, int tag) {
        this.storage = narrow(elements);
        this.tag = tag;
        this.range = null;
    }

    /** A Python range: its elements, and its start, stop and step, which a Python receiver makes it of again. */
    public ImmutableArray(Object[] elements, long start, long stop, long step) {
        this.storage = narrow(elements);
        this.tag = Tag.RANGE;
        this.range = new long[]{start, stop, step};
    }

    /** A range's start, stop and step (a copy), or null. */
    public long[] rangeArguments() {
        return range == null ? null : range.clone();
    }

    public boolean isTuple() {
        return tag == Tag.TUPLE;
    }

    /** The wire tag: ARRAY, TUPLE, BYTES, FROZENSET or RANGE. */
    public int tag() {
        return tag;
    }

    /** Whether it was one of Python's immutable kinds (a tuple, bytes, a frozenset), which a Python receiver remakes. */
    public boolean isPythonKind() {
        return tag != Tag.ARRAY;
    }

    private static Object narrow(Object[] elements) {
        if (elements.length == 0 || elements.getClass() != Object[].class) {
            // Exactly Object[] (a String[] would fail the exact casts of the compiled reads).
            return java.util.Arrays.copyOf(elements, elements.length, Object[].class);
        }
        boolean ints = true;
        boolean doubles = true;
        for (Object e : elements) {
            ints &= e instanceof Integer;
            doubles &= e instanceof Double;
        }
        if (ints) {
            int[] a = new int[elements.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = (Integer) elements[i];
            }
            return a;
        }
        if (doubles) {
            double[] a = new double[elements.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = (Double) elements[i];
            }
            return a;
        }
        return elements;
    }

    /** An immutable list of strings: member names, root names, stack frames. */
    public static ImmutableArray ofStrings(String[] strings) {
        return new ImmutableArray(java.util.Arrays.copyOf(strings, strings.length, Object[].class));
    }

    public int size() {
        return switch (storage) {
            case int[] a -> a.length;
            case double[] a -> a.length;
            default -> ((Object[]) storage).length;
        };
    }

    /** Element {@code i}, boxed; for the marshaller and display, not for compiled reads. */
    public Object get(int i) {
        return switch (storage) {
            case int[] a -> a[i];
            case double[] a -> a[i];
            default -> ((Object[]) storage)[i];
        };
    }

    /** The elements as strings, or null when one is not a string. */
    public List<String> strings() {
        if (!(storage instanceof Object[] elements)) {
            return null;
        }
        List<String> out = new ArrayList<>(elements.length);
        for (Object e : elements) {
            if (!(e instanceof String str)) {
                return null;
            }
            out.add(str);
        }
        return out;
    }

    static boolean isInts(ImmutableArray array) {
        return array.storage instanceof int[];
    }

    static boolean isDoubles(ImmutableArray array) {
        return array.storage instanceof double[];
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    static final class GetArraySize {
        @Specialization(guards = "isInts(array)")
        static long ints(ImmutableArray array) {
            return CompilerDirectives.castExact(array.storage, int[].class).length;
        }

        @Specialization(guards = "isDoubles(array)")
        static long doubles(ImmutableArray array) {
            return CompilerDirectives.castExact(array.storage, double[].class).length;
        }

        @Specialization(guards = {"!isInts(array)", "!isDoubles(array)"})
        static long objects(ImmutableArray array) {
            return CompilerDirectives.castExact(array.storage, Object[].class).length;
        }
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < size();
    }

    @ExportMessage
    static final class ReadArrayElement {
        @Specialization(guards = "isInts(array)")
        static int ints(ImmutableArray array, long index) throws InvalidArrayIndexException {
            int[] a = CompilerDirectives.castExact(array.storage, int[].class);
            if (Long.compareUnsigned(index, a.length) >= 0) {
                throw outOfBounds(index);
            }
            PathCounters.localRead();
            return a[(int) index];
        }

        @Specialization(guards = "isDoubles(array)")
        static double doubles(ImmutableArray array, long index) throws InvalidArrayIndexException {
            double[] a = CompilerDirectives.castExact(array.storage, double[].class);
            if (Long.compareUnsigned(index, a.length) >= 0) {
                throw outOfBounds(index);
            }
            PathCounters.localRead();
            return a[(int) index];
        }

        @Specialization(guards = {"!isInts(array)", "!isDoubles(array)"})
        static Object objects(ImmutableArray array, long index) throws InvalidArrayIndexException {
            Object[] a = CompilerDirectives.castExact(array.storage, Object[].class);
            if (Long.compareUnsigned(index, a.length) >= 0) {
                throw outOfBounds(index);
            }
            PathCounters.localRead();
            return a[(int) index];
        }

        private static InvalidArrayIndexException outOfBounds(long index) {
            CompilerDirectives.transferToInterpreter();
            return InvalidArrayIndexException.create(index);
        }
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(InteropLibrary.getUncached().toDisplayString(get(i), allowSideEffects));
        }
        return sb.append(']').toString();
    }
}
