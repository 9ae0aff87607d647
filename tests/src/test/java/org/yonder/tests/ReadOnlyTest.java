package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yonder.launcher.ServerProcess;

/**
 * A server exports an object read-only ({@code Polyglot.eval('yonder', 'readOnly')(obj)}): JS and Python clients read
 * it and what it holds as usual, and call its methods, but cannot write, add or remove its members, the elements of
 * its arrays, or the members of its nested objects; each attempt fails with an error that says so. Another root,
 * exported normally, stays writable.
 */
class ReadOnlyTest {
    @TempDir
    static Path dir;
    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path script = dir.resolve("config.js");
        Files.writeString(script, """
                        const config = Polyglot.eval('yonder', 'readOnly')({
                          name: 'prod', items: [1, 2, 3], nested: { a: 1 }, count: 0,
                          bump() { this.count++; return this.count; },
                        });
                        Polyglot.export('config', config);
                        Polyglot.export('open', { name: 'open', items: [1] });
                        """);
        server = Yonder.serverFile(script);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String attempt(Context c, String statement) {
        return Yonder.js(c, "(() => { try { " + statement + "; return 'allowed'; } catch (e) { return String(e.message); } })()").asString();
    }

    @Test
    void aJsClientReadsButCannotChangeIt() {
        try (Context c = Yonder.client(server.url())) {
            Yonder.js(c, "var config = Polyglot.import('config'), open = Polyglot.import('open')");
            assertEquals("prod 1,2,3 1", Yonder.js(c, "config.name + ' ' + config.items.join(',') + ' ' + config.nested.a").asString());
            for (String write : new String[]{"config.name = 'hacked'", "delete config.name", "config.extra = 1", "config.items[0] = 9", "config.items.push(4)",
                            "config.nested.a = 2", "config.bump = () => 0"}) {
                String outcome = attempt(c, write);
                assertTrue(outcome.contains("its owner made it read-only"), write + ": " + outcome);
            }
            assertEquals("prod 1,2,3 1", Yonder.js(c, "config.name + ' ' + config.items.join(',') + ' ' + config.nested.a").asString(), "nothing changed");
            // Presented (read through the connection): Object.defineProperty and symbol-keyed writes are guest operations.
            Yonder.js(c, "var presented = Polyglot.eval('yonder', '" + server.url() + "').root('config')");
            for (String write : new String[]{"Object.defineProperty(presented, 'name', { value: 'hacked' })", "Object.defineProperty(presented, 'extra', { value: 1, enumerable: false })",
                            "presented[Symbol.for('app.tag')] = 1", "presented.name = 'hacked'"}) {
                String outcome = attempt(c, write);
                assertTrue(outcome.contains("its owner made it read-only"), write + ": " + outcome);
            }
            assertEquals("prod undefined", Yonder.js(c, "config.name + ' ' + config.extra").asString(), "nothing changed");
            assertEquals(1, Yonder.js(c, "config.bump()").asInt(), "its own methods still run (the owner's code may change it)");
            assertEquals(1, Yonder.js(c, "config.count").asInt());
            assertEquals("allowed", attempt(c, "open.name = 'changed'; open.items[0] = 5"));
            assertEquals("changed 5", Yonder.js(c, "open.name + ' ' + open.items[0]").asString(), "another root stays writable");
        }
    }

    @Test
    void aPythonClientCannotChangeItEither() {
        try (Context c = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", server.url()).build()) {
            c.initialize("yonder");
            String out = c.eval("python", """
                            import polyglot
                            config = polyglot.import_value('config')
                            outcomes = []
                            for action in (lambda: setattr(config, 'name', 'x'), lambda: config.items.__setitem__(0, 9), lambda: config.nested.__setattr__('a', 5)):
                                try:
                                    action()
                                    outcomes.append('allowed')
                                except Exception as e:   # a Yonder error is a RuntimeError (yonder.YonderError) in Python
                                    outcomes.append('refused' if 'read-only' in str(e) and isinstance(e, RuntimeError) and type(e).__name__ == 'YonderError' else repr(e))
                            ' '.join(outcomes) + ' ' + config.name + ' ' + str(config.items[0])
                            """).asString();
            assertEquals("refused refused refused prod 1", out);
        }
    }
}
