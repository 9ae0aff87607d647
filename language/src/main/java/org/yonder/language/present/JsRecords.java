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
                      // A symbol key as the owner's symbol operations take it: a well-known or registered symbol by its
                      // name ('@@iterator', '@@for:key'), a unique one as itself (one that stands for the owner's goes
                      // as the owner's; the receiver's own is a symbol of the owner's that stands for it, JsSymbols).
                      const wellKnown = new Map(Object.getOwnPropertyNames(Symbol).filter((n) => typeof Symbol[n] === 'symbol').map((n) => [Symbol[n], n]));
                      const symbolKey = (k) => wellKnown.has(k) ? '@@' + wellKnown.get(k) : Symbol.keyFor(k) !== undefined ? '@@for:' + Symbol.keyFor(k) : k;
                      const symbolOf = (k) => typeof k === 'symbol' ? k : k.startsWith('@@for:') ? Symbol.for(k.slice(6)) : Symbol[k.slice(2)];
                      // The owner's object's own symbol keys, in its order, with whether each is enumerable.
                      const ownSymbols = (remote) => {
                        const listed = Array.from(members('op', remote, 'own_symbols'), present);
                        const out = [];
                        for (let i = 1; i < listed.length; i++) { const k = symbolOf(listed[i]); if (typeof k === 'symbol') out.push([k, listed[0][i - 1] === 'e']); }
                        return out;
                      };
                      // A symbol-keyed member of the owner's object as a descriptor (configurable: a Proxy may not report
                      // a non-configurable member its target lacks), or undefined if it is not its own.
                      const symbolDescriptor = (remote, key) => {
                        const bits = members('op', remote, 'syminfo', key);
                        if (!(bits & 1)) return undefined;
                        if (bits & 4) return { get: () => present(members('op', remote, 'symget', key)), set: (v) => { members('op', remote, 'symset', key, v); }, enumerable: !!(bits & 16), configurable: true };
                        return { value: present(members('op', remote, 'symget', key)), writable: !!(bits & 2), enumerable: !!(bits & 16), configurable: true };
                      };
                      // Copies the owner's symbol-keyed members onto a local snapshot (frozen copies, sealed mirrors).
                      const snapshotSymbols = (t, remote, configurable, writable) => {
                        for (const [k, enumerable] of ownSymbols(remote)) {
                          if (own(t, k)) continue;
                          const d = symbolDescriptor(remote, symbolKey(k));
                          if (d !== undefined) Reflect.defineProperty(t, k, { ...d, enumerable, configurable, ...('value' in d ? { writable: writable && d.writable } : {}) });
                        }
                      };
                      // The owner's answer for one member as a descriptor: a getter's read has side effects, so it is
                      // described as an accessor and not read; a data member's value is read once, for this
                      // descriptor and the Get that follows it (JSON.stringify, spread, Object.assign).
                      const describe = (remote, k) => {
                        const bits = members('info', remote, k);
                        if (!(bits & 1)) return undefined;
                        if (bits & 4) return { get: () => present(members('read', remote, k, undefined)), set: (v) => { remote[k] = v; }, enumerable: true, configurable: true };
                        return { value: present(members('peek', remote, k)), writable: !!(bits & 2), enumerable: true, configurable: true };
                      };
                      // A method of the owner's object (a function member that is not a class) is a local function that
                      // calls it by name on the presentation's owner, one INVOKE_MEMBER (r.k(...a) compiles to one; other
                      // names go through invoke); called on anything else it is the owner's function itself.
                      const invoker = (k) => /^[A-Za-z_$][\\w$]*$/.test(k) ? new Function('r', 'a', 'return r.' + k + '(...a);') : (r, a) => members('invoke', r, k, ...a);
                      const method = (remote, self, k) => {
                        const call = invoker(k);
                        return { [k](...args) { return this === self() ? call(remote, args) : members('call_own', remote, k, this, ...args); } }[k];
                      };
                      // proto: the target's prototype (Object.prototype if undefined, none if null); inherited: the members
                      // found on it are the prototype's (presented classes), not the remote object's own; stubs: members
                      // of a built-in prototype (Map's get, size) answered for the remote object ({get} for an accessor);
                      // flags: 1 its function members are methods (kept per name, see method), 2 the owner's object is
                      // sealed or not extensible: the target mirrors its members and integrity when first asked;
                      // names: the members that held methods when it was sent (its shape's), called with no read first.
                      function object(remote, iterable, proto, inherited, stubs, flags, names) {
                        // A remote iterable (an own [Symbol.iterator] on the owner's side) iterates through interop.
                        const iterate = iterable ? function* () { for (const x of remote) yield present(x); } : undefined;
                        const isRemote = (t, k) => !(k in t) || (!inherited && remoteKeys(remote).includes(k));
                        // The owner's object has members that are not enumerable: its own names come from the owner
                        // (one GUEST_OPERATION own_names per listing), and the last listing tells descriptors which.
                        let hides = members('hides', remote);
                        let hiddenKeys;
                        const ownNames = () => {
                          const [names, hiddenNames, symbols] = members('own_names', remote);
                          hiddenKeys = new Set(hiddenNames === '' ? [] : hiddenNames.split('\\n'));
                          symbolCount = Number(symbols ?? 0);
                          return names === '' ? [] : names.split('\\n');
                        };
                        const enumerable = (k) => { if (hiddenKeys === undefined) ownNames(); return !hiddenKeys.has(k); };
                        // A symbol key the owner's object may have (it had own symbol keys or hidden names when sent, or
                        // this receiver wrote one): its name for the owner's symbol operations, or undefined (answered
                        // locally: a local snapshot, a member of the target, or one of a presented prototype).
                        let symbolCount = 0;
                        const symbolic = (t, k) => typeof k === 'symbol' && Object.isExtensible(t) && !own(t, k) && !(inherited && k in t);
                        const ownerSymbol = (t, k) => hides && symbolic(t, k) ? symbolKey(k) : undefined;
                        const methods = (flags & 1) ? new Map() : undefined;
                        const known = (flags & 1) && names ? new Set(Array.from(names)) : undefined;
                        const sealed = (flags & 2) !== 0;
                        let mirrored = false, self;
                        const mirror = (t) => {
                          if (!sealed || mirrored) return;
                          mirrored = true;
                          for (const k of remoteKeys(remote)) {
                            const bits = own(t, k) ? 0 : members('info', remote, k);
                            if (!(bits & 1)) continue;
                            const configurable = !!(bits & 8);
                            if (bits & 4) Reflect.defineProperty(t, k, { get: () => present(members('read', remote, k, undefined)), set: (v) => { remote[k] = v; }, enumerable: true, configurable });
                            else Reflect.defineProperty(t, k, { value: present(members('peek', remote, k)), writable: !!(bits & 2), enumerable: true, configurable });
                          }
                          if (hides) snapshotSymbols(t, remote, true, false);
                          Reflect.preventExtensions(t);
                        };
                        // After mirroring, a writable member of a sealed object still lives on the owner.
                        const live = (t, k) => mirrored && typeof k === 'string' && Reflect.getOwnPropertyDescriptor(t, k)?.writable === true;
                        const local = (t, k) => typeof k === 'symbol' || (sealed ? mirrored : !Object.isExtensible(t));
                        const read = (k) => {
                          if (methods !== undefined && methods.has(k)) return methods.get(k);
                          if (known !== undefined && known.has(k)) {
                            const m = method(remote, () => self, k);
                            methods.set(k, m);
                            return m;
                          }
                          const v = present(members('read', remote, k, undefined));
                          if (methods === undefined || typeof v !== 'function' || !members('method', v)) return v;
                          const m = method(remote, () => self, k);
                          methods.set(k, m);
                          return m;
                        };
                        const forget = (k) => { if (methods !== undefined) methods.delete(k); if (known !== undefined) known.delete(k); };
                        self = new Proxy(proto === undefined ? {} : Object.create(proto), {
                          get(t, k, r) {
                            if (stubs !== undefined && stubs.has(k) && !own(t, k)) { const s = stubs.get(k); return typeof s === 'function' ? s : s.get.call(r); }
                            if (k === Symbol.iterator && iterable && Object.isExtensible(t) && !own(t, k) && !(k in t)) return iterate;
                            const sk = ownerSymbol(t, k);
                            if (sk !== undefined) { const v = present(members('op', remote, 'symget', sk)); return v === undefined ? Reflect.get(t, k, r) : v; }
                            if (live(t, k)) return read(k);
                            if (known !== undefined && !local(t, k) && !own(t, k) && known.has(k)) return read(k);
                            return local(t, k) || own(t, k) || !isRemote(t, k) ? Reflect.get(t, k, r) : read(k);
                          },
                          set(t, k, v, r) {
                            if (r !== self && typeof k === 'string') {
                              // A write to an object that inherits from this one (Object.create(remote)): as an
                              // ordinary [[Set]] through a prototype, an own member of the receiver, not of the owner's.
                              const d = this.getOwnPropertyDescriptor(t, k);
                              if (d === undefined) return Reflect.set(Object.getPrototypeOf(t) ?? {}, k, v, r);
                              if ('value' in d) return d.writable ? Reflect.defineProperty(r, k, { value: v, writable: true, enumerable: true, configurable: true }) : false;
                              if (d.set === undefined) return false;
                              Reflect.apply(d.set, r, [v]);
                              return true;
                            }
                            forget(k);
                            // A symbol-keyed write goes to the owner's object, as a named one does; from then on its
                            // symbol keys are asked of the owner.
                            if (r === self && typeof k === 'symbol' && Object.isExtensible(t) && !own(t, k) && !(inherited && isAccessor(t, k))) {
                              hides = true;
                              return members('op', remote, 'symset', symbolKey(k), v);
                            }
                            if (sealed && typeof k === 'string') {
                              mirror(t);
                              return live(t, k) ? write(() => { remote[k] = v; }) : Reflect.set(t, k, v, r);
                            }
                            return local(t, k) || own(t, k) || (inherited && isAccessor(t, k)) ? Reflect.set(t, k, v, r) : write(() => { remote[k] = v; });
                          },
                          has(t, k) {
                            if (k === Symbol.iterator && iterable && Object.isExtensible(t)) return true;
                            if (known !== undefined && !local(t, k) && known.has(k)) return true;
                            const sk = ownerSymbol(t, k);
                            if (sk !== undefined && (members('op', remote, 'syminfo', sk) & 1)) return true;
                            return local(t, k) || own(t, k) || (inherited && k in t) ? Reflect.has(t, k) : (k in remote) || Reflect.has(t, k);
                          },
                          deleteProperty(t, k) {
                            forget(k);
                            const sk = ownerSymbol(t, k);
                            if (sk !== undefined) return !(members('op', remote, 'syminfo', sk) & 1) || members('op', remote, 'symdel', sk);
                            if (sealed && typeof k === 'string') {
                              mirror(t);
                              const d = Reflect.getOwnPropertyDescriptor(t, k);
                              return d === undefined || (d.configurable && write(() => { if (!delete remote[k]) throw new TypeError(); }) && Reflect.deleteProperty(t, k));
                            }
                            return local(t, k) || own(t, k) ? Reflect.deleteProperty(t, k) : write(() => { if (!delete remote[k]) throw new TypeError(); });
                          },
                          ownKeys(t) {
                            mirror(t);
                            if (!Object.isExtensible(t)) return Reflect.ownKeys(t);
                            // own_names first: the member scan that follows is what the descriptors read from.
                            const keys = hides ? ownNames() : remoteKeys(remote);
                            if (hides) remoteKeys(remote);
                            if (symbolCount > 0) for (const [k] of ownSymbols(remote)) keys.push(k);
                            for (const k of Reflect.ownKeys(t)) if (!keys.includes(k)) keys.push(k);
                            return keys;
                          },
                          getOwnPropertyDescriptor(t, k) {
                            mirror(t);
                            if (live(t, k)) { const d = Reflect.getOwnPropertyDescriptor(t, k); return { ...d, value: read(k) }; }
                            const sk = ownerSymbol(t, k);
                            if (sk !== undefined) return symbolDescriptor(remote, sk) ?? Reflect.getOwnPropertyDescriptor(t, k);
                            if (local(t, k) || own(t, k)) return Reflect.getOwnPropertyDescriptor(t, k);
                            if (inherited && k in t) return undefined;   // a member of the presented class
                            if (known !== undefined && known.has(k)) return { value: read(k), writable: true, enumerable: true, configurable: true };
                            const d = k in Object.prototype && !remoteKeys(remote).includes(k) ? undefined : describe(remote, k);
                            if (d !== undefined && methods !== undefined && typeof d.value === 'function' && members('method', d.value)) d.value = read(k);
                            if (d !== undefined && hides && typeof k === 'string' && !enumerable(k)) d.enumerable = false;
                            return d;
                          },
                          defineProperty(t, k, d) {
                            forget(k);
                            if (sealed && typeof k === 'string') {
                              mirror(t);
                              if (live(t, k) && 'value' in d && d.writable !== false && !('get' in d) && !('set' in d)) {
                                const current = Reflect.getOwnPropertyDescriptor(t, k);
                                if ((d.enumerable ?? current.enumerable) === current.enumerable && (d.configurable ?? current.configurable) === current.configurable) {
                                  return write(() => { remote[k] = d.value; });
                                }
                              }
                              // A change of integrity (Object.freeze of the presentation): a local snapshot of the current value.
                              if (live(t, k) && !('value' in d)) Reflect.defineProperty(t, k, { value: read(k) });
                              return Reflect.defineProperty(t, k, d);
                            }
                            if (local(t, k) || own(t, k) || d.configurable === false || 'get' in d || 'set' in d) {
                              if (!local(t, k) && !own(t, k) && !('value' in d) && !('get' in d) && !('set' in d)) {
                                snapshot(t, [k], (key) => present(remote[key]));
                              }
                              return Reflect.defineProperty(t, k, d);
                            }
                            if (typeof k !== 'string') return true;
                            // A data member defined on the owner's object with the attributes given (absent ones as
                            // Object.defineProperty leaves them); one that is not enumerable is then listed by own_names.
                            const flags = ('value' in d ? 1 : 0) | ('writable' in d ? 2 | (d.writable ? 4 : 0) : 0) |
                              ('enumerable' in d ? 8 | (d.enumerable ? 16 : 0) : 0) | ('configurable' in d ? 32 | (d.configurable ? 64 : 0) : 0);
                            if (d.enumerable === false) hides = true;
                            return members('op', remote, 'define', k, d.value, flags);
                          },
                          isExtensible(t) { mirror(t); return Reflect.isExtensible(t); },
                          preventExtensions(t) {
                            if (sealed) { mirror(t); return Reflect.preventExtensions(t); }
                            snapshot(t, remoteKeys(remote), (k) => present(remote[k]));
                            if (hides) snapshotSymbols(t, remote, true, true);
                            return Reflect.preventExtensions(t);
                          },
                        });
                        return self;
                      }
                      // A frozen object of the owner's: a frozen local copy (its data members can never change; a getter
                      // reads the owner's), made with one member scan.
                      function frozen(remote, proto) {
                        const o = Object.create(proto === undefined ? Object.prototype : proto);
                        for (const k of remoteKeys(remote)) {
                          const bits = members('info', remote, k);
                          if (!(bits & 1)) continue;
                          if (bits & 4) Reflect.defineProperty(o, k, { get: () => present(members('read', remote, k, undefined)), enumerable: true, configurable: false });
                          else Reflect.defineProperty(o, k, { value: present(members('peek', remote, k)), writable: false, enumerable: true, configurable: false });
                        }
                        if (members('hides', remote)) snapshotSymbols(o, remote, false, false);
                        return Object.freeze(o);
                      }
                      return [object, frozen];
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
        return made(0);
    }

    /** The JS function {@code frozen(remote, proto)}: a frozen local copy of a frozen object of the owner's. */
    Object frozenFactory() {
        return made(1);
    }

    private Object made(int which) {
        try {
            if (make == null) {
                Object factory = env.parsePublic(Source.newBuilder("js", JS, "yonder-records.js").internal(true).build()).call();
                Members members = new Members(presentations);
                GuestFunction present = new GuestFunction("present", 1, args -> wrap.apply(args[0]));
                make = InteropLibrary.getUncached().execute(factory, present, new GuestFunction("members", -1, members::execute));
            }
            return InteropLibrary.getUncached().readArrayElement(make, which);
        } catch (InteropException e) {
            throw YonderError.create("cannot make the JS presenter: " + e.getMessage());
        }
    }

    /**
     * The traps' member questions, answered through interop (from the batch a member scan fetched, if any):
     * {@code info} gives bits 1 exists, 2 writable, 4 read has side effects, 8 removable; {@code invoke} calls a
     * member by name, {@code call_own} runs it with another {@code this} on the owner; {@code method} tells whether a presented value is a function of the owner's; {@code peek} reads a value and lends it
     * to the {@code read} of the same member that follows with nothing sent or served in between (the message epoch
     * stands still; a scan peeks each member, then reads each); {@code read} reads.
     */
    static final class Members {
        private final Presentations presentations;
        /** Values peeked from one remote object in one message epoch, by member: a scan peeks all, then reads all. */
        private Object lentFrom;
        private final java.util.HashMap<String, Object> lent = new java.util.HashMap<>();
        private long lentEpoch;

        Members(Presentations presentations) {
            this.presentations = presentations;
        }

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
            if (op.equals("hides")) {
                return presentations.original(remote) instanceof Proxy p && p.shape().has(Shape.JS_HIDDEN_MEMBERS);
            }
            if (op.equals("own_names")) {
                return org.yonder.objspace.remote.GuestOperations.apply(null, presentations.original(remote), "own_names");
            }
            if (op.equals("op")) {
                // An operation of the owner's JS (JsObjects): own_symbols, symget, symset, symdel, syminfo, define.
                Object[] operands = java.util.Arrays.copyOfRange(arguments, 3, arguments.length);
                return org.yonder.objspace.remote.GuestOperations.apply(null, presentations.original(remote), interop.asString(arguments[2]), operands);
            }
            if (op.equals("method")) {
                // A presented value that stands for a function of the owner's that is not a class.
                return presentations.original(remote) instanceof Proxy p && p.shape().has(Shape.EXECUTABLE) && !p.shape().has(Shape.INSTANTIABLE);
            }
            String key = interop.asString(arguments[2]);
            switch (op) {
                case "info":
                    if (!interop.isMemberReadable(remote, key)) {
                        return 0;
                    }
                    return 1 | (interop.isMemberModifiable(remote, key) ? 2 : 0) | (interop.hasMemberReadSideEffects(remote, key) ? 4 : 0) |
                                    (interop.isMemberRemovable(remote, key) ? 8 : 0);
                case "invoke":
                    return interop.invokeMember(remote, key, java.util.Arrays.copyOfRange(arguments, 3, arguments.length));
                case "call_own": {
                    // The owner's own method run with another this: [name, this, args...].
                    Object[] operands = new Object[arguments.length - 2];
                    System.arraycopy(arguments, 2, operands, 0, operands.length);
                    return org.yonder.objspace.remote.GuestOperations.apply(null, remote, "call_own", operands);
                }
                case "peek": {
                    Object value = interop.readMember(remote, key);
                    long epoch = epoch(remote);
                    if (lentFrom != remote || lentEpoch != epoch) {
                        lent.clear();
                        lentFrom = remote;
                        lentEpoch = epoch;
                    }
                    lent.put(key, value);
                    return value;
                }
                default: {
                    if (lentFrom == remote && lentEpoch == epoch(remote) && lentEpoch != Long.MIN_VALUE && lent.containsKey(key)) {
                        return lent.remove(key);
                    }
                    lentFrom = null;
                    lent.clear();
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
