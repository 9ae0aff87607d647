// The server object of the end-to-end tests. Runs under `yonder serve` in its own process.
let lastWait = 'none';
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  norm2() { return this.x * this.x + this.y * this.y; }
}

class Point3 extends Point {
  constructor(x, y, z) { super(x, y); this.z = z; }
}

let held = null;
let tickCount = 0;
let settingsReads = 0;

const svc = {
  name: 'svc',
  value: 42,
  counter: 0,
  items: [1, 2, 3],
  frozen: Object.freeze([5, 6, 7]),
  Point,
  Point3,
  buf: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer,
  bufByte(i) { return new Uint8Array(this.buf)[i]; },
  parse(src) { return eval(src); },
  failWithCause(m) { throw new Error(m, { cause: new TypeError('root cause') }); },
  big: 2n ** 70n,
  javaList: Java.type('java.util.ArrayList'),
  when: new Date(Date.UTC(2026, 10, 22, 12, 30, 0)),
  data: Array.from({ length: 10000 }, (_, i) => i),
  frozenData: Object.freeze(Array.from({ length: 1000 }, (_, i) => i)),
  // A frozen object: its data members can never change, so a client keeps them after the first read.
  settings: Object.freeze({ mode: 'fast', limit: 3, nested: { a: 1 }, get reads() { return ++settingsReads; } }),
  // Objects of six different classes: six remote shapes, more than an inline cache holds.
  kinds: [class A {}, class B {}, class C {}, class D {}, class E {}, class F {}].map(K => new K()),
  wide: Object.fromEntries(Array.from({ length: 100 }, (_, i) => ['m' + i, i])),
  colors: new Set(['red', 'green', 'blue']),
  table: new Map(Array.from({ length: 1000 }, (_, i) => ['k' + i, i])),
  get ticks() { return ++tickCount; },

  noop() {},
  add(a, lst, obj) {
    let sum = a;
    for (const v of lst) sum += v;
    return sum;
  },
  foo(a, lst, y) {
    let sum = 0;
    for (let i = 0; i < lst.length; i++) sum += lst[i];
    const answer = y.greet('server');
    y.seen = sum;
    return `a=${a} sum=${sum} y=${answer}`;
  },
  callBack(cb, n) {
    for (let i = 0; i < n; i++) cb(i);
    return n;
  },
  pingPong(cb, n) {
    return n === 0 ? 0 : 1 + cb(n - 1);
  },
  fail(message) {
    throw new Error(message);
  },
  failDeep(message) {
    function inner() { throw new TypeError(message); }
    return inner();
  },
  makeObjects(n) {
    return Array.from({ length: n }, (_, i) => ({ i }));
  },
  *count(n) { for (let i = 0; i < n; i++) yield i; },
  setItem(i, v) { this.items[i] = v; },
  identity(o) { return o; },
  same(a, b) { return a === b; },
  hold(o) { held = o; return true; },
  callHeld(v) { return held(v); },
  getHeld() { return held; },
  typeOf(v) { return typeof v; },
  sleep(ms) { java.lang.Thread.sleep(ms); return ms; },
  exportCount() { return Polyglot.eval('yonder', 'stats').exports; },
  sessionCount() { return Polyglot.eval('yonder', 'stats').sessions; },
  pendingCalls() { return Polyglot.eval('yonder', 'stats').pendingCalls; },
  // Frames the server read, and those of them its sessions' reader threads read and handed to the serving thread.
  framesRead() { const s = Polyglot.eval('yonder', 'stats'); return [s.framesReceived, s.framesHandedOff]; },
  // Calls the caller back and says how its wait for the answer ended (DeadlineTest: the caller's deadline travels).
  waitOnCallback(cb) {
    const t0 = Date.now();
    try { cb(); lastWait = 'answered after ' + (Date.now() - t0); } catch (e) { lastWait = 'gave up after ' + (Date.now() - t0) + ': ' + e.message; }
    return lastWait;
  },
  lastWait() { return lastWait; },
  makePoint(x, y) { return new Point(x, y); },
  // Round trips this server made to its clients (callbacks), without the probes of -ea interop assertions.
  serverRoundTrips() { return Polyglot.eval('yonder', 'stats').roundTrips; },
};

Polyglot.export('svc', svc);
Polyglot.export('greeting', 'hello');
