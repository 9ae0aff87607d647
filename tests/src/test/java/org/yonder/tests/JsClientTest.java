package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A JS client uses a JS server's objects, in another process over TCP, as native values. */
class JsClientTest extends SvcServer {
    Context client;

    @BeforeEach
    void connect() {
        client = Yonder.client(server.url());
        Yonder.js(client, "var svc = Polyglot.import('svc');");
    }

    @AfterEach
    void close() {
        client.close();
    }

    private Value js(String code) {
        return Yonder.js(client, code);
    }

    @Test
    void readsMembersAndPrimitivesByValue() {
        assertEquals("svc", js("svc.name").asString());
        assertEquals(42, js("svc.value").asInt());
        assertEquals("number", js("typeof svc.value").asString());
        assertEquals("function", js("typeof svc.add").asString());
        assertEquals("object", js("typeof svc").asString());
        assertEquals("hello", js("Polyglot.import('greeting')").asString());
        assertEquals("undefined", js("typeof svc.missing").asString());
    }

    @Test
    void seedsCallPassesLocalObjectsByReferenceAndGetsCalledBack() {
        Value r = js("const y = { greet(who) { return 'hi ' + who; } }; [svc.foo(1, [1, 2, 3], y), y.seen]");
        assertEquals("a=1 sum=6 y=hi server", r.getArrayElement(0).asString());
        assertEquals(6, r.getArrayElement(1).asInt());
    }

    @Test
    void writesMembersOnTheOwner() {
        assertEquals(7, js("svc.counter = 5; svc.counter += 2; svc.counter").asInt());
        assertEquals(true, js("svc.extra = 'new'; Object.keys(svc).includes('extra')").asBoolean());
        assertEquals(false, js("delete svc.extra; Object.keys(svc).includes('extra')").asBoolean());
    }

    @Test
    void objectKeysForOfAndJsonStringify() {
        assertEquals("name,value,counter,items,frozen,buf,big,when,data,frozenData,settings,kinds,wide,colors,table,ticks", js("Object.keys(svc).filter(k => typeof svc[k] !== 'function').join()").asString());
        assertEquals(6, js("let s = 0; for (const v of svc.items) s += v; s").asInt());
        assertEquals("[1,2,3]", js("JSON.stringify(svc.items)").asString());
        assertEquals("{\"i\":0}", js("JSON.stringify(svc.makeObjects(1)[0])").asString());
        String bigints = "(k, v) => typeof v === 'bigint' ? String(v) + 'n' : v";
        assertTrue(js("JSON.stringify(svc, " + bigints + ")").asString().startsWith("{\"name\":\"svc\",\"value\":42,\"counter\":"));
        assertEquals("TypeError", js("try { JSON.stringify(svc); 'no error' } catch (e) { e.name }").asString(), "svc.big is a BigInt, which JSON refuses, as locally");
    }

    @Test
    void indexesAndChangesARemoteArray() {
        Value r = js("""
                        const items = svc.items;
                        const before = [items.length, items[0], items[2]];
                        items[1] = 200;
                        items.push(4);
                        const after = Array.from(items);
                        items.pop();
                        items[1] = 2;
                        [JSON.stringify(before), JSON.stringify(after), Array.isArray(items), items.length]
                        """);
        assertEquals("[3,1,3]", r.getArrayElement(0).asString());
        assertEquals("[1,200,3,4]", r.getArrayElement(1).asString());
        assertTrue(r.getArrayElement(2).asBoolean());
        assertEquals(3, r.getArrayElement(3).asInt());
    }

    @Test
    void catchesServerErrorWithMessageAndServerFrames() {
        Value r = js("""
                        let result;
                        try { svc.fail('boom'); result = ['no error']; }
                        catch (e) { result = [e.message, String(e.stack), Polyglot.eval('yonder', 'stackOf')(e).join('|'), e instanceof Error]; }
                        result
                        """);
        assertEquals("boom", r.getArrayElement(0).asString());
        String stack = r.getArrayElement(1).asString();
        assertTrue(stack.contains("svc.js"), stack);
        String frames = r.getArrayElement(2).asString();
        assertTrue(frames.contains("fail (svc.js:"), frames);
    }

