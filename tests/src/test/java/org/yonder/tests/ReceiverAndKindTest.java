package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * A method read off a remote object runs against that object, never an earlier instance of its class; JS's
 * undefined and BigInt keep their kind across the wire, both ways; a refused member looks absent.
 */
class ReceiverAndKindTest extends ReceiversServers {
    @Test
    void aMethodReadOffAnInstanceRunsOnThatInstanceInJs() {
        try (Context client = Yonder.client(js.url())) {
            // An instance of the owner's class has the presented prototype's methods, which take `this` as locally.
            assertEquals("I am 1,I am 2", jsRun(client, "const w1 = fx.a1.who, w2 = fx.a2.who; [w1.call(fx.a1), w2.call(fx.a2)].join()"));
            assertEquals("I am 2,I am 1", jsRun(client, "[fx.a2, fx.a1].map(o => o.who()).join()"));
            assertEquals("I am 2,I am 1", jsRun(client, "const w = fx.a1.who; [w.call(fx.a2), w.apply(fx.a1, [])].join()"));
            assertEquals("TypeError", jsRun(client, "const w = fx.a1.who; try { w(); 'ran' } catch (e) { e.name }"), "detached, `this` is undefined, as locally");
            assertEquals("{\"d1\":\"2020-01-01T00:00:00.000Z\",\"d2\":\"2021-06-15T00:00:00.000Z\"}",
                            jsRun(client, "JSON.stringify({d1: fx.d1, d2: fx.d2})"), "each Date's own toJSON");
            assertEquals("2020,2021", jsRun(client, "[fx.d1.getUTCFullYear, fx.d2.getUTCFullYear].map(f => f()).join()"));
        }
    }

    @Test
    void aMethodReadOffAnInstanceRunsOnThatInstanceInJava() {
        try (Context client = Yonder.client(js.url())) {
            Value fx = client.getPolyglotBindings().getMember("fx");
            Value speakA = fx.getMember("dog").getMember("speak");
            Value speakB = fx.getMember("mutt").getMember("speak");
            assertEquals("Mutt barks", speakB.execute().asString());
            assertEquals("Rex barks", speakA.execute().asString());
        }
    }

    @Test
    void aMethodReadOffAnInstanceRunsOnThatInstanceInPython() {
        try (Context client = Yonder.client(py.url())) {
            Value r = client.eval("python", "import polyglot\ndog = polyglot.import_value('dog')\nmutt = polyglot.import_value('mutt')\n"
                            + "s = dog.speak\nm = mutt.speak\n'|'.join([dog.speak(), mutt.speak(), m(), s()])");
            assertEquals("Rex barks|Mutt barks|Mutt barks|Rex barks", r.asString());
        }
    }

    @Test
    void aPythonTupleIsATupleToPythonBothWays() {
        try (Context client = Yonder.client(py.url())) {
            Value r = client.eval("python", "import polyglot\nt = polyglot.import_value('make_triple')()\nkind = polyglot.import_value('kind')\n"
                            + "'|'.join([str(t == (1, 2, 3)), type(t).__name__, kind((4, 5)), str(t[1:])])");
            assertEquals("True|tuple|tuple|(2, 3)", r.asString());
        }
        try (Context client = Yonder.client(py.url())) {
            assertEquals("[1,2,3] true", Yonder.js(client, "const t = Polyglot.import('triple'); JSON.stringify(t) + ' ' + Array.isArray(t)").asString(),
                            "a JS client sees the tuple as a foreign array, as a local Python tuple would be");
        }
    }

    @Test
    void undefinedStaysUndefinedBothWays() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("undefined object true false", jsRun(client, "[typeof fx.nothing, typeof fx.empty, fx.nothing === undefined, fx.empty === undefined].join(' ')"));
            assertEquals("5 5 7 null", jsRun(client, "[fx.withDefault(), fx.withDefault(undefined), fx.withDefault(7), fx.withDefault(null)].map(String).join(' ')"),
                            "a default parameter applies to undefined, not to null");
            assertEquals("undefined object", jsRun(client, "[fx.typeOf(undefined), fx.typeOf(null)].join(' ')"));
            assertEquals("undefined", jsRun(client, "String(fx.list.map(x => undefined)[0])"));
            assertEquals("TypeError: f is not a function", jsRun(client, "const f = fx.empty; try { f(); 'called' } catch (e) { e.name + ': ' + e.message }"),
                            "a remote null is JS's own: calling it fails with JS's message");
        }
    }

    @Test
    void aJavaClientOnTwoThreadsSeesUndefinedAsNullWithoutStartingJs() throws Exception {
        try (Context host = Context.newBuilder().allowAllAccess(true).build()) {
            Value fx = host.eval("yonder", js.url() + "/fx");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.List<java.util.concurrent.Future<Boolean>> reads = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    reads.add(pool.submit(() -> fx.getMember("nothing").isNull() && fx.getMember("small").fitsInLong()));
                }
                for (java.util.concurrent.Future<Boolean> r : reads) {
                    assertEquals(true, r.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aJavaCallerGetsItsAnswersWithoutAStackWalk() {
        // A Java caller's answer (undefined here) is presented for the host from the call's node. It used to be found by
        // walking the stack for a guest frame on every call: several µs each (one thread: 62,000-72,000 noop calls/s
        // against about 91,000 without).
        try (Context host = Context.newBuilder().allowAllAccess(true).build()) {
            Value fx = host.eval("yonder", js.url() + "/fx");
            Value stats = host.eval("yonder", "stats");
            long before = stats.getMember("callerStackWalks").asLong();
            for (int i = 0; i < 1000; i++) {
                assertTrue(fx.getMember("nothing").isNull());
            }
            assertEquals(before, host.eval("yonder", "stats").getMember("callerStackWalks").asLong(), "no stack walk for 1,000 reads");
        }
    }

    @Test
    void bigIntStaysBigIntBothWays() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("bigint 1180591620717411303424 bigint 5", jsRun(client, "[typeof fx.big, String(fx.big), typeof fx.small, String(fx.small)].join(' ')"));
            assertEquals("true true", jsRun(client, "[fx.big === 2n ** 70n, fx.small + 1n === 6n].join(' ')"));
            assertEquals("bigint 2361183241434822606848 bigint 14", jsRun(client,
                            "const r = fx.twice(2n ** 70n); [typeof r, String(r), fx.typeOf(7n), String(fx.twice(7n))].join(' ')"));
        }
        try (Context java = Context.newBuilder().allowAllAccess(true).build()) {
            Value fx = java.eval("yonder", js.url() + "/fx");
            assertEquals(5L, fx.getMember("small").asLong(), "a Java client reads a small BigInt as a long, as it does locally");
            assertEquals(new java.math.BigInteger("1180591620717411303424"), fx.getMember("big").asBigInteger());
        }
    }

    @Test
    void aScanNeverServesAValueReadBeforeAGetterRan() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true", jsRun(client, "const b = fx.sneaky.b; String(JSON.stringify(fx.sneaky) === JSON.stringify({a: 1, g: 0, b: b + 1}))"),
                            "the getter g changes b; b is read after it, as locally");
        }
    }

    @Test
    void aRefusedMemberLooksAbsentToLibrariesThatProbeIt() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("n", jsRun(client, "Object.keys(fx.a1).join()"));
            assertEquals("0,1,2", jsRun(client, "Object.keys(fx.list).join()"), "an array's indices are listed once");
            assertEquals("false", jsRun(client, "String(Object.getOwnPropertyNames(fx.a1).includes('constructor'))"));
        }
    }
}
