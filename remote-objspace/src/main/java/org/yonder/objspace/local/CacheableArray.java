package org.yonder.objspace.local;

import java.util.List;
import java.util.function.Predicate;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A cacheable array, as its owner holds it: elements it reads, writes, appends ({@code push}) and removes natively,
 * each write its write barrier ({@link Cacheables}). An update of an array carries all its elements.
 */
@ExportLibrary(InteropLibrary.class)
public final class CacheableArray extends Cacheables.Entry implements TruffleObject {
    private final List<Object> elements;
    private final Predicate<Object> isHostObject;

    CacheableArray(Cacheables registry, List<Object> elements, Predicate<Object> isHostObject) {
        super(registry);
        this.elements = elements;
        this.isHostObject = isHostObject;
    }

    @Override
    public boolean inState(String name) {
        return false;
    }

    @Override
    public boolean isArray() {
        return true;
    }

    @Override
    Object[] items(boolean all) {
        return elements.toArray();
    }

    @Override
    void clearChanges() {
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    long getArraySize() {
        synchronized (registry) {
            return elements.size();
        }
    }

    @ExportMessage
    @TruffleBoundary
    boolean isArrayElementReadable(long index) {
        synchronized (registry) {
            return index >= 0 && index < elements.size();
        }
    }

    @ExportMessage
    @TruffleBoundary
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        synchronized (registry) {
            if (index < 0 || index >= elements.size()) {
                throw InvalidArrayIndexException.create(index);
            }
            return elements.get((int) index);
        }
    }

    @ExportMessage
    boolean isArrayElementModifiable(long index) {
        return isArrayElementReadable(index);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isArrayElementInsertable(long index) {
        synchronized (registry) {
            return index == elements.size();
        }
    }

    @ExportMessage
    @TruffleBoundary
    void writeArrayElement(long index, Object value) throws InvalidArrayIndexException {
        Object adopted = registry.adopt(value, isHostObject);
        synchronized (registry) {
            if (index < 0 || index > elements.size() || index >= Integer.MAX_VALUE - 8) {
                throw InvalidArrayIndexException.create(index);
            }
            if (index == elements.size()) {
                elements.add(adopted);
            } else {
                elements.set((int) index, adopted);
            }
            if (key != null) {
                registry.assignKeys(adopted, key + "/" + index);
            }
        }
        changed();
    }

    @ExportMessage
    boolean isArrayElementRemovable(long index) {
        return isArrayElementReadable(index);
    }

    @ExportMessage
    @TruffleBoundary
    void removeArrayElement(long index) throws InvalidArrayIndexException {
        synchronized (registry) {
            if (index < 0 || index >= elements.size()) {
                throw InvalidArrayIndexException.create(index);
            }
            elements.remove((int) index);
        }
        changed();
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        StringBuilder sb = new StringBuilder("[");
        synchronized (registry) {
            for (Object v : elements) {
                sb.append(sb.length() == 1 ? "" : ", ").append(v instanceof String s ? '\'' + s + '\'' : InteropLibrary.getUncached().toDisplayString(v));
            }
        }
        return sb.append(']').toString();
    }
}
