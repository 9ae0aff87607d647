package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compiled code path is taken: once a JS loop over remote data is warm and compiled, the counters of the
 * interpreted, remote and generic paths stay flat while it runs (see PathCounters). Compilation is made deterministic:
 * synchronous, one tier, after a fixed number of calls and loop iterations, and a failed compilation fails the test.
 */
class CompiledPathTest extends SvcServer {
    Context client;

    @BeforeEach
    void connect() {
        connect(true);
    }

    /** A client context; {@code present} false: an embedder's raw foreign values (option yonder.Present). */
    private void connect(boolean present) {
        if (client != null) {
            client.close();
        }
        client = Context.newBuilder().allowAllAccess(true).allowExperimentalOptions(true)
                        .option("yonder.Connect", server.url())
                        .option("yonder.Present", String.valueOf(present))
                        .option("engine.BackgroundCompilation", "false")
                        .option("engine.MultiTier", "false")
                        .option("engine.SingleTierCompilationThreshold", "100")
                        .option("engine.CompilationFailureAction", "Throw")
                        .build();
        client.initialize("yonder");
        Yonder.js(client, """
                        var svc = Polyglot.import('svc');
                        var conn = Polyglot.eval('yonder', '%s');
                        var counters = () => { const s = Polyglot.eval('yonder', 'stats'); return [s.interpretedLocalReads, s.remoteElementPaths, s.genericShapeLookups, conn.stats().roundTrips]; };
                        // Runs f n times and answers how much each counter moved meanwhile.
                        var moved = (f, n) => { const a = counters(); for (let i = 0; i < n; i++) f(); const b = counters(); return b.map((v, i) => v - a[i]); };
                        """.formatted(server.url()));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private long[] moved(String function, int times) {
        Value m = Yonder.js(client, "moved(" + function + ", " + times + ")");
        return new long[]{m.getArrayElement(0).asLong(), m.getArrayElement(1).asLong(), m.getArrayElement(2).asLong(), m.getArrayElement(3).asLong()};
    }

    @Test
    void theJitIsOn() {
        try (Engine engine = Engine.create()) {
            assertTrue(!engine.getImplementationName().equals("Interpreted"), "these counters mean nothing without the JIT");
        }
    }

    @Test
    void aFrozenRemoteArrayIsTheClientsOwnFrozenArray() {
        Yonder.js(client, """
                        var frozen = svc.frozenData;   // copied whole, and made the client's own frozen JS array
                        var sum = () => { let s = 0; for (let i = 0; i < frozen.length; i++) s += frozen[i]; if (s !== 499500) throw new Error('sum ' + s); };
                        """);
        assertTrue(Yonder.js(client, "Array.isArray(frozen) && Object.isFrozen(frozen) && Object.getPrototypeOf(frozen) === Array.prototype").asBoolean());
        long[] cold = moved("sum", 1);
        assertEquals(0, cold[0], "a local array: no read of Yonder's, not even in the interpreter");
        assertEquals(0, cold[3], "and no round trip");
    }

    @Test
    void aLoopOverADownloadedArrayRunsCompiledWithNoRemotePath() {
        connect(false);   // presented, the copy is a JS array (above); raw, it is Yonder's immutable array
        Yonder.js(client, """
                        var frozen = svc.frozenData;   // copied whole: a frozen array of numbers
                        var sum = () => { let s = 0; for (let i = 0; i < frozen.length; i++) s += frozen[i]; if (s !== 499500) throw new Error('sum ' + s); };
                        """);
        long[] cold = moved("sum", 1);
        assertTrue(cold[0] >= 1000, "the first run reads in the interpreter (" + cold[0] + " interpreted reads): the counter can move");
        moved("sum", 300);
        long[] warm = moved("sum", 200);
        assertEquals(0, warm[0], "no element read ran in the interpreter: the loop runs compiled");
        assertEquals(0, warm[1], "no read went to the owner");
        assertEquals(0, warm[3], "and no round trip");
    }

    @Test
    void aLoopReadingAFrozenObjectsMembersRunsCompiledWithNoRoundTrip() {
        Yonder.js(client, """
                        var settings = svc.settings;   // frozen on the server: a frozen copy of the client's own
                        var read = () => { let n = 0; for (let i = 0; i < 100; i++) n += settings.limit; if (n !== 300) throw new Error('n ' + n); };
                        """);
        long[] cold = moved("read", 1);
        assertEquals(0, cold[3], "a frozen object was copied when it arrived");
        moved("read", 300);
        long[] warm = moved("read", 200);
        assertEquals(0, warm[0], "no member read ran in the interpreter");
        assertEquals(0, warm[3], "and none went to the owner");
    }

    @Test
    void aScanOfAMutableRemoteArrayRunsCompiledOnceWarm() {
        Yonder.js(client, """
                        var data = svc.data;   // by reference: a mutable array of 10,000 numbers
                        var sum = () => { let s = 0; for (const x of data) s += x; if (s !== 49995000) throw new Error('sum ' + s); };
                        """);
        moved("sum", 150);
        long[] warm = moved("sum", 50);
        assertEquals(0, warm[0], "every element of every scan was read by compiled code from the downloaded snapshot");
        assertEquals(2 * 50, warm[1], "two remote paths per scan: the size, and the one batched download");
        assertEquals(2 * 50, warm[3], "two round trips per scan");
    }

    @Test
    void aMonomorphicTypeCheckUsesTheShapeCacheAndAMegamorphicOneTheGenericFallback() {
        // The references are read by the Java host, which gets them as they are: a JS reader would get instances of the
        // owner's classes presented as JS objects of its own (JsObjects), whose type checks are local ones.
        org.graalvm.polyglot.Value kinds = Yonder.js(client, "var picked = []; svc.kinds");
        org.graalvm.polyglot.Value put = Yonder.js(client, "(k) => picked.push(k)");
        for (long i = 0; i < kinds.getArraySize(); i++) {
            put.execute(kinds.getArrayElement(i));
        }
        Yonder.js(client, """
                        var one = picked[0];
                        var mono = () => { for (let i = 0; i < 6; i++) if (typeof one !== 'object' || Array.isArray(one)) throw new Error('mono'); };
                        var mega = () => { for (let i = 0; i < 6; i++) if (typeof picked[i] !== 'object' || Array.isArray(picked[i])) throw new Error('mega'); };
                        """);
        moved("mono", 300);
        long[] mono = moved("mono", 100);
        assertEquals(0, mono[2], "one shape at the site: the inline cache answers, the generic fallback is never taken");
        assertEquals(0, mono[3], "type checks cost no round trip");
        moved("mega", 300);
        long[] mega = moved("mega", 100);
        assertTrue(mega[2] > 0, "six shapes at one site: more than the cache holds, so the generic fallback answers");
        assertEquals(0, mega[3], "and still without a round trip");
    }
}
