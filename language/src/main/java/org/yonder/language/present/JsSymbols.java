package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.remote.GuestOperations;

/**
 * A JS owner's symbols as a JS receiver's own symbols ({@code typeof s === 'symbol'}, usable as property keys): a
 * well-known one ({@code Symbol.iterator}) is the receiver's own of that name, a registered one
 * ({@code Symbol.for(key)}) the receiver's own of that key, a unique one a unique symbol of the receiver's with the same
 * description that stands for it: one per remote symbol while it is reachable, so identity holds, and sent back as the
 * owner's symbol. The owner tells which with one {@code GUEST_OPERATION symbol} per remote symbol and session; a
 * symbol goes by reference, as an object does (a unique symbol is an identity of its context).
 * <p>
 * Symbol-keyed members of the owner's objects are read through {@link JsRecords} ({@code own_symbols}, {@code symget}).
 */
final class JsSymbols {
    private static final String JS = """
                    (function () {
                      'use strict';
                      return (d) => {
                        const how = String(d[0]);
                        if (how === 'wk') { const s = Symbol[String(d[1])]; if (typeof s === 'symbol') return s; throw new TypeError('no well-known symbol ' + d[1]); }
                        if (how === 'for') return Symbol.for(String(d[1]));
                        if (how === 'new') return d.length > 1 ? Symbol(String(d[1])) : Symbol();
                        throw new TypeError('not a symbol: ' + how);
                      };
                    })
                    """;

    private final Env env;
    private final Presentations presentations;
    private Object make;

    JsSymbols(Env env, Presentations presentations) {
        this.env = env;
        this.presentations = presentations;
    }

    /**
     * Whether a remote object is a JS owner's symbol: GraalJS gives a symbol the meta-object named {@code symbol} (its typeof) and no
     * members (an instance of a class named Symbol has members; a wrapper object {@code Object(sym)} too).
     */
    static boolean isSymbol(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.JS) && "symbol".equals(shape.metaSimpleName()) && !shape.has(Shape.OBJECT_TRAITS);
    }

    @TruffleBoundary
    Object present(Proxy remote) {
        Object[] unique = new Object[1];
        Object presented = presentations.of(remote, r -> {
            Object described = GuestOperations.apply(null, r, "symbol");
            try {
                if (make == null) {
                    make = InteropLibrary.getUncached().execute(env.parsePublic(Source.newBuilder("js", JS, "yonder-symbols.js").internal(true).build()).call());
                }
                InteropLibrary interop = InteropLibrary.getUncached();
                Object symbol = interop.execute(make, described);
                unique[0] = "new".equals(interop.asString(interop.readArrayElement(described, 0))) ? symbol : Boolean.FALSE;
                return symbol;
            } catch (InteropException e) {
                throw YonderError.create("cannot present a remote symbol: " + e.getMessage());
            }
        });
        if (unique[0] == presented) {
            // A symbol cannot hold its remote object, as a Proxy's traps do: held here while the symbol lives.
            presentations.hold(presented, remote);
        } else if (unique[0] == Boolean.FALSE) {
            presentations.forget(presented);   // the receiver's own (well-known, registered): sent as the receiver's
        }
        return presented;
    }
}
