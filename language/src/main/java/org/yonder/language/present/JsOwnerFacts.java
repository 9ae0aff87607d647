package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.session.Exposure;

/**
 * What the owner of JS objects tells about them that interop does not (the owner's side of {@link JsObjects}): the
 * facts of a plain object that go in its shape when it is exported (its prototype is null or another plain object,
 * it is sealed or frozen, it has members that are not enumerable: {@link Shape#JS_NULL_PROTO} and on), the names of its methods ({@link Shape#methods()}), and
 * the promise jobs that a request to a JS object left queued, run before the answer goes out.
 */
final class JsOwnerFacts {
    private final Env env;

    JsOwnerFacts(Env env) {
        this.env = env;
    }

    private static final String TRAITS = """
                    (function (hidden) {
                      'use strict';
                      const traits = (v) => {
                        const p = Object.getPrototypeOf(v);
                        const proto = p === null ? 1 : p !== Object.prototype && !Object.prototype.hasOwnProperty.call(p, 'constructor') ? 2 : 0;
                        // Own keys interop's member list leaves out: names that are not enumerable, and symbols.
                        const hiddenOwn = Object.getOwnPropertySymbols(v).length > 0 ||
                          Object.getOwnPropertyNames(v).some((k) => !Object.prototype.propertyIsEnumerable.call(v, k) && !hidden(k));
                        return proto | (Object.isExtensible(v) ? 0 : Object.isFrozen(v) ? 12 : 4) | (hiddenOwn ? 16 : 0);
                      };
                      // A class, or a function that looks like one (named in capitals, or with a prototype of its own
                      // members): it is presented as a class, not called as a method.
                      const isClass = (f) => {
                        if (/^class\\b/.test(Function.prototype.toString.call(f))) return true;
                        const p = Object.getOwnPropertyDescriptor(f, 'prototype');
                        return p !== undefined && p.value !== null && typeof p.value === 'object' &&
                          (/^[A-Z]/.test(f.name) || Object.getOwnPropertyNames(p.value).length > 1);
                      };
                      // Own enumerable data members that hold functions (not classes); null past 64 members.
                      const methods = (v) => {
                        const keys = Object.keys(v);
                        if (keys.length > 64) return null;
                        const out = [];
                        for (const k of keys) {
                          const d = Object.getOwnPropertyDescriptor(v, k);
                          if (d !== undefined && typeof d.value === 'function' && !hidden(k) && !k.includes('\\n') && !isClass(d.value)) out.push(k);
                        }
                        return out.join('\\n');
                      };
                      return [traits, methods];
                    })
                    """;

    private Object traits;

    private Object traitsFunction(int which) {
        if (traits == null) {
            traits = call(env.parsePublic(Source.newBuilder("js", TRAITS, "yonder-traits.js").internal(true).build()).call(),
                            new GuestFunction("hidden", 1, a -> Exposure.isHidden(String.valueOf(a[0]))));
        }
        try {
            return InteropLibrary.getUncached().readArrayElement(traits, which);
        } catch (InteropException e) {
            throw YonderError.create("cannot describe a JS object: " + e.getMessage());
        }
    }

    /** The plain-object facts of one of its ordinary JS objects (see {@link Shape#JS_NULL_PROTO}). */
    @TruffleBoundary
    int plainTraits(Object value) {
        try {
            InteropLibrary interop = InteropLibrary.getUncached();
            int bits = interop.asInt(interop.execute(traitsFunction(0), value));
            return ((bits & 1) != 0 ? Shape.JS_NULL_PROTO : 0) | ((bits & 2) != 0 ? Shape.JS_OWN_PROTO : 0) | ((bits & 4) != 0 ? Shape.NOT_EXTENSIBLE : 0) |
                            ((bits & 8) != 0 ? Shape.FROZEN : 0) | ((bits & 16) != 0 ? Shape.JS_HIDDEN_MEMBERS : 0);
        } catch (InteropException | RuntimeException e) {
            return 0;   // the object's own code failed its prototype or integrity question: present it as a plain one
        }
    }

    /** The names of a plain JS object's methods (see {@link Shape#methods()}), or null. */
    @TruffleBoundary
    java.util.List<String> methodNames(Object value) {
        try {
            InteropLibrary interop = InteropLibrary.getUncached();
            Object names = interop.execute(traitsFunction(1), value);
            if (interop.isNull(names)) {
                return null;
            }
            String joined = interop.asString(names);
            return joined.isEmpty() ? null : java.util.List.of(joined.split("\n"));
        } catch (InteropException | RuntimeException e) {
            return null;
        }
    }

    private com.oracle.truffle.api.CallTarget jobs;

    /** An empty JS program: GraalJS runs the queued promise jobs when a top-level program ends. */
    @TruffleBoundary
    void settleJobs() {
        if (jobs == null) {
            jobs = env.parsePublic(Source.newBuilder("js", "undefined", "yonder-jobs.js").internal(true).build());
        }
        try {
            jobs.call();
        } catch (com.oracle.truffle.api.exception.AbstractTruffleException e) {
            // A job's own uncaught error (queueMicrotask(() => { throw ... })) is the owner's, not the request's answer.
        }
    }

    /** Whether a class is one of GraalJS's ordinary objects (plain ones and class instances, not arrays, functions, proxies). */
    static boolean isOrdinary(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k.getSimpleName().equals("JSOrdinaryObject")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The shape traits of GraalJS's generator objects, which have no meta-object: what a {@code function*} returns
     * ({@link Shape#JS_GENERATOR}), what an {@code async function*} returns (and {@link Shape#JS_ASYNC}); else none.
     */
    static long generatorTraits(Class<?> c) {
        String name = c.getSimpleName();
        return name.equals("JSGeneratorObject") ? Shape.JS_GENERATOR : name.equals("JSAsyncGeneratorObject") ? Shape.JS_GENERATOR | Shape.JS_ASYNC : 0;
    }

    private static Object call(Object function, Object... args) {
        return GuestFunction.call("cannot describe a JS object", function, args);
    }
}
