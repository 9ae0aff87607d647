package org.yonder.language;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;

import org.yonder.objspace.YonderError;

/** Reads a guest string argument, or fails with an error that says what was passed instead. */
final class InteropStrings {
    private InteropStrings() {
    }

    static String of(Object value) {
        InteropLibrary interop = InteropLibrary.getUncached(value);
        try {
            return interop.asString(value);
        } catch (UnsupportedMessageException e) {
            throw YonderError.create("expected a string, got " + interop.toDisplayString(value));
        }
    }
}
