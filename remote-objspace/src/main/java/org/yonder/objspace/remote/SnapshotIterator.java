package org.yonder.objspace.remote;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** A local iterator over elements downloaded in one batch (the entries, keys or values of a remote hash). */
@ExportLibrary(InteropLibrary.class)
final class SnapshotIterator implements TruffleObject {
    private final Object[] elements;
    private int next;

    SnapshotIterator(Object[] elements) {
        this.elements = elements;
    }

    @ExportMessage
    boolean isIterator() {
        return true;
    }

    @ExportMessage
    boolean hasIteratorNextElement() {
        return next < elements.length;
    }

    @ExportMessage
    Object getIteratorNextElement() throws StopIterationException {
        if (next >= elements.length) {
            throw StopIterationException.create();
        }
        return elements[next++];
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "snapshot iterator";
    }
}
