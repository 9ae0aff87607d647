// Fixtures of ReceiverAndKindTest: methods of two instances of one class, values JS keeps apart (undefined, BigInt).
class A {
  constructor(n) { this.n = n; }
  who() { return 'I am ' + this.n; }
}
class Dog {
  constructor(name) { this.name = name; }
  speak() { return this.name + ' barks'; }
}
const TAG = Symbol('tag');
class Range {
  constructor(from, to) { this.from = from; this.to = to; }
  *[Symbol.iterator]() { for (let i = this.from; i <= this.to; i++) yield i; }
  get [Symbol.toStringTag]() { return 'Range'; }
  [Symbol.toPrimitive](hint) { return hint === 'number' ? this.to - this.from : this.from + '..' + this.to; }
}
// Fixtures of JsObjectsTest: a class hierarchy with accessors, a Map, a Set, promises.
class Animal {
  constructor(name) { this.name = name; }
  speak() { return this.name + ' makes a sound'; }
  get upper() { return this.name.toUpperCase(); }
  set upper(v) { this.name = v.toLowerCase(); }
  static named(name) { return new Animal(name); }
}
class Hound extends Animal {
  speak() { return this.name + ' bays'; }
  base() { return super.speak(); }
  *[Symbol.iterator]() { yield this.name; yield 'hound'; }
}
class Other { who() { return 'other'; } }
class AppError extends RangeError {
  constructor(message, code) { super(message); this.name = 'AppError'; this.code = code; }
}
Polyglot.export('fx', {
  Animal,
  Hound,
  Other,
  hound: new Hound('Bo'),
  otherInstance: new Other(),
  makeHound(name) { return new Hound(name); },
  isHound(h) { return h instanceof Hound && Object.getPrototypeOf(h) === Hound.prototype; },
  map: new Map([['a', 1], ['b', 2]]),
  set: new Set([1, 2, 3]),
  resolved: Promise.resolve(7),
  rejected() { return Promise.reject(new RangeError('later')); },
  AppError,
  makeError(code) { return new AppError('bad thing', code); },
  pattern: /b+/g,
  a1: new A(1),
  a2: new A(2),
  dog: new Dog('Rex'),
  mutt: new Dog('Mutt'),
  d1: new Date(Date.UTC(2020, 0, 1)),
  d2: new Date(Date.UTC(2021, 5, 15)),
  list: [1, 2, 3],
  nothing: undefined,
  empty: null,
  big: 2n ** 70n,
  small: 5n,
  // A generator: next(true) skips one; it returns 'done'.
  async *ticks(n) { for (let i = 1; i <= n; i++) { await null; yield i; } return 'end'; },
  *countdown(n) { let i = n; while (i > 0) { const skip = yield i; i -= skip ? 2 : 1; } return 'done'; },
  withDefault(a = 5) { return a; },
  typeOf(v) { return typeof v; },
  twice(b) { return b * 2n; },
  range(n) { if (n > 3) { const e = new RangeError('too big: ' + n); e.code = 42; throw e; } return n; },
  nullRead() { return null.x; },
  throwString() { throw 'boom'; },
  throwObject() { throw { code: 42, msg: 'plain' }; },
  sneaky: { a: 1, get g() { this.b = this.b + 1; return 0; }, b: 2 },
  record: { a: 1, inner: { b: 2 }, list: [1, 2] },
  withHidden: Object.defineProperty({ a: 1, b: 3 }, 'secretish', { value: 2, enumerable: false }),
  frozenRecord: Object.freeze({ a: 1 }),
  isRecord(o) { return o === this.record; },
  recordA() { return this.record.a; },
  hasZ() { return 'z' in this.record; },
  defining: {
    freshRecord() { return { a: 1 }; },
    describeOn(o, k) { return JSON.stringify(Object.getOwnPropertyDescriptor(o, k)) + ' ' + Object.keys(o).join('|'); },
  },
  // Plain objects that are not records: with methods, frozen, sealed, without or with a prototype of their own.
  counter: { n: 0, bump(by) { this.n += by; return this.n; }, arrow: (a, b) => a + b },
  config: Object.freeze({ mode: 'fast', limit: 3, nested: { a: 1 }, get now() { return 'live'; } }),
  sealedBox: Object.seal({ v: 1 }),
  bare: Object.assign(Object.create(null), { k: 'v' }),
  child: Object.assign(Object.create({ inherited: 'yes', hello() { return 'hi ' + this.own; } }), { own: 'me' }),
  isCounter(o) { return o === this.counter; },
  makeAdder(n) { return (x) => x + n; },
  later(n) { return Promise.resolve(n).then((x) => x + 1); },   // settles only when the owner runs its promise jobs
  // A method the client installs: run() calls this.handler() with this box as this.
  box: { name: 'box', run(x) { return this.handler(x); }, runDetached() { const h = this.handler; return h(1); } },
  // Typed arrays: the client's own, views of the owner's buffers.
  samples: new Int32Array([1, 2, 3, -4]),
  wave: new Float64Array(20000).map((_, i) => i % 7),
  sampleAt(i) { return this.samples[i]; },
  setSample(i, v) { this.samples[i] = v; },
  isSamples(t) { return t === this.samples; },
  sumOf(t) { let s = 0; for (const v of t) s += v; return [Object.prototype.toString.call(t), s].join(' '); },
  // Symbols: a unique one, a registered one, symbol-keyed members of a record and of a class's prototype (nested: a
  // plain object's shape names its methods only up to 64 members, and fx's calls are counted).
  sym: {
    tag: TAG,
    tagged: { visible: 1, [TAG]: 'hidden', [Symbol.for('app.reg')]: 'registered', [Symbol.toStringTag]: 'Tagged' },
    ranged: new Range(1, 4),
    runner: { [Symbol.for('app.run')]() { return 'owner'; }, [Symbol.for('app.data')]: 1 },
    box: { name: 'box' },
    isTag(s) { return s === TAG; },
    typeOf(x) { return typeof x; },
    echo(x) { return x; },
    fresh() { return Symbol('fresh'); },
    readKey(o, k) { return o[k]; },
  },
});
Polyglot.export('hound', Polyglot.import('fx').hound);
Polyglot.export('otherInstance', Polyglot.import('fx').otherInstance);
// Classes of the same name, a factory's: each instance is presented with its own class's prototype (Shape.variant),
// and past the 64 a session numbers apart (Shape.MAX_VARIANTS), described per object.
const makeTwin = (tag) => class Twin { who() { return tag; } };
const TwinA = makeTwin('a'), TwinB = makeTwin('b');
Polyglot.export('twins', {
  A: TwinA, B: TwinB, a: new TwinA(), b: new TwinB(),
  many: Array.from({ length: 70 }, (_, i) => { const C = makeTwin('t' + i); return [C, new C()]; }),
});