    @Test
    void remoteStackFramesNameFunctionsAndLines() {
        String frames = js("try { svc.failDeep('deep'); } catch (e) { Polyglot.eval('yonder', 'stackOf')(e).join('|') }").asString();
        assertTrue(frames.matches(".*inner \\(svc\\.js:\\d+:\\d+\\)\\|failDeep \\(svc\\.js:\\d+:\\d+\\).*"), frames);
        assertEquals("deep", js("try { svc.failDeep('deep'); } catch (e) { e.message }").asString());
    }

    @Test
    void unknownMemberGivesTheSameTypeErrorAsALocalForeignObject() {
        Value remote = js("try { svc.nope(); 'no error' } catch (e) { [e.name, e.message] }");
        client.getPolyglotBindings().putMember("localForeign", org.graalvm.polyglot.proxy.ProxyObject.fromMap(new java.util.HashMap<>()));
        Value local = js("try { Polyglot.import('localForeign').nope(); 'no error' } catch (e) { [e.name, e.message] }");
        assertEquals("TypeError", remote.getArrayElement(0).asString());
        assertEquals(local.getArrayElement(0).asString(), remote.getArrayElement(0).asString());
        assertTrue(remote.getArrayElement(1).asString().contains("Unknown identifier: nope"), remote.getArrayElement(1).asString());
    }

    @Test
    void arityAndTypeErrorsCrossWithTheirData() {
        Value r = js("try { svc.items[99] } catch (e) { 'threw ' + e }");
        assertEquals("undefined", r.toString(), "reading past the end of a remote array is undefined, as for a local one");
        String notCallable = js("try { svc.value(); 'no error' } catch (e) { e.name + ': ' + e.message }").asString();
        assertTrue(notCallable.startsWith("TypeError"), notCallable);
    }

    @Test
    void callbacksAtAnyDepthDoNotDeadlock() {
        assertEquals(20, js("const cb = n => n === 0 ? 0 : 1 + svc.pingPong(cb, n - 1); svc.pingPong(cb, 20)").asInt());
        assertEquals(5, js("let seen = []; svc.callBack(i => seen.push(i), 5); seen.length").asInt());
    }

    @Test
    void identityHoldsBothWays() {
        assertTrue(js("const y = {}; svc.identity(y) === y").asBoolean(), "a local object that travels home unwraps to the original");
        assertTrue(js("svc.items === svc.items").asBoolean(), "one proxy per remote object");
        assertTrue(js("const z = {}; svc.same(z, z)").asBoolean(), "the server sees one proxy per client object");
        assertFalse(js("svc.same({}, {})").asBoolean());
        assertEquals("function", js("svc.typeOf(() => 1)").asString(), "a client function is a function on the server");
    }

    @Test
    void savedCallbackIsCalledLater() {
        assertEquals(14, js("svc.hold(v => v * 2); svc.callHeld(7)").asInt());
    }

    @Test
    void instantiatesRemoteClassesAndReadsMetaObjects() {
        assertEquals(25, js("const p = new svc.Point(3, 4); p.norm2()").asInt());
        // A Java caller's own instance is the remote object (a JS one is a presented JS object: GraalJS names a Proxy's meta-object "Proxy").
        Value p = js("svc").getMember("Point").newInstance(1, 2);
        assertEquals("Point", p.getMetaObject().getMetaSimpleName());
        assertTrue(p.getMetaObject().isMetaInstance(p));
        assertEquals("Point true true", js("const q = new svc.Point(1, 2); [q.constructor.name, q instanceof svc.Point, Object.getPrototypeOf(q) === svc.Point.prototype].join(' ')").asString());
    }

    @Test
    void iteratesARemoteSet() {
        assertEquals("red,green,blue", js("Array.from(svc.colors).join()").asString());
        assertEquals(3, js("let n = 0; for (const c of svc.colors) n++; n").asInt());
    }

    @Test
    void remoteBuffersAreViewedWithTypedArraysAndDataViews() {
        assertEquals(3, js("new Uint8Array(svc.buf)[2]").asInt());
        assertEquals(0x04030201, js("new DataView(svc.buf).getInt32(0, true)").asInt());
        assertEquals(8, js("new Uint8Array(svc.buf).length").asInt());
    }

    @Test
    void datesAreReadThroughTheirObject() {
        Value when = js("svc.when");
        assertTrue(when.isInstant());
        assertEquals(java.time.Instant.parse("2026-11-22T12:30:00Z"), when.asInstant());
    }
}
