package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/** Proxies the client drops are released in batches, and the server's export table shrinks back. */
class LifetimeTest {
    @Test
    void droppedProxiesAreReleasedInBatches() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js"); Context client = Yonder.client(server.url())) {
            Yonder.js(client, "var svc = Polyglot.import('svc'); var conn = Polyglot.eval('yonder', '" + server.url() + "');");
            long before = Yonder.js(client, "svc.exportCount()").asLong();
            long during = Yonder.js(client, """
                            var objs = svc.makeObjects(200);
                            var kept = [];
                            var sum = 0;
                            for (let i = 0; i < objs.length; i++) { kept.push(objs[i]); sum += objs[i].i; }
                            svc.exportCount()""").asLong();
            assertEquals(19900, Yonder.js(client, "sum").asInt());
            assertTrue(during >= before + 201, "the array and its 200 elements are exported while the client holds them: " + before + " -> " + during);
            Yonder.js(client, "objs = null; kept = null;");
            long after = during;
            for (int i = 0; i < 100 && after != before; i++) {
                System.gc();
                Thread.sleep(100);
                after = Yonder.js(client, "svc.exportCount()").asLong();
            }
            assertEquals(before, after, "the server's export table is back to its size before");
            long released = Yonder.js(client, "conn.stats().releasesSent").asLong();
            long frames = Yonder.js(client, "conn.stats().releaseFramesSent").asLong();
            assertTrue(released >= 201, "released " + released);
            assertTrue(frames * 20 <= released, released + " releases took " + frames + " frames: not batched");
        }
    }

    @Test
    void disconnectFreesEverythingThePeerHeld() throws Exception {
        try (ServerProcess server = Yonder.server("svc.js"); Context watcher = Yonder.client(server.url())) {
            Yonder.js(watcher, "var svc = Polyglot.import('svc');");
            long before = Yonder.js(watcher, "svc.exportCount()").asLong();
            try (Context client = Yonder.client(server.url())) {
                Yonder.js(client, "var keep = Polyglot.import('svc').makeObjects(50); keep.map(o => o.i).length");
                assertTrue(Yonder.js(watcher, "svc.exportCount()").asLong() >= before + 51);
            }
            long after = before + 51;
            for (int i = 0; i < 50 && after != before; i++) {
                Thread.sleep(100);
                after = Yonder.js(watcher, "svc.exportCount()").asLong();
            }
            assertEquals(before, after, "closing the client's context freed what its session held");
        }
    }
}
