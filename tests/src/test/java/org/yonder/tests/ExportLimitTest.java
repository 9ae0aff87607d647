package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/**
 * Exports are bounded per session ({@code yonder.MaxExports}) and for all sessions of a server together
 * ({@code yonder.MaxTotalExports}): two clients that each stay under the first cannot together pass the second. The
 * call that would pass it fails with an error naming the limit; when a client leaves, its exports are freed.
 */
class ExportLimitTest {
    static final String HOLD = "globalThis.keep = globalThis.keep || []; for (let i = 0; i < 30; i++) keep.push(Polyglot.import('api').makeList()); keep.length";

    @Test
    void exportsOfAllSessionsTogetherAreBounded() throws Exception {
        try (ServerProcess server = Yonder.server("attack.js", "--yonder.MaxTotalExports=100", "--yonder.MaxExports=1000")) {
            Context a = Yonder.client(server.url());
            try (Context b = Yonder.client(server.url())) {
                assertEquals(30, Yonder.js(a, HOLD).asInt(), "a's session stays under both limits");
                // b alone is far under its own limit (1,000), but a's exports count against the total too.
                Yonder.js(b, "globalThis.keep = []; globalThis.fill = () => { for (let i = 0; i < 200; i++) keep.push(Polyglot.import('api').makeList()); }");
                PolyglotException e = assertThrows(PolyglotException.class, () -> Yonder.js(b, "fill()"));
                assertTrue(e.getMessage().contains("export limit of 100 objects in all sessions reached (yonder.MaxTotalExports)"), e.getMessage());
                int held = Yonder.js(b, "keep.length").asInt();
                assertTrue(held < 70, "b got " + held + " lists before the total stopped it");
                a.close();
                Thread.sleep(500);
                Yonder.js(b, "globalThis.keep = []");
                assertEquals(30, Yonder.js(b, HOLD).asInt(), "a's exports were freed when it left");
            }
        }
    }
}
