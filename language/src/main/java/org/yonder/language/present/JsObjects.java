package org.yonder.language.present;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.remote.GuestOperations;
import org.yonder.objspace.session.Exposure;

/**
 * The owner's JS classes and their instances presented to a JS receiver as JS's own (the JS counterpart of
 * {@link PythonObjects}):
 * <ul>
 * <li>an instance of the owner's class is a JS {@code Proxy} (made by {@link JsRecords#factory}) whose prototype chain
 * is made of presented prototypes, one per prototype of the owner's code, ending in the receiver's own built-in
 * prototype of the same name ({@code Object.prototype}, {@code Map.prototype}): {@code instanceof},
 * {@code Object.getPrototypeOf}, {@code constructor}, {@code hasOwnProperty} answer as locally, and the object is
 * extensible. A presented prototype holds one stub per method (one INVOKE_MEMBER on the instance; through
 * {@code super} or {@code Base.prototype.m.call(obj)} past an override, the owner runs that prototype's own method:
 * {@code call_as}), and accessors that read and write the instance's member on the owner;</li>
 * <li>the owner's classes (instantiable functions) are JS functions: {@code new C()} makes the object on the owner,
 * {@code C.prototype} is the presented prototype, and a local class may extend one ({@code class P extends C}: the
 * instance lives on the owner, its local methods run here);</li>
 * <li>Maps, Sets, WeakMaps and WeakSets are objects of the receiver's own {@code Map.prototype} (and so on) whose
 * methods and {@code size} are answered by the owner; a Promise is the receiver's own Promise, settled as the
 * owner's settles; a RegExp is a local copy (its source, flags and lastIndex), as String's methods need a real one;</li>
 * <li>an error of the owner's own class has its presented prototype ({@link #chain}, for {@link NativeErrors}).</li>
 * </ul>
 * The prototype chain is asked once per session and remote type ({@code GUEST_OPERATION describe}), so an instance
 * costs no round trip to present, and a method call stays one. A function that is not instantiable is a function
 * {@code Proxy} with no {@code [[Construct]]}. A plain object that is not a record ({@link #presentPlain}) is a frozen
 * local copy if frozen, else a Proxy with its methods (named in its shape) called by name, the owner's integrity if
 * sealed, and its own prototype ({@code null}, or a presented one for {@code Object.create(proto)}). A typed array is
 * the receiver's own typed array over the owner's buffer ({@link #presentTyped}). Other arrays, records
 * ({@link JsRecords}) and dates are not presented here.
 */
