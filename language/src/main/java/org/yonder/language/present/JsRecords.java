package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.remote.RemoteObject;

/**
 * Remote records ({@link Shape#DATA}: plain objects that hold data) presented to JS as JS's own objects: a JS
 * {@code Proxy} made in this context, whose target is a fresh {@code {}} (so
 * {@code Object.getPrototypeOf(o) === Object.prototype}, extensible, not frozen, {@code _.isPlainObject}) and whose
 * traps forward every string-keyed property to the remote object. Symbol keys and the names of
 * {@code Object.prototype}'s members ({@code toString}, {@code hasOwnProperty}) stay local unless the remote object
 * has them as its own, as they are the client's built-ins. Remote arrays stay foreign arrays, which GraalJS already
 * gives {@code Array.prototype}: their elements are read at compiled speed from downloaded batches, which a Proxy's
 * traps slow down 3-5 times (measured on a 10,000-element scan). {@code Object.freeze}, {@code seal} and {@code preventExtensions} on a presented record fix a local
 * snapshot (the owner's object stays as it is). One presentation per remote object while it is reachable, so
 * {@code x.a === x.a}; a presentation sent back to the peer goes as the remote object itself ({@link Presentations}).
 */
final class JsRecords {
    private static final String JS = """
                    (function (wrap, members) {
                      'use strict';
                      const present = (v) => (v !== null && (typeof v === 'object' || typeof v === 'function')) ? wrap(v) : v;
                      const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
                      const remoteKeys = (remote) => Object.keys(remote);
                      // After Object.freeze/seal/preventExtensions the target is a local snapshot and answers alone.
                      const local = (t, k) => typeof k === 'symbol' || !Object.isExtensible(t);
                      const snapshot = (t, keys, read) => { for (const k of keys) if (!own(t, k)) Reflect.defineProperty(t, k, { value: read(k), writable: true, enumerable: true, configurable: true }); };
                      const isAccessor = (t, k) => { for (let p = Object.getPrototypeOf(t); p !== null; p = Object.getPrototypeOf(p)) { const d = Reflect.getOwnPropertyDescriptor(p, k); if (d) return 'set' in d; } return false; };
                      const write = (f) => { try { f(); return true; } catch (e) { if (e instanceof TypeError) return false; throw e; } };
                      // The owner's answer for one member as a descriptor: a getter's read has side effects, so it is
                      // described as an accessor and not read; a data member's value is read once, for this
                      // descriptor and the Get that follows it (JSON.stringify, spread, Object.assign).
                      const describe = (remote, k) => {
                        const bits = members('info', remote, k);
                        if (!(bits & 1)) return undefined;
                        if (bits & 4) return { get: () => present(members('read', remote, k, undefined)), set: (v) => { remote[k] = v; }, enumerable: true, configurable: true };
                        return { value: present(members('peek', remote, k)), writable: !!(bits & 2), enumerable: true, configurable: true };
                      };
                      // proto: the target's prototype (Object.prototype if undefined); inherited: the members found on
                      // it are the prototype's (presented classes), not the remote object's own; stubs: members of a
                      // built-in prototype (Map's get, size) answered for the remote object ({get} for an accessor).
                      function object(remote, iterable, proto, inherited, stubs) {
                        // A remote iterable (an own [Symbol.iterator] on the owner's side) iterates through interop.
                        const iterate = iterable ? function* () { for (const x of remote) yield present(x); } : undefined;
                        const isRemote = (t, k) => !(k in t) || (!inherited && remoteKeys(remote).includes(k));
                        return new Proxy(proto === undefined ? {} : Object.create(proto), {
                          get(t, k, r) {
                            if (stubs !== undefined && stubs.has(k) && !own(t, k)) { const s = stubs.get(k); return typeof s === 'function' ? s : s.get.call(r); }
                            if (k === Symbol.iterator && iterable && Object.isExtensible(t) && !own(t, k) && !(k in t)) return iterate;
                            return local(t, k) || own(t, k) || !isRemote(t, k) ? Reflect.get(t, k, r) : present(members('read', remote, k, undefined));
                          },
                          set(t, k, v, r) { return local(t, k) || own(t, k) || (inherited && isAccessor(t, k)) ? Reflect.set(t, k, v, r) : write(() => { remote[k] = v; }); },
                          has(t, k) {
                            if (k === Symbol.iterator && iterable && Object.isExtensible(t)) return true;
                            return local(t, k) || own(t, k) || (inherited && k in t) ? Reflect.has(t, k) : (k in remote) || Reflect.has(t, k);
                          },
                          deleteProperty(t, k) { return local(t, k) || own(t, k) ? Reflect.deleteProperty(t, k) : write(() => { if (!delete remote[k]) throw new TypeError(); }); },
                          ownKeys(t) {
                            if (!Object.isExtensible(t)) return Reflect.ownKeys(t);
                            const keys = remoteKeys(remote);
                            for (const k of Reflect.ownKeys(t)) if (!keys.includes(k)) keys.push(k);
                            return keys;
                          },
                          getOwnPropertyDescriptor(t, k) {
                            if (local(t, k) || own(t, k)) return Reflect.getOwnPropertyDescriptor(t, k);
                            if (inherited && k in t) return undefined;   // a member of the presented class
                            return k in Object.prototype && !remoteKeys(remote).includes(k) ? undefined : describe(remote, k);
                          },
                          defineProperty(t, k, d) {
                            if (local(t, k) || own(t, k) || d.configurable === false || 'get' in d || 'set' in d) {
                              if (!local(t, k) && !own(t, k) && !('value' in d) && !('get' in d) && !('set' in d)) {
                                snapshot(t, [k], (key) => present(remote[key]));
                              }
                              return Reflect.defineProperty(t, k, d);
                            }
                            return 'value' in d ? write(() => { remote[k] = d.value; }) : true;
                          },
                          preventExtensions(t) { snapshot(t, remoteKeys(remote), (k) => present(remote[k])); return Reflect.preventExtensions(t); },
                        });
                      }
                      return object;
                    })
                    """;

