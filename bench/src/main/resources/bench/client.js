// The client side of W1-W5, in compiled JS. Each workload returns its samples (ns per operation) as a Java long[].
const System = Java.type('java.lang.System');
const Samples = Java.type('long[]');
const svc = Polyglot.import('svc');
const conn = Polyglot.eval('yonder', Polyglot.import('url'));
const localData = Array.from({ length: 10000 }, (_, i) => i);

// WORKLOADS.md: warm up until `warm` ops AND 1 s (at most 5 s), then up to n timed ops, at most 20 s. One loop runs
// the warm-up (in rounds, on a scratch array) and the timing, as JMH does: a timing loop of its own would be compiled
// (on-stack replacement) while it is timed, and its first timed iterations would run in the interpreter.
function latency(op, n, warm) {
  function timed(samples, count, deadline) {
    let k = 0;
    for (; k < count; k++) {
      const t0 = System.nanoTime();
      op();
      const t1 = System.nanoTime();
      samples[k] = t1 - t0;
      if (t1 > deadline) { k++; break; }
    }
    return k;
  }
  const round = Math.max(1, Math.min(warm, 500));
  const scratch = new Samples(round);
  const start = System.nanoTime();
  for (let i = 0; i < warm || System.nanoTime() - start < 1e9; i += round) {
    timed(scratch, round, start + 5e9);
    if (System.nanoTime() - start > 5e9) break;
  }
  const samples = new Samples(n);
  const k = timed(samples, n, System.nanoTime() + 20e9);
  return java.util.Arrays.copyOf(samples, k);
}

// Round trips per operation, counted by the session: [client->server, server->client, one-way frames].
function roundTrips(op, ops) {
  const a = conn.stats();
  for (let i = 0; i < ops; i++) op();
  const b = conn.stats();
  return [(b.roundTrips - a.roundTrips) / ops, (b.requestsServed - a.requestsServed) / ops, (b.releaseFramesSent - a.releaseFramesSent) / ops];
}

const workloads = {
  W1: [() => svc.noop(), 20000, 2000, 100],
  W2: [() => svc.value, 20000, 2000, 100],
  W3: [() => { const r = svc.add(1, [1, 2, 3], {}); if (r !== 7) throw new Error('W3 returned ' + r); }, 5000, 500, 20],
  W4: [() => { const data = svc.data; let s = 0; for (const x of data) s += x; if (s !== 49995000) throw new Error('W4 sum ' + s); }, 10, 1, 3],
  W5: [() => { if (svc.call_back(i => i, 100) !== 100) throw new Error('W5'); }, 50, 5, 1],
  // Not a peer workload: W4's loop over a local JS array of the same ints, for the tail issue's W4 goal.
  'W4-local': [() => { const data = localData; let s = 0; for (const x of data) s += x; if (s !== 49995000) throw new Error('W4-local sum ' + s); }, 10, 1, 3],
};

// W6-async: repeat { issue 1,000 async noop() calls, then get() on all } for 5 s, after 1,000 warm-up calls.
function w6async() {
  const anoop = Polyglot.eval('yonder', 'async')(svc, 'noop');
  for (let i = 0; i < 1000; i++) anoop().get();
  const t0 = System.nanoTime();
  let calls = 0;
  const futures = new Array(1000);
  while (System.nanoTime() - t0 < 5e9) {
    for (let i = 0; i < 1000; i++) futures[i] = anoop();
    for (let i = 0; i < 1000; i++) futures[i].get();
    calls += 1000;
  }
  return calls / ((System.nanoTime() - t0) / 1e9);
}

// Not part of the rules: the same operation after `seconds` more of running, for the column that shows what the
// compiled code does once the JIT has caught up (on one CPU it shares the CPU with both processes). One loop, as above.
function steady(op, n, seconds) {
  function timed(samples, count) {
    for (let k = 0; k < count; k++) {
      const t0 = System.nanoTime();
      op();
      samples[k] = System.nanoTime() - t0;
    }
  }
  const scratch = new Samples(Math.min(n, 500));
  const start = System.nanoTime();
  while (System.nanoTime() - start < seconds * 1e9) timed(scratch, scratch.length);
  const samples = new Samples(n);
  timed(samples, n);
  return samples;
}

// Each workload gets its own copy of the timing functions (parsed again from their source, so they are separate
// call targets, as JMH generates one loop per benchmark). Shared, they would see every workload's operation: their
// profiles would turn polymorphic and the JIT would recompile them in the middle of the next workload's timing.
const own = {};
function ownCopy(fn, name) {
  return (0, eval)('(' + fn.toString() + ')\n//# ' + name + ' ' + fn.name);
}
function timing(name) {
  if (!own[name]) {
    own[name] = { latency: ownCopy(latency, name), roundTrips: ownCopy(roundTrips, name), steady: ownCopy(steady, name) };
  }
  return own[name];
}

(function run(name, steadySeconds) {
  if (name === 'W6-async') return w6async();
  const [op, n, warm, rtOps] = workloads[name];
  const t = timing(name);
  if (steadySeconds) return t.steady(op, n, steadySeconds);
  return { samples: t.latency(op, n, warm), rts: t.roundTrips(op, rtOps) };
});
