package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.BigIntegerValue;
import org.yonder.objspace.marshal.YonderNull;
import org.yonder.objspace.marshal.YonderUndefined;

/**
 * JS's own kinds for values that JS keeps apart from its others and that arrive as stand-ins: {@code null} (JS's own,
 * so that calling it fails as locally), {@code undefined} (not null) and BigInt (not a number), made by this context's
 * JS for a JS receiver. Where the context has no JS, the stand-ins stay: a null and a number.
 */
final class JsNatives {
    private final Env env;
    private final boolean available;
    private volatile Object undefined;
    private volatile Object bigInt;
    private volatile Object jsNull;

    JsNatives(Env env) {
        this.env = env;
        this.available = env.getPublicLanguages().containsKey("js");
    }

    /** The context's own form of {@code value} (see LocalSpace.present). */
    @TruffleBoundary
    Object present(Object value) {
        if (!available) {
            return value;
        }
        if (value instanceof YonderUndefined) {
            Object u = undefined;
            if (u == null) {
                u = undefined = eval("undefined");
            }
            return u;
        }
        if (value instanceof YonderNull) {
            // JS's own null (a foreign null called as a function fails with interop's text, not JS's "is not a function").
            Object n = jsNull;
            if (n == null) {
                n = jsNull = eval("null");
            }
            return n;
        }
        if (value instanceof BigIntegerValue big && big.isBigInt()) {
            Object make = bigInt;
            if (make == null) {
                make = bigInt = eval("(s) => BigInt(s)");
            }
            try {
                return InteropLibrary.getUncached().execute(make, big.value().toString());
            } catch (InteropException e) {
                throw YonderError.create("cannot make a BigInt: " + e.getMessage());
            }
        }
        return value;
    }

    private Object eval(String code) {
        return env.parsePublic(Source.newBuilder("js", code, "yonder-natives.js").internal(true).build()).call();
    }
}