final class JsObjects {
    /** The owner's operations; the first prototypes that are not of the owner's code end a chain. */
    private static final String OWNER = """
                    (function (hidden) {
                      'use strict';
                      const names = ['Object', 'Function', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Date', 'RegExp', 'Error',
                        'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError'];
                      const builtins = new Map();
                      for (const n of names) if (typeof globalThis[n] === 'function') builtins.set(globalThis[n].prototype, n);
                      const ids = new WeakMap();
                      const byId = new Map();
                      let next = 1;
                      const isNative = (f) => /\\{\\s*\\[native code\\]\\s*\\}\\s*$/.test(Function.prototype.toString.call(f));
                      const own = (p) => p !== null && !builtins.has(p) &&
                        !(Object.hasOwn(p, 'constructor') && typeof p.constructor === 'function' && isNative(p.constructor));
                      // Symbols by name where a name is theirs: a well-known one '@@name', a registered one '@@for:key'; a
                      // unique one is itself (a reference; the receiver stands a symbol of its own for it).
                      const wellKnown = new Map(Object.getOwnPropertyNames(Symbol).filter((n) => typeof Symbol[n] === 'symbol').map((n) => [Symbol[n], n]));
                      const symbolName = (s) => wellKnown.has(s) ? '@@' + wellKnown.get(s) : Symbol.keyFor(s) !== undefined ? '@@for:' + Symbol.keyFor(s) : s;
                      const symbolOf = (k) => {
                        if (typeof k === 'symbol') return k;
                        if (typeof k === 'string' && k.startsWith('@@for:')) return Symbol.for(k.slice(6));
                        if (typeof k === 'string' && k.startsWith('@@') && wellKnown.has(Symbol[k.slice(2)])) return Symbol[k.slice(2)];
                        throw new TypeError('not a symbol key: ' + String(k));
                      };
                      const idOf = (p) => {
                        let id = ids.get(p);
                        if (id === undefined) { id = String(next++); ids.set(p, id); byId.set(id, new WeakRef(p)); }
                        return id;
                      };
                      // One line per member: kind (m method, g getter, s setter, a both, d data), e if enumerable, name;
                      // and the line c- if it has a constructor of its own (an Object.create(proto) prototype has none).
                      const spec = (p) => {
                        const lines = [];
                        for (const k of Reflect.ownKeys(p)) {
                          if (k === 'constructor') { if (typeof Object.getOwnPropertyDescriptor(p, k).value === 'function') lines.push('c-'); continue; }
                          const key = typeof k === 'symbol' ? symbolName(k) : k;
                          if (typeof key !== 'string' || hidden(key)) continue;   // a unique symbol's member is reached through the instance (symget)
                          const d = Object.getOwnPropertyDescriptor(p, k);
                          const kind = d.get && d.set ? 'a' : d.get ? 'g' : d.set ? 's' : typeof d.value === 'function' ? 'm' : 'd';
                          lines.push(kind + (d.enumerable ? 'e' : '-') + key);
                        }
                        return lines.join('\\n');
                      };
                      const describe = (p) => {
                        const out = [];
                        for (; own(p); p = Object.getPrototypeOf(p)) {
                          const c = Object.hasOwn(p, 'constructor') && typeof p.constructor === 'function' ? p.constructor.name : '';
                          out.push(idOf(p), String(c), spec(p));
                        }
                        while (p !== null && !builtins.has(p)) p = Object.getPrototypeOf(p);
                        return Object.freeze([String(out.length / 3), ...out, p === null ? '' : builtins.get(p)]);   // frozen: sent by value
                      };
                      // A prototype of the target's chain (of its prototype property, for a class), by the id describe gave.
                      const level = (t, id) => {
                        const wanted = byId.get(id)?.deref();
                        let p = typeof t === 'function' ? t.prototype : Object.getPrototypeOf(t);
                        for (; own(p); p = Object.getPrototypeOf(p)) if (p === wanted) return p;
                        throw new TypeError('no such prototype: ' + id);
                      };
                      // The exposure rule (ExposureRule): JS's own functions that run code are never called for a peer.
                      const machinery = new Set(['Function', 'eval', 'AsyncFunction', 'GeneratorFunction', 'AsyncGeneratorFunction', 'load', 'loadWithNewGlobal', 'quit', 'exit', 'readbuffer', 'readline', 'type', 'evalFile', 'extend']);
                      const ownValue = (p, name) => {
                        const d = Object.getOwnPropertyDescriptor(p, name);
                        if (d === undefined || !('value' in d)) throw new TypeError(name + ' is not a member of the prototype');
                        if (typeof d.value === 'function' && isNative(d.value) && machinery.has(d.value.name)) throw new TypeError(name + ' is not exposed to peers');
                        return d.value;
                      };
                      const ops = {
                        describe: (t) => describe(typeof t === 'function' ? (t.prototype ?? null) : Object.getPrototypeOf(t)),
                        call_as: (t, id, name, ...args) => {
                          const f = ownValue(level(t, id), name);
                          if (typeof f !== 'function') throw new TypeError(name + ' is not a method');
                          return Reflect.apply(f, t, args);
                        },
                        protoGet: (t, id, name) => ownValue(level(t, id), name),
                        // The target's own method run with another this (a detached call, or f.call(other)).
                        // The target function itself run with that this: a function of the receiver's stored in an
                        // object of the owner's and called as its method (o.handler = f; o.run() calls this.handler()).
                        call_with: (t, self, ...args) => {
                          if (typeof t !== 'function') throw new TypeError('not a function');
                          return Reflect.apply(t, self, args);
                        },
                        call_own: (t, name, self, ...args) => {
                          const f = ownValue(t, name);
                          if (typeof f !== 'function') throw new TypeError(name + ' is not a method');
                          return Reflect.apply(f, self, args);
                        },
                        // Own string-keyed names in the owner's order, and which of them are not enumerable
                        // (refused names left out): for a plain object whose shape says it has such members.
                        // and how many own symbol-keyed members it has (own_symbols lists them).
                        own_names: (t) => {
                          const names = Object.getOwnPropertyNames(t).filter((k) => !hidden(k));
                          return Object.freeze([names.join('\\n'), names.filter((k) => !Object.prototype.propertyIsEnumerable.call(t, k)).join('\\n'),
                            String(Object.getOwnPropertySymbols(t).length)]);
                        },
                        // Own symbol keys in the owner's order: [enumerable flags ('e' or '-' each), key...], each key by
                        // name where it has one (symbolName), else the symbol itself.
                        own_symbols: (t) => {
                          const keys = Object.getOwnPropertySymbols(t);
                          return Object.freeze([keys.map((k) => Object.prototype.propertyIsEnumerable.call(t, k) ? 'e' : '-').join(''), ...keys.map(symbolName)]);
                        },
                        // A symbol of the owner's: [how, text], how 'wk' (well-known, its name), 'for' (registered, its
                        // key) or 'new' (unique, its description, left out if undefined).
                        symbol: (t) => {
                          if (typeof t !== 'symbol') throw new TypeError('not a symbol');
                          const n = symbolName(t);
                          if (typeof n === 'string') return Object.freeze(n.startsWith('@@for:') ? ['for', n.slice(6)] : ['wk', n.slice(2)]);
                          return Object.freeze(t.description === undefined ? ['new'] : ['new', t.description]);
                        },
                        // A symbol-keyed member of the target (its own or inherited, as t[key] reads it): read, write,
                        // remove, call as a method (this the target), and describe (bits as JsRecords' info: 1 exists, 2
                        // writable, 4 an accessor, 8 removable, 16 enumerable; 0 if it is not the target's own).
                        symget: (t, k) => Reflect.get(t, symbolOf(k)),
                        symset: (t, k, v) => Reflect.set(t, symbolOf(k), v),
                        symdel: (t, k) => Reflect.deleteProperty(t, symbolOf(k)),
                        symcall: (t, k, ...args) => {
                          const f = Reflect.get(t, symbolOf(k));
                          if (typeof f !== 'function') throw new TypeError(String(symbolOf(k)) + ' is not a function');
                          return Reflect.apply(f, t, args);
                        },
                        // Whether the key resolves on the target (own or inherited) to a data member holding a function:
                        // the integrity rule keeps such a member from a peer's symset and symdel (Dispatcher).
                        symguard: (t, k) => {
                          const key = symbolOf(k);
                          for (let p = t; p !== null; p = Object.getPrototypeOf(p)) {
                            const d = Reflect.getOwnPropertyDescriptor(p, key);
                            if (d !== undefined) return 'value' in d && typeof d.value === 'function';
                          }
                          return false;
                        },
                        syminfo: (t, k) => {
                          const d = Reflect.getOwnPropertyDescriptor(t, symbolOf(k));
                          return d === undefined ? 0 : 1 | (d.writable || d.set ? 2 : 0) | (d.get || d.set ? 4 : 0) | (d.configurable ? 8 : 0) | (d.enumerable ? 16 : 0);
                        },
                        regexp: (t) => {
                          if (!(t instanceof RegExp)) throw new TypeError('not a RegExp');
                          return Object.freeze([t.source, t.flags, t.lastIndex]);
                        },
                        // Where a typed array's elements are in its buffer (which the receiver reads as t.buffer).
                        typed: (t) => {
                          if (!ArrayBuffer.isView(t) || t instanceof DataView) throw new TypeError('not a typed array');
                          return Object.freeze([t.byteOffset, t.length]);
                        },
                        // One step of a generator of the owner's (next, return or throw), answered by value: [done, value], or
                        // [done] for an undefined value (a copied array holds null there).
                        gen: (t, how, v) => {
                          if (Object.prototype.toString.call(t) !== '[object Generator]' || !['next', 'return', 'throw'].includes(how)) throw new TypeError('not a generator step');
                          const r = t[how](v);
                          return Object.freeze(r.value === undefined ? [Boolean(r.done)] : [Boolean(r.done), r.value]);   // undefined: left out
                        },
                        // Object.defineProperty of a data member by a peer: flags say which attributes the descriptor has
                        // (1 value, 2 writable, 8 enumerable, 32 configurable) and their values (4, 16, 64), as absent
                        // ones keep their current values, or false for a new member.
                        define: (t, k, v, flags) => {
                          const d = {};
                          if (flags & 1) d.value = v;
                          if (flags & 2) d.writable = !!(flags & 4);
                          if (flags & 8) d.enumerable = !!(flags & 16);
                          if (flags & 32) d.configurable = !!(flags & 64);
                          return Reflect.defineProperty(t, k, d);
                        },
                        // One step of an async generator of the owner's: a promise of [done, value] (or [done]).
                        agen: (t, how, v) => {
                          if (Object.prototype.toString.call(t) !== '[object AsyncGenerator]' || !['next', 'return', 'throw'].includes(how)) throw new TypeError('not an async generator step');
                          return t[how](v).then((r) => Object.freeze(r.value === undefined ? [Boolean(r.done)] : [Boolean(r.done), r.value]));
                        },
                        ctor: (t, id) => {
                          const c = Object.getOwnPropertyDescriptor(level(t, id), 'constructor')?.value;
                          return typeof c === 'function' && !isNative(c) ? c : null;
                        },
                      };
                      return (name, target, args) => ops[name](target, ...args);
                    })
                    """;

