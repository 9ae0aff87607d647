// Values of every interop kind, served to the Truffle polyglot TCK's yonder LanguageProvider (tck/YonderTck.java).
// Each member is a function that makes a fresh value, so that every TCK run gets its own.
class Shape {
  constructor(name) { this.name = name; }
  area() { return 0; }
}
function* naturals(n) { for (let i = 0; i < n; i++) yield i; }

Polyglot.export('values', {
  number: () => 42,
  double: () => 4.5,
  string: () => 'remote text',
  boolean: () => true,
  null: () => null,
  object: () => ({ a: 1, b: 'two', nested: { c: 3 } }),
  array: () => [1, 2, 3],
  mixedArray: () => [1, 'two', { three: 3 }],
  frozenArray: () => Object.freeze([4, 5, 6]),
  function: () => (x, y) => x + y,
  klass: () => Shape,
  instance: () => new Shape('square'),
  map: () => new Map([['k1', 1], ['k2', 2]]),
  iterator: () => naturals(3),
  date: () => new Date(Date.UTC(2026, 10, 22)),
  buffer: () => new Uint8Array([1, 2, 3, 4]).buffer,
  big: () => 2n ** 70n,
  identity: () => (x) => x,
});
