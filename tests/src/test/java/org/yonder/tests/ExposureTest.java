package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/**
 * A peer cannot walk from a published object to the server's code constructors: in JS,
 * {@code svc.constructor.constructor('...')()} would run any code on the server.
 */
class ExposureTest extends SvcServer {
    @Test
    void constructorsAndDunderMembersLookAbsent() {
        try (Context client = Yonder.client(server.url())) {
            assertTrue(Yonder.js(client, "const svc0 = Polyglot.import('svc'); svc0.constructor === Object && svc0.constructor.constructor('return globalThis')() === globalThis").asBoolean(),
                            "svc.constructor is the client's own Object, as for a local plain object: its Function makes code of the client, not the server");
            assertFalse(Yonder.js(client, "Object.keys(Polyglot.import('svc')).includes('constructor')").asBoolean());
            assertFalse(Yonder.js(client, "Object.getOwnPropertyNames(Polyglot.import('svc')).some(k => k === 'constructor' || k.startsWith('__'))").asBoolean());
            assertEquals(25, Yonder.js(client, "new (Polyglot.import('svc').Point)(3, 4).norm2()").asInt(), "published classes stay usable");
        }
    }

    @Test
    void metaObjectsCrossAsReadOnlyViews() {
        try (Context client = Context.newBuilder().allowAllAccess(true).build()) {
            Value add = client.eval("yonder", server.url() + "/svc").getMember("add");
            Value meta = add.getMetaObject();
            assertTrue(meta.isMetaObject());
            assertEquals("Function", meta.getMetaSimpleName());
            assertTrue(meta.isMetaInstance(add));
            assertFalse(meta.canExecute(), "the Function constructor must not be callable by a peer");
            assertFalse(meta.canInstantiate());
        }
    }

    @Test
    void aServerCanChooseToExposeEverything() throws Exception {
        try (ServerProcess open = Yonder.server("svc.js", "--yonder.ExposeAll=true"); Context client = Yonder.client(open.url())) {
            assertEquals(2, Yonder.js(client, "Polyglot.import('svc').constructor.constructor('return 1 + 1')()").asInt());
        }
    }
}
