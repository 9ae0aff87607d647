package org.yonder.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Measurement;

/**
 * Microseconds per remote member invocation from compiled JS: a call site that sees one remote type (the inline
 * caches keyed on the shape hold) against one that sees eight (more than the caches hold: the generic fallback).
 * Each call is one round trip to a JS server context in this JVM over the in-memory transport, so the difference is
 * what the specialization saves on top of a round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 10, time = 1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemberCalls {
    static final int CALLS = 8;

    private InProcessServer servers;
    private Value invokeAll;
    private Value sameType;
    private Value eightTypes;

    @Setup(Level.Trial)
    public void setUp() {
        servers = new InProcessServer("jmh-calls", """
                        const classes = Array.from({ length: 8 }, (_, k) => ({ ['K' + k]: class { m() { return k; } } })['K' + k]);
                        Polyglot.export('objects', { one: new classes[0](), eight: classes.map(K => new K()) });
                        """);
        Context client = servers.client;
        Value objects = client.eval("yonder", "yonder+mem://jmh-calls/objects");
        invokeAll = client.eval("js", "(os) => { let s = 0; for (let i = 0; i < " + CALLS + "; i++) s += os[i].m(); return s; }");
        // Local JS arrays of remote references, so the only remote messages are the invocations.
        sameType = client.eval("js", "(o) => Array.from({ length: " + CALLS + " }, () => o)").execute(objects.getMember("one"));
        eightTypes = client.eval("js", "(os) => Array.from({ length: " + CALLS + " }, (_, i) => os[i])").execute(objects.getMember("eight"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        servers.close();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int invokeCachedOneType() {
        return invokeAll.execute(sameType).asInt();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int invokeGenericEightTypes() {
        return invokeAll.execute(eightTypes).asInt();
    }
}