    /** The names of {@link #OWNER}'s table: any other is refused before JS runs. */
    private static final Set<String> OPERATIONS = Set.of("describe", "call_as", "call_own", "call_with", "protoGet", "ctor", "regexp", "typed", "own_names", "gen",
                    "own_symbols", "symbol", "symget", "symset", "symdel", "symcall", "syminfo", "symguard", "agen", "define");

    /** The operations whose first argument is a symbol key: a name ({@code @@iterator}, {@code @@for:key}) or the owner's own symbol. */
    private static final Set<String> SYMBOL_KEYED = Set.of("symget", "symset", "symdel", "symcall", "syminfo", "symguard");

    /** The receiver's side: presented prototypes, instances, classes, promises. */
    private static final String CLIENT = """
                    (function (objectOf, frozen, op, invoke, waiting) {
                      'use strict';
                      const remotes = new WeakMap();   // presentation -> its remote object
                      // A symbol key by its name in the owner's ops ('@@iterator', '@@for:key'): the receiver's own symbol.
                      const symbolOf = (k) => k.startsWith('@@for:') ? Symbol.for(k.slice(6)) : Symbol[k.slice(2)];
                      const remoteOf = (self, k) => {
                        const r = self !== null && typeof self === 'object' ? remotes.get(self) : undefined;
                        if (r === undefined) throw new TypeError(String(k) + ' called on an object that is not a remote instance');
                        return r;
                      };
                      // A call r.name(...) by its name is one INVOKE_MEMBER that GraalJS compiles with its inline caches;
                      // r[k](...) with a computed name reads and then executes, so other names go through invoke.
                      const invoker = (k) => /^[A-Za-z_$][\\w$]*$/.test(k) ? new Function('r', 'a', 'return r.' + k + '(...a);') : (r, a) => invoke(r, k, ...a);
                      const method = (id, k, exemplar) => {
                        const call = invoker(k);
                        const f = { [k](...args) {
                          const r = this !== null && typeof this === 'object' ? remotes.get(this) : undefined;
                          if (r === undefined) return op(exemplar, 'protoGet', id, k).call(this, ...args);   // on a local object
                          // One INVOKE_MEMBER; through super or Base.prototype.m.call(o) past an override: that prototype's own.
                          return Reflect.get(this, k) === f ? call(r, args) : op(r, 'call_as', id, k, ...args);
                        } }[k];
                        return f;
                      };
                      const iterate = function* () { for (const x of remoteOf(this, Symbol.iterator)) yield x; };
                      // A Map's entries as the client's own [key, value] arrays (the owner's come as foreign arrays).
                      const entries = function* () { for (const [k, v] of remoteOf(this, Symbol.iterator)) yield [k, v]; };
                      function level(parent, id, name, spec, exemplar) {
                        const p = Object.create(parent);
                        const lines = spec === '' ? [] : spec.split('\\n');
                        if (lines.includes('c-')) Object.defineProperty(p, 'constructor', { configurable: true, get() {
                          const c = op(exemplar, 'ctor', id);
                          Object.defineProperty(p, 'constructor', { value: c, writable: true, configurable: true });
                          return c;
                        } });
                        for (const line of lines) {
                          const kind = line[0], enumerable = line[1] === 'e', k = line.slice(2);
                          if (kind === 'c') continue;
                          const key = k.startsWith('@@') ? symbolOf(k) : k;
                          if (key === undefined) continue;   // a well-known symbol this JS does not have
                          let d;
                          if (key === Symbol.iterator && kind === 'm') d = { value: iterate, writable: true };
                          else if (typeof key === 'symbol') d = kind === 'm' ? { value: { [key](...args) { return op(remoteOf(this, key), 'symcall', k, ...args); } }[key], writable: true } : {
                            // A symbol-keyed member is read through the instance on the owner (its chain answers).
                            get: kind === 's' ? undefined : function () { return op(remoteOf(this, key), 'symget', k); },
                            set: kind === 'g' ? undefined : function (v) { op(remoteOf(this, key), 'symset', k, v); },
                          };
                          else if (kind === 'm') d = { value: method(id, k, exemplar), writable: true };
                          else if (kind === 'd') d = { get() { return op(exemplar, 'protoGet', id, k); }, set(v) { remoteOf(this, k)[k] = v; } };
                          else d = {
                            get: kind === 's' ? undefined : function () { return remoteOf(this, k)[k]; },
                            set: kind === 'g' ? undefined : function (v) { remoteOf(this, k)[k] = v; },
                          };
                          Object.defineProperty(p, key, { ...d, enumerable, configurable: true });
                        }
                        return p;
                      }
                      const ends = new Set(['Object', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Date', 'RegExp', 'Error', 'TypeError',
                        'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError']);
                      // described: [n, (id, name, spec) * n, the built-in it ends in]; known: this session's presented prototypes.
                      function protoOf(described, exemplar, known) {
                        const n = Number(described[0]);
                        const end = String(described[1 + 3 * n]);
                        let parent = end === '' ? null : ends.has(end) ? globalThis[end].prototype : Object.prototype;
                        for (let i = n - 1; i >= 0; i--) {
                          const id = String(described[1 + 3 * i]);
                          let p = known.get(id);
                          if (p === undefined) {
                            p = level(parent, id, String(described[2 + 3 * i]), String(described[3 + 3 * i]), exemplar);
                            known.set(id, p);
                          }
                          parent = p;
                        }
                        return [parent, end];
                      }
                      // The members of Map.prototype (and Set's, WeakMap's, WeakSet's) answered by the owner's object.
                      const collections = new Map();
                      function stubs(end) {
                        if (!['Map', 'Set', 'WeakMap', 'WeakSet'].includes(end)) return undefined;
                        let s = collections.get(end);
                        if (s !== undefined) return s;
                        s = new Map();
                        const P = globalThis[end].prototype;
                        for (const k of Reflect.ownKeys(P)) {
                          const d = Reflect.getOwnPropertyDescriptor(P, k);
                          if ((k === Symbol.iterator || k === 'entries') && end === 'Map') s.set(k, entries);
                          else if (k === Symbol.iterator) s.set(k, iterate);
                          else if (typeof k === 'symbol' || k === 'constructor') continue;
                          else if (d.get) s.set(k, { get() { return remoteOf(this, k)[k]; } });
                          else if (typeof d.value === 'function') { const call = invoker(k); s.set(k, { [k](...args) { return call(remoteOf(this, k), args); } }[k]); }
                        }
                        collections.set(end, s);
                        return s;
                      }
                      function instance(remote, iterable, proto, end) {
                        const o = objectOf(remote, iterable, proto, true, stubs(end));
                        remotes.set(o, remote);
                        return o;
                      }
                      // A function of the owner's: a class (instantiable) or a function that is not one (an arrow, a
                      // method), whose target has no [[Construct]], no prototype, and the own keys of an arrow.
                      function klass(remote, prototypeOf, instantiable) {
                        let proto;
                        const k = new Proxy(instantiable ? function () {} : () => {}, {
                          // Called as a method (this given): the owner runs it with that this (one GUEST_OPERATION call_with).
                          apply(t, self, args) { return self === undefined ? remote(...args) : op(remote, 'call_with', self, ...args); },
                          construct(t, args, newTarget) {
                            const o = new remote(...args);
                            if (newTarget !== k && o !== null && typeof o === 'object') Object.setPrototypeOf(o, newTarget.prototype);
                            return o;
                          },
                          get(t, key, r) {
                            if (key === 'prototype' && instantiable) return proto === undefined ? (proto = prototypeOf(remote)) : proto;
                            return typeof key === 'symbol' ? Reflect.get(t, key, r) : remote[key];
                          },
                          set(t, key, v, r) { if (typeof key === 'symbol') return Reflect.set(t, key, v, r); remote[key] = v; return true; },
                          has(t, key) { return typeof key === 'symbol' || key === 'prototype' ? Reflect.has(t, key) : key in remote; },
                          // The class's own names as the owner lists them (static methods too, which are not
                          // enumerable), one GUEST_OPERATION own_names; the target's fixed ones kept, as a Proxy must.
                          ownKeys(t) {
                            const listed = op(remote, 'own_names')[0];
                            const keys = listed === '' ? [] : listed.split('\\n');
                            for (const key of Reflect.ownKeys(t)) {
                              if (!keys.includes(key) && (typeof key === 'symbol' || !Reflect.getOwnPropertyDescriptor(t, key).configurable)) keys.push(key);
                            }
                            return keys;
                          },
                        });
                        return k;
                      }
                      // While it has not settled, the context's event loop waits for it (waiting: +1, -1).
                      const promise = (remote) => new Promise((resolve, reject) => {
                        waiting(1);
                        let settled = false;
                        const settle = (f) => (v) => { if (!settled) { settled = true; waiting(-1); } f(v); };
                        try { remote.then(settle(resolve), settle(reject)); } catch (e) { settle(reject)(e); }
                      });
                      // A RegExp is its source, flags and lastIndex: a copy made here (String.prototype.replace, match
                      // and split need the built-in's internal slots, which a Proxy has not).
                      // A copy holds its remote object here (as a Proxy does in its traps), so that while the copy lives
                      // the remote object does too, and a second read gives the same copy.
                      const keep = new WeakMap();
                      const regexp = (d, remote) => { const r = new RegExp(d[0], d[1]); r.lastIndex = d[2]; keep.set(r, remote); return r; };
                      // A typed array is the receiver's own, a view of the owner's buffer (GraalJS backs an ArrayBuffer
                      // with a foreign buffer): reads and writes go to the owner's bytes, a scan downloads them.
                      const views = new Map();
                      for (const n of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
                        'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) if (typeof globalThis[n] === 'function') views.set(n, globalThis[n]);
                      const typed = (remote, name, d) => {
                        const C = views.get(name);
                        if (C === undefined) throw new TypeError('not a typed array kind: ' + name);
                        const t = new C(remote.buffer, d[0], d[1]);
                        keep.set(t, remote);
                        return t;
                      };
                      // A plain object of the owner's (not a class instance): protoKind 0 Object.prototype, 1 none,
                      // 2 proto (presented: Object.create(proto) on the owner); flags as objectOf's, 4 frozen (a copy).
                      function plain(remote, iterable, protoKind, proto, flags, names) {
                        const p = protoKind === 0 ? undefined : protoKind === 1 ? null : proto;
                        const o = (flags & 4) ? frozen(remote, p) : objectOf(remote, iterable, p, protoKind === 2, undefined, flags, names);
                        if (protoKind === 2) remotes.set(o, remote);
                        else if (flags & 4) keep.set(o, remote);
                        return o;
                      }
                      // A generator object of the owner's is a generator of the receiver's that delegates to it
                      // (yield*): next, return and throw go to the owner's generator, one GUEST_OPERATION gen each, and it is a
                      // Generator to toStringTag, instanceof and its own [Symbol.iterator]() as locally.
                      const generator = (remote) => {
                        const step = (how) => (v) => { const a = op(remote, 'gen', how, v); return { value: a.length > 1 ? a[1] : undefined, done: a[0] }; };
                        const inner = { next: step('next'), return: step('return'), throw: step('throw') };
                        inner[Symbol.iterator] = () => inner;
                        const g = (function* () { return yield* inner; })();
                        keep.set(g, remote);
                        return g;
                      };
                      // An async generator object of the owner's: an async generator of the receiver's that delegates to
                      // it, each step one GUEST_OPERATION agen whose answer is a promise (presented as the receiver's).
                      const asyncGenerator = (remote) => {
                        const step = (how) => async (v) => { const a = await op(remote, 'agen', how, v); return { value: a.length > 1 ? a[1] : undefined, done: a[0] }; };
                        const inner = { next: step('next'), return: step('return'), throw: step('throw') };
                        inner[Symbol.asyncIterator] = () => inner;
                        const g = (async function* () { return yield* inner; })();
                        keep.set(g, remote);
                        return g;
                      };
                      return [protoOf, instance, klass, promise, regexp, plain, typed, generator, asyncGenerator];
                    })
                    """;

