package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asynchronous calls: sent at once, pipelined on the connection, answered through futures (to JS code, Promises). */
class AsyncTest extends SvcClient {

    @BeforeEach
    void helpers() {
        Yonder.js(client, "var async = Polyglot.eval('yonder', 'async');");
    }


    private Value js(String code) {
        return Yonder.js(client, code);
    }

    @Test
    void manyCallsAreOutstandingAtOnceAndAllAnswered() {
        Value r = js("""
                        (() => {
                          const add = async(svc, 'add');
                          const before = conn.stats().roundTrips;
                          const futures = [];
                          for (let i = 0; i < 200; i++) futures.push(add(i, [1, 2, 3], {}));
                          let sum = 0;
                          for (const f of futures) sum += f.get();
                          return [sum, conn.stats().roundTrips - before];
                        })()""");
        assertEquals(200 * 199 / 2 + 200 * 6, r.getArrayElement(0).asInt(), "every future has its own answer");
        assertEquals(200, r.getArrayElement(1).asInt(), "one request each");
    }

    @Test
    void anAsyncCallFromJsFindsItsCallerWithoutWalkingTheStack() {
        // The async function learns from its call site that a JS caller gets a Promise; it used to walk the stack for
        // that on every call, which took W6-async from about 950,000 calls/s to 200,000.
        Value r = js("""
                        (() => {
                          const noop = async(svc, 'noop');
                          const walks = () => Polyglot.eval('yonder', 'stats').callerStackWalks;
                          const before = walks();
                          const futures = [];
                          for (let i = 0; i < 1000; i++) futures.push(noop());
                          for (const f of futures) f.get();
                          return [walks() - before, futures[0] instanceof Promise];
                        })()""");
        assertEquals(0, r.getArrayElement(0).asInt(), "no stack walk for 1,000 async calls");
        assertTrue(r.getArrayElement(1).asBoolean(), "and the caller still gets its Promise");
    }

    @Test
    void pipelinedCallsShareWritesYetOneThatNobodyWaitsForStillGoesOut() {
        Value r = js("""
                        (() => {
                          const identity = async(svc, 'identity');
                          const before = conn.stats();
                          const futures = Array.from({ length: 500 }, (_, i) => identity(i));
                          let sum = 0;
                          for (const f of futures) sum += f.get();
                          const after = conn.stats();
                          // One call, then local work only: no get(), no other call. The request must still leave.
                          const lone = identity('lone');
                          const t0 = Date.now();
                          while (!lone.isDone() && Date.now() - t0 < 5000) { Polyglot.eval('yonder', 'poll'); }
                          return [sum, after.requestsHeldBack - before.requestsHeldBack, after.framesSent - before.framesSent,
                                  lone.isDone(), Date.now() - t0];
                        })()""");
        assertEquals(500 * 499 / 2, r.getArrayElement(0).asInt(), "every future has its own answer");
        assertTrue(r.getArrayElement(1).asLong() > 0, "asynchronous requests were held back to share writes");
        assertEquals(500, r.getArrayElement(2).asLong(), "yet each is its own frame");
        assertTrue(r.getArrayElement(3).asBoolean(), "a request nobody waits for is written by the flusher");
        assertTrue(r.getArrayElement(4).asLong() < 1000, "within a bound: " + r.getArrayElement(4) + " ms");
    }

    @Test
    void bigFramesBothWaysAtOnceDoNotDeadlock() {
        // Eight 2 MB requests go out while the server already writes 2 MB answers back: both sides write more than
        // the socket buffers hold, so each side must keep reading while its context thread writes.
        Value r = js("""
                        (() => {
                          const identity = async(svc, 'identity');
                          const big = 'x'.repeat(2 * 1024 * 1024);
                          const t0 = Date.now();
                          const futures = Array.from({ length: 8 }, () => identity(big));
                          let total = 0;
                          for (const f of futures) total += f.get().length;
                          return [total, Date.now() - t0];
                        })()""");
        assertEquals(8L * 2 * 1024 * 1024, r.getArrayElement(0).asLong());
        assertTrue(r.getArrayElement(1).asLong() < 30_000, "took " + r.getArrayElement(1) + " ms");
    }

