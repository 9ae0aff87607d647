// Fixtures of ReceiverAndKindTest: methods of two instances of one class, values JS keeps apart (undefined, BigInt).
class A {
  constructor(n) { this.n = n; }
  who() { return 'I am ' + this.n; }
}
class Dog {
  constructor(name) { this.name = name; }
  speak() { return this.name + ' barks'; }
}
Polyglot.export('fx', {
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
  withDefault(a = 5) { return a; },
  typeOf(v) { return typeof v; },
  twice(b) { return b * 2n; },
  range(n) { if (n > 3) { const e = new RangeError('too big: ' + n); e.code = 42; throw e; } return n; },
  nullRead() { return null.x; },
  throwString() { throw 'boom'; },
  throwObject() { throw { code: 42, msg: 'plain' }; },
  sneaky: { a: 1, get g() { this.b = this.b + 1; return 0; }, b: 2 },
  record: { a: 1, inner: { b: 2 }, list: [1, 2] },
  frozenRecord: Object.freeze({ a: 1 }),
  isRecord(o) { return o === this.record; },
  recordA() { return this.record.a; },
  hasZ() { return 'z' in this.record; },
});
