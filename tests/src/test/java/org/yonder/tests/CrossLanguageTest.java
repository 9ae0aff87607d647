package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yonder.launcher.ServerProcess;

/** JS and Python see each other's objects natively, across processes: calls, callbacks, exceptions with frames. */
class CrossLanguageTest {

    /** A JS client of a Python server ({@code yonder serve svc.py}). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class JsClientOfPythonServer {
        ServerProcess server;
        Context client;

        @BeforeAll
        void start() throws Exception {
            server = Yonder.server("svc.py");
            client = Yonder.client(server.url());
            Yonder.js(client, "var svc = Polyglot.import('svc');");
        }

        @AfterAll
        void stop() throws Exception {
            client.close();
            server.close();
        }

        private Value js(String code) {
            return Yonder.js(client, code);
        }

        @Test
        void readsAttributesAndCallsMethods() {
            assertEquals("pysvc", js("svc.name").asString());
            assertEquals(42, js("svc.value").asInt());
            assertEquals(7, js("svc.add(1, [1, 2, 3], {})").asInt(), "Python sums a JS array by reference");
            assertEquals(25, js("new svc.Point(3, 4).norm2()").asInt());
        }

        @Test
        void iteratesPythonListsAndTuples() {
            assertEquals(49_995_000L, js("{ let s = 0; for (const v of svc.data) s += v; s }").asLong());
            assertEquals("[5,6,7]", js("JSON.stringify(svc.pair)").asString(), "a tuple of ints crosses by value");
            assertEquals(3, js("svc.items.length").asInt());
        }

        @Test
        void iteratesAPythonGeneratorLazily() {
            assertEquals(10, js("{ let s = 0; for (const v of svc.count(5)) s += v; s }").asInt());
            assertEquals(3, js("{ const seen = []; for (const [k, v] of svc.table) seen.push(k + v); seen.push('.'); seen.length }").asInt(),
                            "a Python dict is a hash: iterated from one snapshot");
        }

        @Test
        void pythonCallsJsBackAtAnyDepth() {
            assertEquals(3, js("{ const seen = []; svc.call_back(i => seen.push(i * 10), 3); seen.length }").asInt());
            assertEquals(12, js("{ const cb = n => n === 0 ? 0 : 1 + svc.ping_pong(cb, n - 1); svc.ping_pong(cb, 12) }").asInt());
        }

        @Test
        void aPythonExceptionIsCaughtInJsWithItsPythonFrames() {
            Value r = js("try { svc.fail('bad input'); null } catch (e) { [e.message, Polyglot.eval('yonder', 'stackOf')(e).join('|')] }");
            assertTrue(r.getArrayElement(0).asString().contains("bad input"), r.getArrayElement(0).asString());
            assertTrue(r.getArrayElement(1).asString().matches(".*fail \\(svc\\.py:\\d+.*"), r.getArrayElement(1).asString());
        }

        @Test
        void anExitExceptionKeepsItsTypeAndStatusAsALocalOneWould() {
            org.graalvm.polyglot.PolyglotException remote = org.junit.jupiter.api.Assertions.assertThrows(org.graalvm.polyglot.PolyglotException.class,
                            () -> client.getPolyglotBindings().getMember("svc").invokeMember("exit_with", 3));
            org.graalvm.polyglot.PolyglotException local = org.junit.jupiter.api.Assertions.assertThrows(org.graalvm.polyglot.PolyglotException.class,
                            () -> client.eval("python", "def exit_with(code):\n    raise SystemExit(code)\nexit_with").execute(3));
            assertTrue(remote.isExit(), remote.getMessage());
            assertEquals(local.isExit(), remote.isExit());
            assertEquals(local.getExitStatus(), remote.getExitStatus());
            assertEquals(local.getMessage(), remote.getMessage());
            assertEquals("pysvc", js("svc.name").asString(), "the server lives on");
        }

        @Test
        void aJsExceptionIsCaughtInPython() {
            String caught = js("svc.catch_from(() => { throw new Error('thrown in JS'); })").asString();
            assertTrue(caught.startsWith("caught: ") && caught.contains("thrown in JS"), caught);
        }
    }

    /** A Python client of a JS server ({@code yonder serve svc.js}). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PythonClientOfJsServer {
        ServerProcess server;
        Context client;

        @BeforeAll
        void start() throws Exception {
            server = Yonder.server("svc.js");
            client = Yonder.client(server.url());
            py("""
                            import polyglot
                            svc = polyglot.import_value('svc')
                            conn = polyglot.eval(language='yonder', string='%s')
                            def cost(f):
                                before = conn.stats().roundTrips
                                result = f()
                                return [conn.stats().roundTrips - before, result]
                            """.formatted(server.url()));
        }

        @AfterAll
        void stop() throws Exception {
            client.close();
            server.close();
        }

        private Value py(String code) {
            client.eval("python", code);
            return client.getBindings("python").getMember("result");
        }

        @Test
        void usesJsObjectsAsPythonObjects() {
            assertEquals(42, py("result = svc.value").asInt());
            assertEquals(7, py("result = svc.add(1, [1, 2, 3], object())").asInt(), "JS iterates a Python list by reference");
            assertEquals(3, py("result = len(svc.items)").asInt());
        }

        @Test
        void summingATenThousandElementJsArrayTakesAtMostThreeRoundTrips() {
            Value r = py("data = svc.data\nresult = cost(lambda: sum(data))");
            assertEquals(49_995_000L, r.getArrayElement(1).asLong());
            assertTrue(r.getArrayElement(0).asLong() <= 3, r.getArrayElement(0) + " round trips");
            assertEquals(10_000, py("result = len(list(data))").asInt());
        }

        @Test
        void jsCallsPythonBack() {
            assertEquals(4, py("seen = []\nsvc.callBack(lambda i: seen.append(i), 4)\nresult = len(seen)").asInt());
            assertEquals(9, py("def cb(n):\n    return 0 if n == 0 else 1 + svc.pingPong(cb, n - 1)\nresult = svc.pingPong(cb, 9)").asInt());
        }

        @Test
        void aJsExceptionIsCaughtInPythonWithItsJsFrames() {
            Value r = py("""
                            try:
                                svc.fail('from js')
                                result = None
                            except Exception as e:
                                result = [str(e), '|'.join(polyglot.eval(language='yonder', string='stackOf')(e))]
                            """);
            assertTrue(r.getArrayElement(0).asString().contains("from js"), r.getArrayElement(0).asString());
            assertTrue(r.getArrayElement(1).asString().matches(".*fail \\(svc\\.js:\\d+:\\d+\\).*"), r.getArrayElement(1).asString());
        }
    }
}