    private final Env env;
    private Object make;

    private final Presentations presentations;

    /** Presents a value read from a remote object for this JS context (records, and what {@link JsObjects} presents). */
    private final java.util.function.UnaryOperator<Object> wrap;

    JsRecords(Env env, Presentations presentations, java.util.function.UnaryOperator<Object> wrap) {
        this.env = env;
        this.presentations = presentations;
        this.wrap = wrap;
    }

    /** The JS object standing for remote record {@code remote}, made once while it is reachable. */
    @TruffleBoundary
    Object present(Proxy remote) {
        return presentations.of(remote, this::make);
    }

    private Object make(Proxy remote) {
        try {
            return InteropLibrary.getUncached().execute(factory(), remote, remote.shape().has(Shape.ITERABLE));
        } catch (InteropException e) {
            throw YonderError.create("cannot present a remote record: " + e.getMessage());
        }
    }

    /**
     * The JS function {@code object(remote, iterable, proto, inherited, stubs)} that makes the Proxy standing for a
     * remote object: a record (the first two arguments), or an instance of a presented class ({@link JsObjects}).
     */
    Object factory() {
        if (make == null) {
            Object factory = env.parsePublic(Source.newBuilder("js", JS, "yonder-records.js").internal(true).build()).call();
            try {
                Members members = new Members();
                GuestFunction present = new GuestFunction("present", 1, args -> wrap.apply(args[0]));
                make = InteropLibrary.getUncached().execute(factory, present, new GuestFunction("members", -1, members::execute));
            } catch (InteropException e) {
                throw YonderError.create("cannot make the JS presenter: " + e.getMessage());
            }
        }
        return make;
    }

    /**
     * The traps' member questions, answered through interop (from the batch a member scan fetched, if any):
     * {@code info} gives bits 1 exists, 2 writable, 4 read has side effects; {@code peek} reads a value and lends it
     * to the {@code read} of the same member that follows with nothing sent or served in between (the message epoch
     * stands still); {@code read} reads.
     */
    static final class Members {
        private Object lentFrom;
        private String lentKey;
        private Object lentValue;
        private long lentEpoch;

        @TruffleBoundary
        Object execute(Object[] arguments) {
            try {
                return answer(arguments);
            } catch (InteropException e) {
                throw YonderError.create("cannot read a member of a remote record: " + e.getMessage());
            }
        }

        private Object answer(Object[] arguments) throws InteropException {
            InteropLibrary interop = InteropLibrary.getUncached();
            String op = interop.asString(arguments[0]);
            Object remote = arguments[1];
            String key = interop.asString(arguments[2]);
            switch (op) {
                case "info":
                    if (!interop.isMemberReadable(remote, key)) {
                        return 0;
                    }
                    return 1 | (interop.isMemberModifiable(remote, key) ? 2 : 0) | (interop.hasMemberReadSideEffects(remote, key) ? 4 : 0);
                case "peek": {
                    Object value = interop.readMember(remote, key);
                    lentFrom = remote;
                    lentKey = key;
                    lentValue = value;
                    lentEpoch = epoch(remote);
                    return value;
                }
                default: {
                    if (lentFrom == remote && key.equals(lentKey) && lentEpoch == epoch(remote) && lentEpoch != Long.MIN_VALUE) {
                        Object value = lentValue;
                        lentFrom = null;
                        lentValue = null;
                        return value;
                    }
                    lentFrom = null;
                    lentValue = null;
                    try {
                        return interop.readMember(remote, key);
                    } catch (com.oracle.truffle.api.interop.UnknownIdentifierException e) {
                        return arguments.length > 3 ? arguments[3] : null;   // the caller's own undefined
                    }
                }
            }
        }

        private static long epoch(Object remote) {
            return remote instanceof RemoteObject o ? o.messageEpoch() : Long.MIN_VALUE;
        }
    }
}
