package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads of a replica take the compiled local path (as CompiledPathTest shows for downloaded data): once a JS loop over
 * a replica's members is warm, no read runs in the interpreter and none goes to the owner; and the owner's next write
 * is seen by the loop's very next run, still with no round trip. Compilation is deterministic as in CompiledPathTest.
 */
class ReplicaCompiledTest extends ReplicasServer {
    Context client;

    @BeforeEach
    void connect() {
        client = Context.newBuilder().allowAllAccess(true).allowExperimentalOptions(true)
                        .option("yonder.Connect", server.url())
                        .option("engine.BackgroundCompilation", "false")
                        .option("engine.MultiTier", "false")
                        .option("engine.SingleTierCompilationThreshold", "100")
                        .option("engine.CompilationFailureAction", "Throw")
                        .build();
        client.initialize("yonder");
        Yonder.js(client, """
                        var svc = Polyglot.import('svc');
                        var conn = Polyglot.eval('yonder', '%s');
                        var score = Polyglot.eval('yonder', '%s/score');   // a replica: the state came with the reference
                        var counters = () => { const s = Polyglot.eval('yonder', 'stats'); return [s.interpretedLocalReads, conn.stats().roundTrips]; };
                        // Runs f n times and answers how much each counter moved meanwhile; last is f's last result.
                        var last;
                        var moved = (f, n) => { const a = counters(); for (let i = 0; i < n; i++) last = f(); const b = counters(); return b.map((v, i) => v - a[i]); };
                        var want;
                        var read = () => { let s = 0; for (let i = 0; i < 1000; i++) s += score.home + score.meta.round; if (s !== want) throw new Error('sum ' + s + ', not ' + want); return s; };
                        """.formatted(server.url(), server.url()));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private long[] moved(String function, int times) {
        Value m = Yonder.js(client, "moved(" + function + ", " + times + ")");
        return new long[]{m.getArrayElement(0).asLong(), m.getArrayElement(1).asLong()};
    }

    @Test
    void aReplicasValuesAreTheReadersOwnKindsWithoutAStackWalk() {
        // The read's call site says who reads; with no node the reader was found by walking the stack, on every read.
        Value r = Yonder.js(client, """
                        (() => {
                          const kinds = Polyglot.eval('yonder', '%s/kinds');
                          const walks = () => Polyglot.eval('yonder', 'stats').callerStackWalks;
                          const before = walks();
                          let ok = 0;
                          for (let i = 0; i < 1000; i++) {
                            const f = kinds.frozen;
                            if (kinds.nothing === undefined && typeof kinds.big === 'bigint' && Array.isArray(f) && Object.isFrozen(f) && f[2] === 3) ok++;
                          }
                          return [ok, walks() - before];
                        })()""".formatted(server.url()));
        assertEquals(1000, r.getArrayElement(0).asInt(), "undefined, a BigInt and a frozen array, read after read");
        assertEquals(0, r.getArrayElement(1).asInt(), "no stack walk");
    }

    @Test
    void aWarmLoopReadsAReplicaCompiledWithNoRoundTripAndItsNextRunSeesTheOwnersWrite() {
        int home = Yonder.js(client, "score.home").asInt();
        int round = Yonder.js(client, "score.meta.round").asInt();
        Yonder.js(client, "want = " + 1000 * (home + round));
        long[] cold = moved("read", 1);
        assertTrue(cold[0] >= 1000, "the first run reads in the interpreter (" + cold[0] + " interpreted reads): the counter can move");
        assertEquals(0, cold[1], "even the first run costs no round trip");
        moved("read", 300);
        long[] warm = moved("read", 200);
        assertEquals(0, warm[0], "no member read ran in the interpreter: the loop runs compiled");
        assertEquals(0, warm[1], "and no read went to the owner");
        // The owner changes home; its update reaches the replica before the answer of the call that made it.
        assertEquals(home + 1, Yonder.js(client, "svc.goal('home')").asInt());
        Yonder.js(client, "want = " + 1000 * (home + 1 + round));   // from the values read before, not from the replica
        long[] next = moved("read", 1);
        assertEquals(1000 * (home + 1 + round), Yonder.js(client, "last").asInt(), "the very next run sees the new home");
        assertEquals(0, next[1], "still no round trip for the reads");
    }
}
