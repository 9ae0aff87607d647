package org.yonder.objspace.marshal;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** The null that arrives from the wire. A singleton value, never Java {@code null}. */
@ExportLibrary(InteropLibrary.class)
public final class YonderNull implements TruffleObject {
    public static final YonderNull INSTANCE = new YonderNull();

    private YonderNull() {
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "null";
    }
}
