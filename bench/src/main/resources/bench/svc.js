// The remote object `svc` of ../shared/peers/WORKLOADS.md, served by `yonder serve`.
const svc = {
  value: 42,
  data: Array.from({ length: 10000 }, (_, i) => i),
  noop() {},
  add(a, lst, obj) {
    let sum = a;
    for (const v of lst) sum += v;   // the server iterates lst its natural way; obj is not touched
    return sum;
  },
  call_back(cb, n) {
    for (let i = 0; i < n; i++) cb(i);
    return n;
  },
};
Polyglot.export('svc', svc);

// Not part of the workloads: the replicas' fan-out row (the Cacheable issue). `fanout.state` is a cacheable object;
// bump() changes it, and every client holding a replica gets the update before bump's answer leaves.
const fanoutState = Polyglot.eval('yonder', 'cacheable')({ n: 0 });
Polyglot.export('fanout', { state: fanoutState, bump() { return ++fanoutState.n; } });

// Not part of the workloads: the reconnect row (the Publishable issue). 1,000 publishable objects; changeTen() changes
// ten of them, so a client that kept replicas of all finds ten stale when it connects again.
const benchItems = [];
for (let i = 0; i < 1000; i++) benchItems.push(Polyglot.eval('yonder', 'publishable')('bench-item-' + i, { v: i }));
let benchRound = 0;
Polyglot.export('items', { changeTen() { benchRound++; for (let k = 0; k < 10; k++) benchItems[(benchRound * 97 + k * 100) % 1000].v++; } });
