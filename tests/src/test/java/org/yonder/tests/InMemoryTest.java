package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both peers in one JVM over the in-memory transport: the same sessions and objects, no sockets. */
class InMemoryTest {
    Context server;
    Thread serving;
    Context client;

    @BeforeEach
    void start() throws InterruptedException {
        server = Context.newBuilder().allowAllAccess(true).option("yonder.Listen", "mem:unit").build();
        server.eval("js", """
                        Polyglot.export('obj', {
                          n: 1,
                          twice(f, v) { return f(f(v)); },
                          fail(m) { throw new Error(m); },
                          list: [3, 4],
                        });""");
        server.initialize("yonder");
        serving = new Thread(() -> {
            try {
                server.eval("yonder", "serve");
            } catch (PolyglotException e) {
                // Cancelled by close(true).
            }
        });
        serving.start();
        client = Context.newBuilder().allowAllAccess(true).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        server.close(true);
        serving.join(10_000);
    }

    @Test
    void callsCallbacksAndErrorsOverTheInMemoryTransport() {
        Value obj = client.eval("yonder", "yonder+mem://unit/obj");
        assertEquals(1, obj.getMember("n").asInt());
        client.getBindings("js").putMember("obj", obj);
        assertEquals(12, client.eval("js", "obj.twice(v => v + 5, 2)").asInt());
        assertEquals(7, client.eval("js", "let s = 0; for (const v of obj.list) s += v; s").asInt());
        assertEquals("m1", client.eval("js", "try { obj.fail('m1') } catch (e) { e.message }").asString());
    }

    @Test
    void nothingListeningIsAClearError() {
        PolyglotException e = org.junit.jupiter.api.Assertions.assertThrows(PolyglotException.class, () -> client.eval("yonder", "yonder+mem://nobody/obj"));
        assertTrue(e.getMessage().contains("nothing listens on yonder+mem://nobody"), e.getMessage());
    }
}
