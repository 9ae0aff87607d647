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

