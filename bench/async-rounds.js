// W6-async in rounds (bench/async-rounds.sh): how the rate of 1,000 outstanding async noop() calls grows as the JIT
// catches up, and where a batch's time goes (issuing the calls, the first answer, the rest), then one thread's
// synchronous calls. Run by `yonder run` with --connect; `url` is given by the script.
const svc = Polyglot.import('svc');
const conn = Polyglot.eval('yonder', url);
const System = Java.type('java.lang.System');
const anoop = Polyglot.eval('yonder', 'async')(svc, 'noop');
for (let i = 0; i < 1000; i++) anoop().get();
const futures = new Array(1000);
for (let r = 0; r < 6; r++) {
  const t0 = System.nanoTime();
  let calls = 0, issue = 0, first = 0, rest = 0;
  while (System.nanoTime() - t0 < 3e9) {
    const a = System.nanoTime();
    for (let i = 0; i < 1000; i++) futures[i] = anoop();
    const b = System.nanoTime();
    futures[0].get();
    const c = System.nanoTime();
    for (let i = 1; i < 1000; i++) futures[i].get();
    issue += b - a; first += c - b; rest += System.nanoTime() - c;
    calls += 1000;
  }
  const batches = calls / 1000, us = (ns) => Math.round(ns / batches / 1000);
  console.log(`async round ${r}: ${Math.round(calls / ((System.nanoTime() - t0) / 1e9))} calls/s; per 1,000: issue ${us(issue)} us, first answer ${us(first)} us, the rest ${us(rest)} us`);
}
for (let r = 0; r < 3; r++) {
  const t0 = System.nanoTime();
  let calls = 0;
  while (System.nanoTime() - t0 < 2e9) { for (let i = 0; i < 1000; i++) svc.noop(); calls += 1000; }
  console.log(`sync round ${r}: ${Math.round(calls / ((System.nanoTime() - t0) / 1e9))} calls/s`);
}
console.log('stack walks: ' + Polyglot.eval('yonder', 'stats').callerStackWalks);
