package org.yonder.objspace.marshal;

import java.util.ArrayList;
import java.util.List;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * An array that cannot change, copied whole: a frozen JS array or Python tuple of by-value elements, member and root
 * names, the [key, value] entries of a hash snapshot. Reads are local.
 */
@ExportLibrary(InteropLibrary.class)
public final class ImmutableArray implements TruffleObject {
    final Object[] elements;

    public ImmutableArray(Object[] elements) {
        this.elements = elements;
    }

    /** An immutable list of strings: member names, root names, stack frames. */
    public static ImmutableArray ofStrings(String[] strings) {
        return new ImmutableArray(strings.clone());
    }

    /** The elements as strings, or null when one is not a string. */
    public List<String> strings() {
        List<String> out = new ArrayList<>(elements.length);
        for (Object e : elements) {
            if (!(e instanceof String str)) {
                return null;
            }
            out.add(str);
        }
        return out;
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return elements.length;
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < elements.length;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return elements[(int) index];
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < elements.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(InteropLibrary.getUncached().toDisplayString(elements[i], allowSideEffects));
        }
        return sb.append(']').toString();
    }
}
