package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.ImmutableArray;

/**
 * Python's own kinds for values that arrive as stand-ins: a tuple, copied as an immutable array, is a tuple again
 * for Python code ({@code t == (1, 2, 3)}, {@code type(t) is tuple}). Only for a Python receiver: a tuple made for a
 * JS client would start Python in a context that never used it.
 */
final class PythonNatives {
    private final Env env;
    private volatile Object toTuple;

    PythonNatives(Env env) {
        this.env = env;
    }

    @TruffleBoundary
    Object present(ImmutableArray array) {
        Object make = toTuple;
        if (make == null) {
            make = toTuple = env.parsePublic(Source.newBuilder("python", "tuple", "yonder_natives.py").internal(true).build()).call();
        }
        try {
            return InteropLibrary.getUncached().execute(make, array);
        } catch (InteropException e) {
            throw YonderError.create("cannot make a tuple: " + e.getMessage());
        }
    }
}
