package org.yonder.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
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
 * Nanoseconds per element read from compiled JS: a local JS array, a host ProxyArray, a frozen array that crossed by
 * value (downloaded once), and a mutable remote array scanned from its batched snapshot (one download per scan, two
 * round trips over the in-memory transport). The server is a JS context in this JVM, served over yonder+mem.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ElementReads {
    static final int N = 1000;

    private InProcessServer servers;
    private Value sum;
    private Value local;
    private Value proxy;
    private Value frozen;
    private Value remote;

    @Setup(Level.Trial)
    public void setUp() {
        servers = new InProcessServer("jmh", "Polyglot.export('data', { mutable: Array.from({ length: " + N + " }, (_, i) => i), "
                        + "frozen: Object.freeze(Array.from({ length: " + N + " }, (_, i) => i)) });");
        Context client = servers.client;
        sum = client.eval("js", "(a) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; }");
        local = client.eval("js", "Array.from({ length: " + N + " }, (_, i) => i)");
        int[] values = new int[N];
        for (int i = 0; i < N; i++) {
            values[i] = i;
        }
        proxy = client.asValue(ProxyArray.fromArray((Object[]) java.util.Arrays.stream(values).boxed().toArray()));
        Value data = client.eval("yonder", "yonder+mem://jmh/data");
        frozen = data.getMember("frozen");
        remote = data.getMember("mutable");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        servers.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int localJsArray() {
        return sum.execute(local).asInt();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int hostProxyArray() {
        return sum.execute(proxy).asInt();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int downloadedFrozenArray() {
        return sum.execute(frozen).asInt();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int remoteArrayScan() {
        return sum.execute(remote).asInt();
    }
}