    @Test
    void theCallerDoesNotWaitForASlowCall() {
        Value r = js("""
                        (() => {
                          const sleep = async(svc, 'sleep');
                          const t0 = Date.now();
                          const f = sleep(400);
                          const issued = Date.now() - t0;
                          const doneAtOnce = f.isDone();
                          return [issued, doneAtOnce, f.get(), Date.now() - t0];
                        })()""");
        assertTrue(r.getArrayElement(0).asLong() < 300, "issuing took " + r.getArrayElement(0) + " ms");
        assertEquals(false, r.getArrayElement(1).asBoolean());
        assertEquals(400, r.getArrayElement(2).asInt());
        assertTrue(r.getArrayElement(3).asLong() >= 400);
    }

    @Test
    void remoteErrorsSurfaceAtGetAndInThen() {
        Value r = js("""
                        var inThen = null, value = null;
                        (() => {
                          const f = async(svc, 'fail')('async boom');
                          let caught = null;
                          f.then(v => value = v, e => inThen = e.message);
                          try { f.get(); } catch (e) { caught = e.message; }
                          return [caught, inThen];
                        })()""");
        assertEquals("async boom", r.getArrayElement(0).asString(), "get() waits and throws the remote error");
        assertTrue(r.getArrayElement(1).isNull(), "a Promise's reactions run after the code that made it returns, as in any JS engine");
        client.eval("yonder", "loop");
        assertEquals("async boom", js("inThen").asString());
        assertTrue(js("value").isNull());
    }

    @Test
    void asyncRemoteFunctionsToo() {
        assertEquals(7, js("async(svc.add)(1, [1, 2, 3], {}).get()").asInt());
        js("var v; async(svc.identity)(42).then(x => v = x);");
        client.eval("yonder", "loop");
        assertEquals(42, js("v").asInt(), "then() reactions run in the context's event loop, once answered");
    }

    /** To JS code an async call is a Promise of its own: await, Promise.all and async functions work on it. */
    @Test
    void anAsyncCallIsAJsPromiseThatAwaitAndPromiseAllSettleThroughTheEventLoop() {
        js("""
                        var add = async(svc, 'add');
                        var out = 'pending';
                        var first = add(1, [1, 2, 3], {});
                        var kind = [first instanceof Promise, Object.prototype.toString.call(first), typeof first.get, typeof first.isDone].join();
                        (async () => {
                          const [a, b, c] = await Promise.all([first, add(2, [1, 2, 3], {}), add(3, [1, 2, 3], {})]);
                          const d = await add(4, [1], {});
                          try { await async(svc, 'fail')('async boom'); out = 'no error'; } catch (e) { out = [a + b + c, d, e instanceof Error, e.message].join(); }
                        })();""");
        client.eval("yonder", "loop");   // the context's event loop, until no call and no promise is pending
        assertEquals("true,[object Promise],function,function", js("kind").asString(), "a Promise that keeps the future's get() and isDone()");
        assertEquals("24,5,true,async boom", js("out").asString());
    }


    /** To Python code an async call is an awaitable: asyncio.gather runs several at once; get() still waits. */
    @Test
    void toPythonAnAsyncCallIsAnAwaitableThatAsyncioGathers() {
        Value r = client.eval("python", """
                        import asyncio, polyglot, time
                        svc = polyglot.import_value('svc')
                        make_async = polyglot.eval(language='yonder', string='async')
                        add, sleep = make_async(svc, 'add'), make_async(svc, 'sleep')
                        async def main():
                            t0 = time.monotonic()
                            sums = await asyncio.gather(add(1, [1, 2, 3], None), add(2, [1], None), add(3, [], None))
                            try:
                                await make_async(svc, 'fail')('py boom')
                                failed = 'no error'
                            except Exception as e:
                                failed = str(e)
                            slept = await asyncio.gather(sleep(300), asyncio.sleep(0.3, 'local'))
                            return [list(sums), failed, list(slept), time.monotonic() - t0]
                        out = asyncio.run(main())
                        [repr(out[0]), 'py boom' in out[1], repr(out[2]), out[3] < 5, add(1, [], None).get(), type(add(1, [], None)).__name__]""");
        assertEquals("[7, 3, 3]", r.getArrayElement(0).asString());
        assertTrue(r.getArrayElement(1).asBoolean(), "a remote error is raised at the await");
        assertEquals("[300, 'local']", r.getArrayElement(2).asString(), "a remote call and a local coroutine awaited together");
        assertTrue(r.getArrayElement(3).asBoolean());
        assertEquals(1, r.getArrayElement(4).asInt(), "get() waits for the value");
        assertEquals("AsyncCall", r.getArrayElement(5).asString());
    }


