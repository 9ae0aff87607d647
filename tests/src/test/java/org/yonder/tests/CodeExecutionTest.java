package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yonder.launcher.ServerProcess;

/**
 * A client with no rights beyond the objects it was given cannot run code on the server: the three paths the security
 * issue found (a sloppy JS method called with {@code this} null hands out the global object; a Python generator's
 * frame reaches {@code eval}; a Java host class reaches reflection and {@code Runtime.exec}) each end at the exposure
 * rule, and each attack's payload, which would write a file, writes none. The server keeps serving.
 */
class CodeExecutionTest {
    static ServerProcess js;
    static ServerProcess py;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        js = Yonder.server("attack.js");
        py = Yonder.server("attack.py");
    }

    @AfterAll
    static void stopServers() throws Exception {
        js.close();
        py.close();
    }

    @Test
    void aSloppyMethodCalledWithThisNullDoesNotHandOutTheGlobalObject() {
        Path marker = dir.resolve("pwned-js");
        try (Context client = Yonder.client(js.url())) {
            String payload = "(Java.type('java.lang.Runtime').getRuntime().exec(['touch', '" + marker + "']).waitFor())";
            String r = Yonder.js(client, """
                            const api = Polyglot.import('api');
                            const out = [];
                            for (const attempt of [() => api.whoami.call(null), () => Reflect.apply(api.whoami, null, []), () => api.whoami.apply(undefined, [])]) {
                              try { const g = attempt(); g.Function(%s)(); out.push('ran'); } catch (e) { out.push(String(e.message).includes('the JS global object is not exposed') ? 'refused' : 'other: ' + e); }
                            }
                            const kit = api.kit;
                            const tries = [() => kit.F(%s)(), () => kit.run(%s), () => { const f = kit.F; return f(%s)(); }, () => kit.F.call(kit, %s)()];
                            out.push(tries.map((t) => { try { t(); return 'ran'; } catch (e) { return 'refused'; } }).join(' ') + ' ' + kit.ok(2, 5));
                            out.push(api.echo(7));
                            out.join(',')""".formatted(quoted(payload), quoted(payload), quoted(payload), quoted(payload), quoted(payload))).asString();
            assertEquals("refused,refused,refused,refused refused refused refused 5,7", r, "the global object, and Function and eval held in a member, are refused however they are called; Math.max is not machinery");
        }
        assertFalse(Files.exists(marker), "no process ran on the server");
    }

    /** A member that holds machinery looks absent in listings too, as a missing member is not listed: only its name leaked before. */
    @Test
    void membersThatHoldMachineryAreNotListed() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("ok|ok|false,false,true", Yonder.js(client, """
                            const kit = Polyglot.import('api').kit;
                            [Object.keys(kit).join(), Object.getOwnPropertyNames(kit).join(), ['F' in kit, 'run' in kit, 'ok' in kit].join()].join('|')""").asString());
            assertEquals(java.util.Set.of("ok"), client.getPolyglotBindings().getMember("api").getMember("kit").getMemberKeys(), "the Java Value API lists the same");
        }
    }

    @Test
    void aGeneratorsFrameAndCodeLookAbsent() {
        Path marker = dir.resolve("pwned-py");
        String attack = """
                        import polyglot
                        conn = polyglot.eval(language='yonder', string='%s')
                        gen, make_gen, echo = conn.root('gen'), conn.root('make_gen'), conn.root('echo')
                        out = [str(hasattr(gen, 'gi_frame')), str(hasattr(make_gen(), 'gi_code')), str(hasattr(gen, 'gi_running'))]
                        try:
                            gen.gi_frame.f_builtins.get('eval')("open(%s, 'w').write('x')")
                            out.append('ran')
                        except AttributeError as e:
                            out.append('AttributeError')
                        out.append(str(next(gen)))
                        out.append(str(echo(5)))
                        ','.join(out)
                        """;
        // Raw foreign values (--yonder.Present=false): the owner's generator, whose frame and code look absent.
        try (Context client = Context.newBuilder().allowAllAccess(true).option("yonder.Present", "false").build()) {
            String r = client.eval("python", attack.formatted(py.url(), pyQuoted(marker.toString()))).asString();
            assertEquals("False,False,True,AttributeError,1,5", r, "a frame and a code object look absent; the generator's other members work");
        }
        assertFalse(Files.exists(marker), "no file was written on the server");
        // Presented: a generator of the client's own that delegates to the owner's; its frame is the client's delegating
        // frame (not the owner's count), so what runs through it runs here, in the client's process.
        try (Context client = Yonder.client(py.url())) {
            String r = client.eval("python", """
                            import polyglot, os
                            conn = polyglot.eval(language='yonder', string='%s')
                            gen = conn.root('gen')
                            code = gen.gi_frame.f_code
                            [type(gen).__name__, code.co_name != 'count', gen.gi_frame.f_builtins.get('eval')("__import__('os').getpid()") == os.getpid(), next(gen)]
                            """.formatted(py.url())).toString();
            assertEquals("['generator', True, True, 2]", r, "the owner's frame is not reachable through the presented generator (the root"
                            + " generator is the same one the raw client above advanced to 1)");
        }
    }

    @Test
    void aJavaHostClassReachesNoReflection() {
        Path marker = dir.resolve("pwned-java");
        try (Context client = Context.newBuilder().allowAllAccess(true).build()) {
            Value api = client.eval("yonder", js.url() + "/api");
            Value list = api.getMember("list");
            assertTrue(list.getMember("class") == null || list.getMember("class").isNull(), "the host class's Class object is absent");
            Value made = api.invokeMember("makeList");
            made.invokeMember("add", 3);
            assertEquals(1, made.invokeMember("size").asInt(), "the published host class still makes lists");
            assertTrue(made.getMember("getClass") == null, "getClass looks absent");
            try {
                Value c = made.invokeMember("stream").invokeMember("iterator").getMember("getClass");
                assertTrue(c == null || c.isNull());
            } catch (PolyglotException e) {
                // refused
            }
        }
        assertFalse(Files.exists(marker));
    }

    @Test
    void valuesOfTheMachineryFailAsResultsWithAClearMessage() {
        try (Context client = Yonder.client(js.url())) {
            String r = Yonder.js(client, """
                            const api = Polyglot.import('api');
                            try { api.whoami.call(null); 'no error' } catch (e) { e.message }""").asString();
            assertTrue(r.contains("the JS global object is not exposed to peers") && r.contains("--yonder.ExposeAll"), r);
            String thrown = Yonder.js(client, """
                            try { Polyglot.import('api').throwsThis.call(null); 'no error' } catch (e) { (typeof e.Function) + ' ' + e.message }""").asString();
            assertTrue(thrown.startsWith("undefined ") && thrown.contains("the JS global object is not exposed"), "a thrown global object is refused too: " + thrown);
        }
    }

    @Test
    void aPeerCannotReplaceOrRemoveAnotherClientsMethods() {
        try (Context attacker = Yonder.client(js.url()); Context victim = Context.newBuilder().allowAllAccess(true).build()) {
            String r = Yonder.js(attacker, """
                            const api = Polyglot.import('api');
                            const out = [];
                            try { api.echo = (x, token) => 'forged'; out.push('replaced'); } catch (e) { out.push(e.message.includes("cannot replace the method 'echo'") ? 'refused' : 'other: ' + e); }
                            try { delete api.echo; out.push('removed'); } catch (e) { out.push(e.message.includes("cannot remove the method 'echo'") ? 'refused' : 'other: ' + e); }
                            api.counter = 5;
                            out.push(api.counter);
                            out.join(',')""").asString();
            assertEquals("refused,refused,5", r, "methods are kept, data members stay writable");
            Value api = victim.eval("yonder", js.url() + "/api");
            assertEquals("my-secret-token", api.invokeMember("echo", "my-secret-token").asString(), "another client's call runs the server's own method");
            assertEquals(5, api.getMember("counter").asInt());
            try {
                api.putMember("echo", 1);
                throw new AssertionError("a Java peer replaced a method");
            } catch (PolyglotException e) {
                assertTrue(e.getMessage().contains("cannot replace the method 'echo'"), e.getMessage());
            }
        }
    }

    @Test
    void aServerThatExposesEverythingOptsOut() throws Exception {
        try (ServerProcess open = Yonder.server("attack.js", "--yonder.ExposeAll=true"); Context client = Yonder.client(open.url())) {
            assertEquals("function", Yonder.js(client, "typeof Polyglot.import('api').whoami.call(null).Function").asString());
        }
    }

    private static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String pyQuoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
