package org.yonder.objspace.marshal;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A JS {@code undefined} that arrived from the wire (tag UNDEFINED), kept apart from null so that a default
 * parameter still applies and {@code typeof} still says "undefined". The receiver presents it as its own JS
 * undefined where JS is available (see LocalSpace.present); elsewhere it is a null.
 */
@ExportLibrary(InteropLibrary.class)
public final class YonderUndefined implements TruffleObject {
    public static final YonderUndefined INSTANCE = new YonderUndefined();

    private YonderUndefined() {
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "undefined";
    }
}