    /**
     * To a Java caller (through Value) an async call is a CompletableFuture<Value>: join() and get() serve the context
     * until the answer is in (from any thread); composition runs once they complete; the remote error is the
     * exceptional completion.
     */
    @Test
    void toJavaAnAsyncCallIsACompletableFuture() throws Exception {
        try (org.graalvm.polyglot.Context javaClient = org.graalvm.polyglot.Context.newBuilder().allowAllAccess(true).build()) {
            Value svc = javaClient.eval("yonder", server.url() + "/svc");
            Value async = javaClient.eval("yonder", "async");
            @SuppressWarnings("unchecked")
            CompletableFuture<Value> slow = async.execute(svc, "sleep").execute(300).as(CompletableFuture.class);
            assertTrue(!slow.isDone(), "answered later");
            CompletableFuture<Integer> doubled = slow.thenApply(v -> v.asInt() * 2);
            // join() on another thread: it serves the context until the answer is in; what was composed on it runs
            assertEquals(300, CompletableFuture.supplyAsync(() -> slow.join().asInt()).get(30, TimeUnit.SECONDS));
            assertEquals(600, doubled.get(30, TimeUnit.SECONDS));
            List<CompletableFuture<Value>> sums = new ArrayList<>();
            Value add = async.execute(svc, "add");
            for (int i = 0; i < 20; i++) {
                @SuppressWarnings("unchecked")
                CompletableFuture<Value> f = add.execute(i, new int[]{1, 2}, 0).as(CompletableFuture.class);
                sums.add(f);
            }
            assertEquals(190 + 20 * 3, sums.stream().mapToInt(f -> f.join().asInt()).sum());
            @SuppressWarnings("unchecked")
            CompletableFuture<Value> failing = async.execute(svc, "fail").execute("java boom").as(CompletableFuture.class);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> failing.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof org.graalvm.polyglot.PolyglotException && e.getCause().getMessage().contains("java boom"), String.valueOf(e.getCause()));
        }
    }

    /** With yonder.HostConcurrency (a Java program's own context) a worker completes the futures: allOf needs no join. */
    @Test
    void withHostConcurrencyJavaFuturesCompleteWithNoThreadServing() throws Exception {
        try (org.graalvm.polyglot.Context javaClient = org.graalvm.polyglot.Context.newBuilder().allowAllAccess(true).option("yonder.HostConcurrency", "true").build()) {
            Value svc = javaClient.eval("yonder", server.url() + "/svc");
            Value add = javaClient.eval("yonder", "async").execute(svc, "add");
            List<CompletableFuture<Integer>> sums = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                @SuppressWarnings("unchecked")
                CompletableFuture<Value> f = add.execute(i, new int[]{1, 2}, 0).as(CompletableFuture.class);
                sums.add(f.thenApply(Value::asInt));
            }
            int total = CompletableFuture.allOf(sums.toArray(new CompletableFuture[0])).thenApply(x -> sums.stream().mapToInt(CompletableFuture::join).sum())
                            .get(30, TimeUnit.SECONDS);
            assertEquals(190 + 20 * 3, total);
        }
    }

    /** From Python: call() pipelines on an awaitable's answer-to-be; cancel() gives a call up. */
    @Test
    void fromPythonCallPipelinesAndCancelGivesUp() {
        try (org.graalvm.polyglot.Context py = Yonder.client(server.url())) {
            Value r = py.eval("python", """
                            import asyncio, polyglot
                            svc = polyglot.eval(language='yonder', string='%s/svc')
                            make_async = polyglot.eval(language='yonder', string='async')
                            async def main():
                                point = make_async(svc, 'makePoint')(3, 4)
                                norm = await point.call('norm2')
                                slow = make_async(svc, 'sleep')(2000)
                                slow.cancel()
                                try:
                                    await slow
                                    cancelled = 'no error'
                                except Exception as e:
                                    cancelled = str(e)
                                return [norm, cancelled]
                            asyncio.run(main())""".formatted(server.url()));
            assertEquals(25, r.getArrayElement(0).asInt());
            assertTrue(r.getArrayElement(1).asString().contains("cancelled by its caller"), r.getArrayElement(1).asString());
        }
    }
}