    /** Meta-object names of JS's built-in kinds: their instances stay foreign (Map, Set, WeakMap, WeakSet, Promise aside). */
    private static final Set<String> BUILTIN = Set.of("Object", "Function", "Array", "Date", "RegExp", "Error", "TypeError", "RangeError", "SyntaxError",
                    "ReferenceError", "EvalError", "URIError", "AggregateError", "Generator", "AsyncGenerator", "GeneratorFunction", "AsyncFunction",
                    "AsyncGeneratorFunction", "Boolean", "Number", "String", "Symbol", "BigInt", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Int8Array",
                    "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array",
                    "BigInt64Array", "BigUint64Array", "WeakRef", "FinalizationRegistry", "Arguments", "Math", "JSON", "Reflect", "Atomics", "Intl", "Iterator");
    private static final Set<String> KINDS = Set.of("Map", "Set", "WeakMap", "WeakSet");

    private final Env env;
    private final Presentations presentations;
    private final JsRecords records;
    /** Per thread: how many promise presentations are subscribing (calling the owner's then) right now. */
    private final ThreadLocal<int[]> subscribing = ThreadLocal.withInitial(() -> new int[1]);
    /** Per session (weakly): the JS Map of its presented prototypes by the owner's id, and per remote type [proto, end]. */
    private final Map<Object, Object> known = new WeakHashMap<>();
    private final Map<Object, Map<Shape, Object>> chains = new WeakHashMap<>();
    private Object client;
    private Object owner;

