package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

import org.yonder.objspace.marshal.BigIntegerValue;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.YonderNull;
import org.yonder.objspace.marshal.YonderUndefined;
import org.yonder.objspace.wire.Tag;

/**
 * JS's own kinds for values that JS keeps apart from its others and that arrive as stand-ins: {@code null} (JS's own,
 * so that calling it fails as locally), {@code undefined} (not null), BigInt (not a number), and a frozen JS array
 * (copied whole, so made again as the receiver's own frozen array: own keys, spread, {@code for..in}, writes that fail
 * as on a frozen array, and compiled reads of a local array), made by this context's JS for a JS receiver. Where the
 * context has no JS, the stand-ins stay: a null, a number and an immutable array.
 */
final class JsNatives {
    private final Env env;
    private final boolean available;
    private volatile Object undefined;
    private volatile Object bigInt;
    private volatile Object jsNull;
    private volatile Object frozenArray;
    /** The JS array made of each copy while both live, so that one copy read twice is one array ({@code a[0] === a[0]}). */
    private final Map<ImmutableArray, WeakReference<Object>> arrays = new WeakHashMap<>();

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
        if (value instanceof ImmutableArray copy && copy.tag() == Tag.ARRAY) {
            return array(copy);
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

    /** A frozen JS array of the copy's elements, each in JS's own kind (a nested frozen array too). */
    private Object array(ImmutableArray copy) {
        synchronized (arrays) {
            WeakReference<Object> known = arrays.get(copy);
            Object made = known == null ? null : known.get();
            if (made != null) {
                return made;
            }
        }
        Object source = copy;
        for (int i = 0; i < copy.size(); i++) {
            Object element = copy.get(i);
            Object presented = present(element);
            if (presented != element) {
                Object[] elements = new Object[copy.size()];
                for (int j = 0; j < elements.length; j++) {
                    elements[j] = j < i ? copy.get(j) : present(copy.get(j));
                }
                source = new ImmutableArray(elements);
                break;
            }
        }
        Object make = frozenArray;
        if (make == null) {
            make = frozenArray = eval("(src) => { const n = src.length; const a = []; for (let i = 0; i < n; i++) a.push(src[i]); return Object.freeze(a); }");
        }
        Object made;
        try {
            made = InteropLibrary.getUncached().execute(make, source);
        } catch (InteropException e) {
            throw YonderError.create("cannot make a frozen array: " + e.getMessage());
        }
        synchronized (arrays) {
            arrays.put(copy, new WeakReference<>(made));
        }
        return made;
    }

    private Object eval(String code) {
        return env.parsePublic(Source.newBuilder("js", code, "yonder-natives.js").internal(true).build()).call();
    }
}
