package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yonder.tests.RawFrames.frame;
import static org.yonder.tests.RawFrames.readFrame;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * A JS client gets instances of a JS owner's classes as JS objects of its own (issue 8, item 3 "foreign, not native"):
 * their prototype chain is the owner's classes' prototypes, presented, ending in the client's {@code Object.prototype};
 * the classes are JS functions that a local class may extend; Maps, Sets and Promises are the client's own kinds. A
 * method call stays one round trip and a class is described once per session; a hostile peer's own GUEST_OPERATION
 * frames reach only the fixed table.
 */
class JsObjectsTest extends ReceiversServers {

    @Test
    void instancesHaveTheOwnersPrototypeChain() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true true true true true false true false Hound",
                            jsRun(client, "const h = fx.hound; [h instanceof fx.Hound, h instanceof fx.Animal, Object.getPrototypeOf(h) === fx.Hound.prototype,"
                                            + " Object.getPrototypeOf(fx.Hound.prototype) === fx.Animal.prototype, h.constructor.prototype === Object.getPrototypeOf(h),"
                                            + " h.hasOwnProperty('speak'), Object.isExtensible(h), Object.isFrozen(h), h.constructor.name].join(' ')"));
            assertEquals("true", jsRun(client, "const C = fx.hound.constructor; String(C === fx.hound.constructor && new C('Al').speak() === 'Al bays')"));
            assertEquals("constructor,speak,base", jsRun(client, "Object.getOwnPropertyNames(fx.Hound.prototype).join(',')"));
            assertEquals("name", jsRun(client, "Object.keys(fx.hound).join(',')"), "own keys are the owner's object's own");
            assertEquals("true", jsRun(client, "String(fx.isHound(fx.hound))"), "and it goes back as the owner's own object");
        }
    }

    @Test
    void methodsAccessorsAndSuperRunTheOwnersCode() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("Bo bays|Bo makes a sound|Bo makes a sound|BO|lo makes a sound|Bo,hound",
                            jsRun(client, "const h = fx.makeHound('Bo'); const out = [h.speak(), h.base(), fx.Animal.prototype.speak.call(h), h.upper];"
                                            + " out.push(fx.Animal.prototype.speak.call({ name: 'lo' })); out.push([...h].join(',')); out.join('|')"));
            assertEquals("zed bays", jsRun(client, "const h = fx.makeHound('x'); h.upper = 'ZED'; h.speak()"), "a setter of the prototype runs on the owner");
            assertEquals("TypeError", jsRun(client, "try { fx.Hound('x'); 'called' } catch (e) { e.name }"), "a class is not callable without new");
        }
    }

    @Test
    void instancesOfSameNamedClassesKeepTheirOwnClass() {
        // Before: a presented instance's prototype chain was kept per shape, and two classes named Twin (a factory's)
        // have one shape, so the second class's instances got the first's prototype: b instanceof B was false.
        try (Context client = Yonder.client(js.url())) {
            assertEquals("b a true false true false true true",
                            Yonder.js(client, "const t = Polyglot.import('twins'); const b = t.b, a = t.a;"
                                            + " [b.who(), a.who(), a instanceof t.A, a instanceof t.B, b instanceof t.B, b instanceof t.A,"
                                            + " Object.getPrototypeOf(a) === t.A.prototype, Object.getPrototypeOf(b) === t.B.prototype].join(' ')").asString());
            assertEquals("70", Yonder.js(client, "const m = Polyglot.import('twins').many;"
                            + " String(m.filter(([C, x], i) => x instanceof C && x.who() === 't' + i && !(x instanceof m[(i + 1) % 70][0]) && Object.getPrototypeOf(x) === C.prototype).length)").asString(),
                            "past the 64 classes a session numbers apart, each instance is described on its own");
        }
    }

    @Test
    void aLocalClassExtendsARemoteOne() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("Pup: Rex bays|true|true|Rex bays",
                            jsRun(client, "class Pup extends fx.Hound { speak() { return 'Pup: ' + super.speak(); } }"
                                            + " const p = new Pup('Rex'); [p.speak(), p instanceof fx.Hound, p instanceof Pup, new fx.Hound('Rex').speak()].join('|')"));
        }
    }

    @Test
    void aClassListsItsOwnNamesStaticMethodsIncluded() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("length,name,prototype,named||Bo makes a sound",
                            jsRun(client, "[Object.getOwnPropertyNames(fx.Animal).join(), Object.keys(fx.Animal).join(), fx.Animal.named('Bo').speak()].join('|')"),
                            "as locally: a static method is an own name, not enumerable");
        }
    }

    @Test
    void mapsSetsAndPromisesAreTheClientsOwnKinds() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true [object Map] 2 1 a=1,b=2 true Map|true [object Set] 3 true 1,2,3|true [object Promise]",
                            jsRun(client, "const m = fx.map, s = fx.set, p = fx.resolved;"
                                            + " [m instanceof Map, Object.prototype.toString.call(m), m.size, m.get('a'), [...m].map(([k, v]) => k + '=' + v).join(','), m.has('b'), m.constructor.name].join(' ')"
                                            + " + '|' + [s instanceof Set, Object.prototype.toString.call(s), s.size, s.has(2), [...s].join(',')].join(' ')"
                                            + " + '|' + [p instanceof Promise, Object.prototype.toString.call(p)].join(' ')"));
            assertEquals("3", jsRun(client, "fx.map.set('c', 3); String(fx.map.size)"), "a write reaches the owner's Map");
            Yonder.js(client, "var settled = []; const fx = Polyglot.import('fx'); fx.resolved.then(v => settled.push('value ' + v));"
                            + " fx.rejected().catch(e => settled.push(e.name + ' ' + e.message));");
            String settled = "";
            for (int i = 0; i < 200 && !settled.contains(","); i++) {
                settled = Yonder.js(client, "settled.sort().join(',')").asString();
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            assertEquals("RangeError later,value 7", settled);
        }
    }

    @Test
    void errorValuesAndRegExpsAreTheClientsOwnKinds() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true true true [object Error] AppError 7 bad thing AppError: bad thing true",
                            jsRun(client, "const e = fx.makeError(7); [e instanceof RangeError, e instanceof fx.AppError, e instanceof Error, Object.prototype.toString.call(e),"
                                            + " e.name, e.code, e.message, String(e), e.constructor === Object.getPrototypeOf(e).constructor].join(' ')"));
            assertEquals("true a#c#d [\"bb\",\"bbb\"] b+/g true",
                            jsRun(client, "const r = fx.pattern; [r instanceof RegExp, 'abbcbbbd'.replace(r, '#').replace(/b+/, '#'), JSON.stringify('abbcbbbd'.match(r)),"
                                            + " r.source + '/' + r.flags, r === fx.pattern].join(' ')"));
        }
    }

    @Test
    void aMethodCallIsOneRoundTripAndAClassIsDescribedOnce() {
        try (Context client = Yonder.client(js.url())) {
            String counts = Yonder.js(client, """
                            const conn = Polyglot.eval('yonder', '%s');
                            const fx = conn.root('fx');
                            const stats = () => conn.stats();
                            const cost = (f) => { const a = stats(), rt = a.roundTrips, ops = a.GUEST_OPERATION || 0; f(); const b = stats(); return [b.roundTrips - rt, (b.GUEST_OPERATION || 0) - ops]; };
                            const make = fx.makeHound;
                            const first = cost(() => make('a'));
                            const next = cost(() => { for (let i = 0; i < 5; i++) make('b' + i); });
                            const h = make('c');
                            const call = cost(() => h.speak());
                            const base = cost(() => h.base());
                            [first, next, call, base].map((c) => c.join('/')).join(' ');
                            """.formatted(js.url())).asString();
            assertEquals("2/2 5/5 1/0 1/0", counts,
                            "makeHound read off the root and called detached is one call_own each (the root's own method with this undefined), "
                                            + "and the first Hound is described once, none of the next five; a method call is one INVOKE_MEMBER, and so is one that calls super");
        }
    }

    @Test
    void plainObjectsKeepTheirPrototypeIntegrityAndMethods() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true true false 1 3 true true true",
                            jsRun(client, "const c = fx.counter; [Object.getPrototypeOf(c) === Object.prototype, Object.isExtensible(c), Object.isFrozen(c),"
                                            + " c.bump(1) - c.n + 1, c.arrow(1, 2), c.bump === c.bump, fx.isCounter(c), Object.keys(c).join() === 'n,bump,arrow'].join(' ')"));
            assertEquals("true true fast live TypeError: Cannot assign to read only property 'mode' of [object Object] 1",
                            jsRun(client, "const f = fx.config; const out = [Object.isFrozen(f), Object.getPrototypeOf(f) === Object.prototype, f.mode, f.now];"
                                            + " try { (function () { 'use strict'; f.mode = 'slow'; })(); } catch (e) { out.push(e.name + ': ' + e.message.replace(/ of .*/, ' of [object Object]')); }"
                                            + " out.push(Object.keys(f).indexOf('limit')); out.join(' ')"));
            assertEquals("true false false 5 TypeError",
                            jsRun(client, "const b = fx.sealedBox; const out = [Object.isSealed(b), Object.isFrozen(b), Object.isExtensible(b)];"
                                            + " b.v = 5; out.push(fx.sealedBox.v); try { (function () { 'use strict'; b.w = 1; })(); out.push('added'); } catch (e) { out.push(e.name); } out.join(' ')"));
            assertEquals("true TypeError v", jsRun(client, "const n = fx.bare; const out = [Object.getPrototypeOf(n) === null];"
                            + " try { String(n); } catch (e) { out.push(e.name); } out.push(n.k); out.join(' ')"));
            assertEquals("own,inherited,hello|hi me|false", jsRun(client, "const c = fx.child; const keys = []; for (const k in c) keys.push(k);"
                            + " [keys.join(), c.hello(), Object.getPrototypeOf(c) === Object.prototype].join('|')"));
        }
    }

    @Test
    void aPlainObjectsMethodIsOneCallAndAFrozenOneIsCopiedOnce() {
        try (Context client = Yonder.client(js.url())) {
            String counts = Yonder.js(client, """
                            const conn = Polyglot.eval('yonder', '%s');
                            const fx = conn.root('fx');
                            const cost = (f) => { const rt = conn.stats().roundTrips; f(); return conn.stats().roundTrips - rt; };
                            let c, f;
                            [cost(() => { c = fx.counter; }), cost(() => c.bump(1)), cost(() => c.bump(1)),
                             cost(() => { f = fx.config; }), cost(() => { for (let i = 0; i < 10; i++) [f.mode, f.limit, f.nested]; })].join(' ');
                            """.formatted(js.url())).asString();
            assertEquals("1 1 1 3 0", counts, "the methods are named in the shape: a call is one INVOKE_MEMBER with no read;"
                            + " a frozen object is its reference, names and values once, then local reads");
        }
    }

    @Test
    void aRemotePromiseSettlesWithNoFurtherRequest() throws InterruptedException {
        try (Context client = Yonder.client(js.url())) {
            jsRun(client, "globalThis.got = 'pending'; fx.later(4).then((v) => { got = 'resolved ' + v; }); 'sent'");
            String got = "";
            for (int i = 0; i < 250 && !(got = jsRun(client, "Polyglot.eval('yonder', 'poll'); got")).startsWith("resolved"); i++) {
                Thread.sleep(20);
            }
            assertEquals("resolved 5", got, "the owner runs its promise jobs after each request, so it calls back by itself");
            String cost = Yonder.js(client, """
                            const conn = Polyglot.eval('yonder', '%s');
                            const root = conn.root('fx');
                            const before = conn.stats();
                            root.later(1);
                            const after = conn.stats();
                            [after.roundTrips - before.roundTrips, after.requestsServed - before.requestsServed].join(' ');
                            """.formatted(js.url())).asString();
            assertEquals("2 1", cost, "the call, one then() (whose own promise is not subscribed to again), and the owner's one callback");
        }
    }

    @Test
    void aFunctionThatIsNotAClassIsAJsFunctionWithoutConstruct() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("function true false 3 TypeError length,name",
                            jsRun(client, "const a = fx.counter.arrow; const out = [typeof a, Object.isExtensible(a), Object.isFrozen(a), a(1, 2)];"
                                            + " try { new a(); out.push('made'); } catch (e) { out.push(e.name); } out.push(Object.getOwnPropertyNames(a).join()); out.join(' ')"));
            assertEquals("function true false 5 TypeError length,name true",
                            jsRun(client, "const a = fx.makeAdder(2); const out = [typeof a, Object.isExtensible(a), Object.isFrozen(a), a(3)];"
                                            + " try { new a(); out.push('made'); } catch (e) { out.push(e.name); } out.push(Object.getOwnPropertyNames(a).join());"
                                            + " out.push(a instanceof Function); out.join(' ')"));
        }
    }

    @Test
    void aFunctionInstalledAsAMethodOfARemoteObjectGetsItsThis() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("box:7 undefined:1 true", jsRun(client, "const b = fx.box; b.handler = function (x) { return this === undefined ? 'undefined' : this.name + ':' + x; };"
                            + " const h = b.handler; [b.run(7), b.runDetached(), h === b.handler].join(' ')"),
                            "the owner calls it as its method: this is the owner's object, which the client sees as its presentation; called bare, a sloppy function's this is the global object, as locally");
        }
    }

    @Test
    void aGeneratorIsAGeneratorOfTheClientsThatDelegatesToTheOwners() {
        // Before: GraalJS's foreign object ([object Object], not its own iterator), iterated one ADVANCE_ITERATOR per element.
        try (Context client = Yonder.client(js.url())) {
            assertEquals("[object Generator] true {\"value\":5,\"done\":false} {\"value\":3,\"done\":false} [2,1] {\"done\":true}",
                            jsRun(client, "const g = fx.countdown(5); [Object.prototype.toString.call(g), g[Symbol.iterator]() === g, JSON.stringify(g.next()),"
                                            + " JSON.stringify(g.next(true)), JSON.stringify([...g]), JSON.stringify(g.next())].join(' ')"));
            assertEquals("{\"value\":\"done\",\"done\":true} {\"value\":7,\"done\":true} RangeError stop {\"done\":true}",
                            jsRun(client, "const k = fx.countdown(1); k.next(); const h = fx.countdown(3); h.next(); const t = fx.countdown(3); t.next(); let caught;"
                                            + " try { t.throw(new RangeError('stop')); } catch (e) { caught = e.name + ' ' + e.message; }"
                                            + " [JSON.stringify(k.next()), JSON.stringify(h.return(7)), caught, JSON.stringify(t.next())].join(' ')"),
                            "the owner's return value, return() and throw() reach the owner's generator");
            String counts = Yonder.js(client, """
                            const conn = Polyglot.eval('yonder', '%s');
                            const fx = conn.root('fx');
                            const b = conn.stats();
                            const all = [...fx.countdown(4)];
                            const a = conn.stats();
                            all.join() + ' ' + (a.GUEST_OPERATION - (b.GUEST_OPERATION || 0)) + ' ' + (a.roundTrips - b.roundTrips);
                            """.formatted(js.url())).asString();
            assertEquals("4,3,2,1 5 6", counts, "one call, then one GUEST_OPERATION gen per step (four values and the end)");
        }
    }

    @Test
    void symbolsAreTheClientsOwnAndKeyTheOwnersMembers() {
        // Before: a symbol arrived as an object (typeof 'object', equal to nothing of the client's), and symbol-keyed
        // members of the owner's objects were invisible (Object.getOwnPropertySymbols(o).length 0).
        try (Context client = Yonder.client(js.url())) {
            assertEquals("symbol tag true true true true", jsRun(client, "const sx = fx.sym; const t = sx.tag; [typeof t, t.description, t === sx.tag, sx.isTag(t), sx.echo(t) === t,"
                            + " sx.echo(Symbol.iterator) === Symbol.iterator].join(' ')"),
                            "a unique symbol of the owner's is one symbol of the client's that goes back as the owner's; a well-known one is the client's own");
            assertEquals("symbol true false", jsRun(client, "const sx = fx.sym; const mine = Symbol('mine'); [sx.typeOf(mine), sx.echo(mine) === mine, sx.isTag(Symbol('tag'))].join(' ')"),
                            "the client's own symbol is a symbol of the owner's that comes back as the client's");
            assertEquals("Symbol(tag),Symbol(app.reg),Symbol(Symbol.toStringTag) hidden registered [object Tagged] visible {\"visible\":1} true",
                            jsRun(client, "const sx = fx.sym; const o = sx.tagged; [Object.getOwnPropertySymbols(o).map(String).join(), o[sx.tag], o[Symbol.for('app.reg')],"
                                            + " Object.prototype.toString.call(o), Object.keys(o).join(), JSON.stringify(o), sx.tag in o].join(' ')"));
            assertEquals("changed changed 2 undefined", jsRun(client, "const sx = fx.sym; const o = sx.tagged; o[sx.tag] = 'changed'; const seen = sx.readKey(o, sx.tag);"
                            + " const d = Object.getOwnPropertyDescriptor(o, sx.tag).value; delete o[Symbol.for('app.reg')];"
                            + " [seen, d, Object.getOwnPropertySymbols(o).length, String(sx.readKey(o, Symbol.for('app.reg')))].join(' ')"),
                            "writes and deletes of the owner's symbol keys reach the owner's object");
            assertEquals("refused owner 2 refused owner", jsRun(client, "const sx = fx.sym; const o = sx.runner, run = Symbol.for('app.run'), data = Symbol.for('app.data');"
                            + " const r1 = (() => { try { o[run] = () => 'forged'; return 'replaced'; } catch (e) { return 'refused'; } })(); const first = o[run]();"
                            + " o[data] = 2; const d = o[data];"
                            + " const r2 = (() => { try { delete o[run]; return 'removed'; } catch (e) { return 'refused'; } })();"
                            + " [r1, first, d, r2, sx.runner[run]()].join(' ')"),
                            "the integrity rule: a peer cannot replace or remove a method under a symbol key (a data member it can)");
            assertEquals("1,2,3,4 [object Range] 1..4 3", jsRun(client, "const sx = fx.sym; const r = sx.ranged; [[...r].join(), Object.prototype.toString.call(r), `${r}`, +r].join(' ')"),
                            "a class's symbol-keyed methods and accessors (iterator, toStringTag, toPrimitive) run on the owner");
            String counts = Yonder.js(client, """
                            const conn = Polyglot.eval('yonder', '%s');
                            const sx = conn.root('fx').sym;
                            const cost = (f) => { const b = conn.stats(); f(); const a = conn.stats(); return a.roundTrips - b.roundTrips; };
                            let t, o = sx.box;
                            let u;
                            [cost(() => { t = sx.fresh(); }), cost(() => { u = sx.echo(t); }), t === u, cost(() => o[Symbol.toPrimitive]), cost(() => Object.prototype.toString.call(o))].join(' ');
                            """.formatted(js.url())).asString();
            assertEquals("2 1 true 0 0", counts, "a new unique symbol is described once per session (the call, then GUEST_OPERATION symbol); an object with no symbol keys answers them locally");
        }
    }

    @Test
    void anAsyncGeneratorIsAnAsyncGeneratorOfTheClientsThatDelegatesToTheOwners() throws InterruptedException {
        // Before: a foreign object ([object Object]) that for await could not iterate ("is not iterable").
        try (Context client = Yonder.client(js.url())) {
            jsRun(client, """
                            globalThis.got = 'pending';
                            (async () => {
                              const conn = Polyglot.eval('yonder', '%s');
                              const g = conn.root('fx').ticks(3);
                              const tag = Object.prototype.toString.call(g);
                              const before = conn.stats();
                              const seen = [];
                              for await (const x of g) seen.push(x);
                              const after = conn.stats();
                              const k = fx.ticks(1);
                              await k.next();
                              const last = await k.next();
                              const t = fx.ticks(3);
                              await t.next();
                              let caught;
                              try { await t.throw(new RangeError('stop')); } catch (e) { caught = (e instanceof RangeError) + ' ' + e.message; }
                              got = [tag, g[Symbol.asyncIterator]() === g, seen.join(), JSON.stringify(last), caught, JSON.stringify(await t.next()),
                                (after.GUEST_OPERATION || 0) - (before.GUEST_OPERATION || 0)].join(' ');
                            })().catch((e) => { got = 'failed ' + e; });
                            'started';
                            """.formatted(js.url()));
            String got = "";
            for (int i = 0; i < 500 && (got = jsRun(client, "Polyglot.eval('yonder', 'poll'); got")).equals("pending"); i++) {
                Thread.sleep(20);
            }
            assertEquals("[object AsyncGenerator] true 1,2,3 {\"value\":\"end\",\"done\":true} true stop {\"done\":true} 4", got,
                            "each step is one GUEST_OPERATION agen (three values and the end); the owner's return value and throw() reach the owner's generator");
        }
    }

    @Test
    void aTypedArrayIsTheClientsOwnViewOfTheOwnersBuffer() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true true false [object Int32Array] {\"0\":1,\"1\":2,\"2\":3,\"3\":-4} true true",
                            jsRun(client, "const t = fx.samples; [t instanceof Int32Array, ArrayBuffer.isView(t), Array.isArray(t), Object.prototype.toString.call(t),"
                                            + " JSON.stringify(t), t === fx.samples, fx.isSamples(t)].join(' ')"));
            assertEquals("5 9 3 [object Float64Array] 6", jsRun(client, "const t = fx.samples; t[0] = 2 ** 33 + 5; fx.setSample(1, 9); t[2] = 3.7;"
                            + " [fx.sampleAt(0), t[1], fx.sampleAt(2), fx.sumOf(new Float64Array([1, 2, 3]))].join(' ')"));
            String counts = Yonder.js(client, """
                            const conn = Polyglot.eval('yonder', '%s');
                            const fx = conn.root('fx');
                            const cost = (f) => { const b = conn.stats(); f(); const a = conn.stats(); return a.roundTrips - b.roundTrips + '(' + Object.keys(a).filter((k) => /^[A-Z_]+$/.test(k) && a[k] !== b[k]).map((k) => k + (a[k] - (b[k] || 0))).join() + ')'; };
                            let w, s = 0, x;
                            [cost(() => { w = fx.wave; }), cost(() => { for (const v of w) s += v; }), s, cost(() => { x = w[5]; }), x,
                             cost(() => { for (let i = 0; i < w.length; i++) s += w[i]; })].join(' ');
                            """.formatted(js.url())).asString();
            assertEquals("4(READ_MEMBER2,GET_BUFFER_SIZE1,GUEST_OPERATION1) 2(READ_BUFFER2) 59997 1(READ_BUFFER1) 5 2(READ_BUFFER2)", counts,
                            "made with the member read, the operation, the buffer and its size; a scan of 20,000 doubles is the first element, then one"
                                            + " download of the rest; a single read is one round trip");
        }
    }

    /**
     * A hostile peer that sends GUEST_OPERATION frames itself reaches only the fixed table: another name is refused,
     * {@code call_as} refuses hidden names and prototypes outside the target's own chain.
     */
    @Test
    void aPeerReachesOnlyTheTableOfOperations() throws IOException {
        URI uri = URI.create(js.url());
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(frame(1, 1, 1));
            assertEquals(3, readFrame(in)[0], "REPLY to HELLO");
            long hound = rootId(out, in, 2, "hound");
            long other = rootId(out, in, 3, "otherInstance");
            out.write(frame(105, 4, hound, "describe"));
            String described = String.valueOf(((Object[]) readFrame(in)[3])[0]);
            Matcher ids = Pattern.compile("\"2\",\\s*\"(\\d+)\",\\s*\"Hound\",.*\"(\\d+)\",\\s*\"Animal\",.*\"Object\"").matcher(described);
            assertTrue(ids.find(), "two prototypes of the owner's code, then Object: " + described);
            String houndProto = ids.group(1);
            String animalProto = ids.group(2);
            out.write(frame(105, 5, hound, "call_as", animalProto, "speak"));
            assertEquals("Bo makes a sound", ((Object[]) readFrame(in)[3])[0], "a prototype of the target's chain runs its own method");
            // THROW's target is its error kind: 1 UNSUPPORTED_MESSAGE (no such operation), 2 UNKNOWN_IDENTIFIER (a refused name).
            Object[][] refused = {{1L, "eval", "1+1"}, {1L, "constructor"}, {2L, "call_as", houndProto, "constructor"}, {2L, "call_as", houndProto, "__proto__"},
                            {2L, "protoGet", animalProto, "__defineGetter__"}, {2L, "call_as", 7, "speak"}, {2L, "call_own", "constructor", 0},
                            {2L, "call_own", "__defineGetter__", 0}, {2L, "call_own", 7, 0}, {2L, "symget", 7}, {2L, "symset"}, {2L, "symcall", 1.5}};
            for (Object[] attack : refused) {
                out.write(frame(105, 6, hound, java.util.Arrays.copyOfRange(attack, 1, attack.length)));
                Object[] answer = readFrame(in);
                assertEquals(4, answer[0], "THROW for " + java.util.Arrays.toString(attack));
                assertEquals(attack[0], answer[2], "error kind for " + java.util.Arrays.toString(attack) + ": " + java.util.Arrays.toString((Object[]) answer[3]));
            }
            for (String key : new String[]{"@@constructor", "@@for", "constructor", "@@__proto__"}) {
                out.write(frame(105, 6, hound, "symget", key));
                Object[] answer = readFrame(in);
                assertEquals(4, answer[0], "a symbol key that names no symbol is a THROW: " + key);
                assertTrue(String.valueOf(((Object[]) answer[3])[0]).contains("not a symbol key"), java.util.Arrays.toString((Object[]) answer[3]));
            }
            out.write(frame(105, 7, other, "call_as", houndProto, "speak"));
            Object[] foreign = readFrame(in);
            assertEquals(4, foreign[0], "Hound's method on an object whose chain does not hold Hound.prototype is refused");
            assertNotEquals("undefined bays", ((Object[]) foreign[3])[0]);
        }
        try (Context client = Yonder.client(js.url())) {
            assertEquals("Bo bays", jsRun(client, "fx.hound.speak()"), "the server keeps serving");
        }
    }

    private static long rootId(DataOutputStream out, DataInputStream in, int request, String name) throws IOException {
        out.write(frame(2, request, 0, name));
        Object[] root = readFrame(in);
        Matcher ref = Pattern.compile("^\\[1,(\\d+),").matcher((String) ((Object[]) root[3])[0]);
        assertTrue(ref.find(), "a REF: " + ((Object[]) root[3])[0]);
        return Long.parseLong(ref.group(1));
    }
}