    JsObjects(Env env, Presentations presentations, JsRecords records) {
        this.env = env;
        this.presentations = presentations;
        this.records = records;
    }

    /** Whether a remote object is one this presenter makes a JS object of (answered from its shape). */
    static boolean mayPresent(Proxy remote) {
        Shape shape = remote.shape();
        if (!shape.has(Shape.JS) || shape.has(Shape.DATA | Shape.ARRAY | Shape.BUFFER | Shape.EXCEPTION | Shape.ITERATOR | Shape.DATE | Shape.NUMBER |
                        Shape.STRING | Shape.BOOLEAN)) {
            return false;
        }
        if (shape.has(Shape.EXECUTABLE)) {
            return true;
        }
        String meta = shape.metaSimpleName();
        return meta != null && !meta.isEmpty() && (KINDS.contains(meta) || meta.equals("Promise") || meta.equals("RegExp") || !BUILTIN.contains(meta));
    }

    @TruffleBoundary
    Object present(Proxy remote) {
        Shape shape = remote.shape();
        if (shape.has(Shape.EXECUTABLE)) {
            return presentations.of(remote, r -> call(client(2), r, new GuestFunction("prototypeOf", 1, a -> prototypeOf((Proxy) a[0])), shape.has(Shape.INSTANTIABLE)));
        }
        if ("Promise".equals(shape.metaSimpleName())) {
            int[] depth = subscribing.get();
            if (depth[0] > 0) {
                // The promise the owner's then() returns while a presentation subscribes: presenting it would
                // subscribe again, and so on without end (one then() per level); it is dropped, so it stays foreign.
                return remote;
            }
            return presentations.of(remote, r -> {
                depth[0]++;
                try {
                    return call(client(3), r);
                } finally {
                    depth[0]--;
                }
            });
        }
        if ("RegExp".equals(shape.metaSimpleName())) {
            return presentations.of(remote, r -> call(client(4), GuestOperations.apply(null, r, "regexp"), r));
        }
        return presentations.of(remote, r -> {
            Object chain = chainOf(r);
            InteropLibrary interop = InteropLibrary.getUncached();
            try {
                return call(client(1), r, shape.has(Shape.ITERABLE), interop.readArrayElement(chain, 0), interop.readArrayElement(chain, 1));
            } catch (InteropException e) {
                throw YonderError.create("cannot present a remote JS object: " + e.getMessage());
            }
        });
    }

    /** Whether a remote object is a generator object of a JS owner (what calling a {@code function*} or {@code async function*} returns). */
    static boolean isGenerator(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.JS) && shape.has(Shape.JS_GENERATOR) && !shape.has(Shape.EXECUTABLE | Shape.META_OBJECT);
    }

    /**
     * A generator object of the owner's as a generator of the receiver's own ({@code [object Generator]}, its own
     * iterator) that delegates to it with {@code yield*}: each {@code next}, {@code return} and {@code throw} is one
     * {@code GUEST_OPERATION gen}, answered by value ({@code [done, value]}).
     */
    @TruffleBoundary
    Object presentGenerator(Proxy remote) {
        return presentations.of(remote, r -> call(client(r.shape().has(Shape.JS_ASYNC) ? 8 : 7), r));
    }

    /** The typed arrays' kinds, which {@link #presentTyped} presents. */
    private static final Set<String> TYPED = Set.of("Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
                    "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array");

    /** Whether a remote object is a typed array of a JS owner. */
    static boolean isTyped(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.JS) && shape.has(Shape.ARRAY) && TYPED.contains(shape.metaSimpleName());
    }

    /**
     * A typed array of the owner's as the receiver's own typed array of the same kind over the owner's buffer: a view
     * by reference, so writes reach the owner and the owner's writes show (2 round trips to make it, and the two
     * GET_BUFFER_SIZE GraalJS asks; a scan of it then downloads, see RemoteBuffers).
     */
    @TruffleBoundary
    Object presentTyped(Proxy remote) {
        return presentations.of(remote, r -> call(client(6), r, r.shape().metaSimpleName(), GuestOperations.apply(null, r, "typed")));
    }

    /**
     * Whether a remote object is a plain JS object of the owner's that {@link #presentPlain} presents: one holding
     * methods, sealed, frozen, or made with {@code Object.create} (a record, {@link Shape#DATA}, with none of these goes
     * to {@link JsRecords}).
     */
    static boolean isPlain(Proxy remote) {
        Shape shape = remote.shape();
        if (!shape.has(Shape.JS) || !shape.has(Shape.MEMBERS) || shape.has(Shape.EXECUTABLE | Shape.INSTANTIABLE | Shape.ARRAY | Shape.BUFFER | Shape.EXCEPTION |
                        Shape.ITERATOR | Shape.HASH | Shape.META_OBJECT | Shape.DATE | Shape.TIME | Shape.NUMBER | Shape.STRING | Shape.BOOLEAN)) {
            return false;
        }
        String meta = shape.metaSimpleName();
        if (meta == null ? !shape.has(Shape.JS_NULL_PROTO) : !meta.equals("Object")) {
            return false;
        }
        return !shape.has(Shape.DATA) || shape.has(Shape.JS_NULL_PROTO | Shape.JS_OWN_PROTO | Shape.NOT_EXTENSIBLE | Shape.FROZEN);
    }

    /**
     * A plain JS object of the owner's as the receiver's own: a frozen one is a frozen local copy (made with one member
     * scan); any other is a Proxy (see {@link JsRecords}) whose function members are methods called by name, which
     * mirrors the owner's integrity if that is sealed, and whose prototype is {@code Object.prototype}, none, or the
     * presented prototype of an {@code Object.create(proto)} (described for this object: such prototypes have no class
     * to key them by).
     */
    @TruffleBoundary
    Object presentPlain(Proxy remote) {
        Shape shape = remote.shape();
        return presentations.of(remote, r -> {
            int protoKind = shape.has(Shape.JS_NULL_PROTO) ? 1 : shape.has(Shape.JS_OWN_PROTO) ? 2 : 0;
            Object proto = protoKind == 2 ? prototypeOf(r) : Boolean.FALSE;
            int flags = 1 | (shape.has(Shape.FROZEN) ? 4 : shape.has(Shape.NOT_EXTENSIBLE) ? 2 : 0);
            Object names = shape.methods() == null ? Boolean.FALSE : new PythonCallables.Values(shape.methods().toArray());
            return call(client(5), r, shape.has(Shape.ITERABLE), protoKind, proto, flags, names);
        });
    }

    /**
     * The presented prototype (the last one's prototype the receiver's built-in) and the name of that built-in, for an
     * instance of the owner's code; described once per session and type.
     */
    @TruffleBoundary
    Object[] chain(Proxy remote) {
        Object chain = chainOf(remote);
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            return new Object[]{interop.readArrayElement(chain, 0), interop.asString(interop.readArrayElement(chain, 1))};
        } catch (InteropException e) {
            throw YonderError.create("cannot present a remote JS object: " + e.getMessage());
        }
    }

    /**
     * [presented prototype, built-in name] of an instance's remote type: described once per session and shape, whose
     * variant tells same-named classes apart.
     */
    private Object chainOf(Proxy remote) {
        if (remote.shape().variant() == Shape.UNSHARED) {
            return protoOf(remote);   // one of many same-named classes of the owner's (Shape.variant): asked per object
        }
        synchronized (chains) {
            Object chain = chains.computeIfAbsent(remote.owner(), s -> new HashMap<>()).get(remote.shape());
            if (chain != null) {
                return chain;
            }
        }
        Object chain = protoOf(remote);
        synchronized (chains) {
            Object raced = chains.get(remote.owner()).putIfAbsent(remote.shape(), chain);
            return raced != null ? raced : chain;
        }
    }

    private Object protoOf(Proxy remote) {
        Object described = GuestOperations.apply(null, remote, "describe");
        Object sessionKnown;
        synchronized (known) {
            sessionKnown = known.get(remote.owner());
        }
        if (sessionKnown == null) {
            sessionKnown = env.parsePublic(Source.newBuilder("js", "new Map()", "yonder-prototypes.js").internal(true).build()).call();
            synchronized (known) {
                Object raced = known.putIfAbsent(remote.owner(), sessionKnown);
                sessionKnown = raced != null ? raced : sessionKnown;
            }
        }
        return call(client(0), described, remote, sessionKnown);
    }

    /** A presented class's {@code prototype}: the first presented prototype of its chain. */
    private Object prototypeOf(Proxy remote) {
        try {
            return InteropLibrary.getUncached().readArrayElement(protoOf(remote), 0);
        } catch (InteropException e) {
            throw YonderError.create("cannot present a remote JS class: " + e.getMessage());
        }
    }

    /** On the owner: the JS operation {@code name} applied to {@code target} (see {@link #OWNER}). */
    @TruffleBoundary
    Object operate(Object target, String name, Object[] args) throws InteropException {
        if (!OPERATIONS.contains(name)) {
            throw UnsupportedMessageException.create();
        }
        if ((name.equals("call_as") || name.equals("protoGet")) && (args.length < 2 || !(args[1] instanceof String member) || Exposure.isHidden(member))) {
            throw UnknownIdentifierException.create(args.length > 1 ? String.valueOf(args[1]) : "");
        }
        if (name.equals("define") && (args.length != 3 || !(args[0] instanceof String member) || Exposure.isHidden(member) || !(args[2] instanceof Number))) {
            throw UnknownIdentifierException.create(args.length > 0 ? String.valueOf(args[0]) : "");
        }
        if (name.equals("call_own") && (args.length < 2 || !(args[0] instanceof String member) || Exposure.isHidden(member))) {
            throw UnknownIdentifierException.create(args.length > 0 ? String.valueOf(args[0]) : "");
        }
        if (SYMBOL_KEYED.contains(name) && (args.length < 1 || !(args[0] instanceof String || isSymbol(args[0])))) {
            throw UnknownIdentifierException.create(args.length > 0 ? String.valueOf(args[0]) : "");
        }
        for (int i = 0; i < Math.min(args.length, name.equals("call_own") || name.equals("gen") || name.equals("agen") || name.equals("define") ? 1 : name.equals("call_with") || SYMBOL_KEYED.contains(name) ? 0 : 2); i++) {
            if (!(args[i] instanceof String)) {
                throw UnknownIdentifierException.create(String.valueOf(args[i]));
            }
        }
        if (owner == null) {
            Object make = env.parsePublic(Source.newBuilder("js", OWNER, "yonder-owner.js").internal(true).build()).call();
            owner = call(make, new GuestFunction("hidden", 1, a -> Exposure.isHidden(String.valueOf(a[0]))));
        }
        return InteropLibrary.getUncached().execute(owner, name, target, new PythonCallables.Values(args));
    }

    /** Whether a local value is a JS symbol (GraalJS's own class of them, which exports no members). */
    static boolean isSymbol(Object value) {
        return value != null && value.getClass().getName().equals("com.oracle.truffle.js.runtime.Symbol");
    }

    /** Presented remote promises that have not settled: the event loop of {@code yonder run} waits for them. */
    final java.util.concurrent.atomic.AtomicInteger unsettled = new java.util.concurrent.atomic.AtomicInteger();
    private final GuestFunction waiting = new GuestFunction("waiting", 1, a -> unsettled.addAndGet(a[0] instanceof Number n ? n.intValue() : 0));

    /**
     * An async call's future (remote/RemoteFuture) as the caller's own Promise, settled through its job queue; it keeps
     * the future's {@code get()} (waits, serving the context) and {@code isDone()}. The event loop waits for it as for
     * the call (a pending call). A script of its own, so that the first async call does not wait for the presenters'
     * larger one to be parsed.
     */
    private static final String PROMISE_OF = """
                    (function () {
                      'use strict';
                      const FUTURE = Symbol('future');
                      const SUBSCRIBE = Symbol('subscribe');
                      // A Promise with the future's get() and isDone(), and call(member, ...args), which calls a method
                      // of the answer-to-be at once (pipelined); what then() derives from it is a plain Promise. It
                      // subscribes to the answer on its first then() (await, Promise.all and catch call it): the steps
                      // of a pipelined chain that nobody awaits are not presented, so a remote object among them is
                      // not asked whether it is a thenable.
                      class AsyncCall extends Promise {
                        static get [Symbol.species]() { return Promise; }
                        get() { return this[FUTURE].get(); }
                        isDone() { return this[FUTURE].isDone(); }
                        call(member, ...args) { return make(this[FUTURE].call(member, ...args)); }
                        cancel() { this[FUTURE].cancel(); return this; }
                        then(onValue, onError) {
                          const subscribe = this[SUBSCRIBE];
                          if (subscribe) { this[SUBSCRIBE] = null; subscribe(); }
                          return super.then(onValue, onError);
                        }
                      }
                      const make = (future) => {
                        let settle;
                        const p = new AsyncCall((resolve, reject) => { settle = [resolve, reject]; });
                        p[FUTURE] = future;
                        p[SUBSCRIBE] = () => future.then(settle[0], settle[1]);
                        return p;
                      };
                      return make;
                    })
                    """;
    private Object promiseOf;

    @TruffleBoundary
    Object promiseOf(Object future) {
        if (promiseOf == null) {
            Object make = env.parsePublic(Source.newBuilder("js", PROMISE_OF, "yonder-promise.js").internal(true).build()).call();
            promiseOf = call(make);
        }
        return call(promiseOf, future);
    }

    /** The client's JS functions: 0 protoOf, 1 instance, 2 klass, 3 promise, 4 regexp, 5 plain, 6 typed, 7 generator, 8 asyncGenerator. */
    private Object client(int which) {
        if (client == null) {
            Object make = env.parsePublic(Source.newBuilder("js", CLIENT, "yonder-objects.js").internal(true).build()).call();
            client = call(make, records.factory(), records.frozenFactory(), GuestOperation.FUNCTION, new GuestFunction("invoke", -1, JsObjects::invoke), waiting);
        }
        try {
            return InteropLibrary.getUncached().readArrayElement(client, which);
        } catch (InteropException e) {
            throw YonderError.create("cannot present a remote JS object: " + e.getMessage());
        }
    }

    /** The receiver's {@code invoke(remote, name, ...args)}: one INVOKE_MEMBER (a JS call {@code r[k](...)} on a foreign object reads, then executes). */
    @TruffleBoundary
    private static Object invoke(Object[] arguments) {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            return interop.invokeMember(arguments[0], interop.asString(arguments[1]), java.util.Arrays.copyOfRange(arguments, 2, arguments.length));
        } catch (InteropException e) {
            throw YonderError.create("cannot call the remote object: " + e.getMessage());
        }
    }

    private static Object call(Object function, Object... args) {
        return GuestFunction.call("cannot present a remote JS object", function, args);
    }
}
