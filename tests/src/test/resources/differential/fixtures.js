// Fixtures of the differential transparency suite. Runs locally (L, in the probe's own context) and under
// `yonder serve fixtures.js` (R). Each suite (js, java, lib) gets its own fresh set, exported as roots named
// `<suite>.<name>`, with the list of names in `<suite>.__names`, so that probes that change state stay apart.
function build() {
  class Animal {
    constructor(name) { this.name = name; }
    speak() { return this.name + ' makes a sound'; }
    get upper() { return this.name.toUpperCase(); }
    rename(n) { this.name = n; return this; }
    static create(n) { return new Animal(n); }
    toString() { return 'Animal(' + this.name + ')'; }
  }
  class Dog extends Animal {
    constructor(name, breed) { super(name); this.breed = breed; }
    speak() { return this.name + ' barks'; }
    fetch(thing = 'ball') { return this.name + ' fetches ' + thing; }
    superSpeak() { return super.speak(); }
  }
  class Counter {
    #n = 0;
    constructor(start) { this.count = start; }
    inc(by = 1) { this.count += by; this.#n++; return this.count; }
    get calls() { return this.#n; }
    get double() { return this.count * 2; }
    set double(v) { this.count = v / 2; }
  }
  class ValidationError extends Error {
    constructor(message, field) { super(message); this.name = 'ValidationError'; this.field = field; }
  }
  class Point {
    constructor(x, y) { this.x = x; this.y = y; }
    toJSON() { return { point: [this.x, this.y] }; }
    valueOf() { return this.x * 10 + this.y; }
    toString() { return '(' + this.x + ', ' + this.y + ')'; }
    equals(o) { return o.x === this.x && o.y === this.y; }
  }
  const tag = Symbol('tag');
  const withSymbol = { visible: 1, [tag]: 'hidden' };
  const registered = Symbol.for('yonder.probe');
  const symbols = { tag, registered, iterator: Symbol.iterator, [registered]: 'by key', [Symbol.toStringTag]: 'Tagged', plain: 1 };
  class Interval {
    constructor(from, to) { this.from = from; this.to = to; }
    *[Symbol.iterator]() { for (let i = this.from; i <= this.to; i++) yield i; }
    get [Symbol.toStringTag]() { return 'Interval'; }
    [Symbol.toPrimitive](hint) { return hint === 'number' ? this.to - this.from : this.from + '..' + this.to; }
  }
  const nonEnumerable = { a: 1 };
  Object.defineProperty(nonEnumerable, 'hidden', { value: 2, enumerable: false });
  Object.defineProperty(nonEnumerable, 'readOnly', { value: 3, enumerable: true, writable: false });
  const sparse = [1, , 3];
  sparse[6] = 7;
  const holes = new Array(4);
  holes[2] = 'two';
  const nullProto = Object.create(null);
  nullProto.k = 'v';
  nullProto.n = 1;
  const protoChild = Object.create({ inherited: 'from proto', greet() { return 'hi ' + this.own; } });
  protoChild.own = 'mine';
  const accessors = {
    _v: 1,
    get v() { return this._v; },
    set v(x) { this._v = x * 10; },
    get onlyGet() { return 'got'; },
  };
  function* range(n) { for (let i = 0; i < n; i++) yield i; }
  async function* ticks(n) { for (let i = 0; i < n; i++) { await null; yield i; } return 'ticked'; }
  const iterable = { from: 1, to: 4, [Symbol.iterator]: function* () { for (let i = this.from; i <= this.to; i++) yield i; } };
  const fns = {
    add: (a, b) => a + b,
    greet: function greet(name = 'world', punct = '!') { return 'hello ' + name + punct; },
    variadic: (...args) => args.length + ':' + args.join(','),
    asyncAdd: async (a, b) => a + b,
    asyncFail: async () => { throw new RangeError('async range'); },
    throwsType: () => { throw new TypeError('bad type'); },
    throwsRange: () => { throw new RangeError('out of range'); },
    throwsCustom: () => { throw new ValidationError('invalid email', 'email'); },
    throwsString: () => { throw 'a plain string'; },
    throwsObject: () => { throw { code: 42, msg: 'plain object' }; },
    throwsNumber: () => { throw 7; },
    returnsUndefined: () => undefined,
    returnsNull: () => null,
    returnsBig: () => 2n ** 64n,
    returnsObject: () => ({ made: true, list: [1, 2] }),
    returnsArray: () => [3, 2, 1],
    returnsFunction: () => (x) => x * 3,
    thisName: function () { return this === undefined || this === null ? String(this) : String(this.name); },
    apply: (f, ...args) => f(...args),
    mapWith: (arr, f) => arr.map((x) => f(x)),
    typeOfArg: (x) => typeof x,
    isArrayArg: (x) => Array.isArray(x),
    keysOf: (x) => Object.keys(x).join(','),
    argCount: function () { return arguments.length; },
    range,
    ticks,
    identity: (x) => x,
    isTag: (s) => s === tag,
    symbolFor: (k) => Symbol.for(k),
    keyFor: (s) => Symbol.keyFor(s) ?? 'none',
    describeSymbol: (s) => typeof s + ' ' + String(s.description),
    readSym: (o, s) => o[s],
    makeSymbol: (d) => Symbol(d),
    makeTagged: () => ({ n: 1, [tag]: 'tagged' }),
    makePlain: () => ({ n: 1 }),
  };
  const date = new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6));
  const date2 = new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 0));
  return {
    num: 42,
    str: 'text',
    plain: { a: 1, b: 'two', c: true, d: null, e: 1.5 },
    nested: { level1: { level2: { level3: { leaf: 'deep', list: [1, { x: 'y' }] } } }, sibling: [10, 20] },
    empty: {},
    emptyArr: [],
    arr: [1, 2, 3, 4, 5],
    mixedArr: [1, 'two', { three: 3 }, [4], null, true],
    objArr: [{ id: 1, name: 'a', tags: ['x'] }, { id: 2, name: 'b', tags: [] }, { id: 3, name: 'c', tags: ['y', 'z'] }],
    frozenArr: Object.freeze([1, 2, 3]),
    frozenObj: Object.freeze({ x: 1, y: 'two', inner: { z: 3 } }),
    sealedObj: Object.seal({ s: 1 }),
    sparse,
    holes,
    int32: new Int32Array([1, 2, 3, -4]),
    float64: new Float64Array([1.5, -0.25, 1e10]),
    uint8: new Uint8Array([0, 255, 128]),
    nestedArr: [[1, 2], [3, [4, 5]], []],
    strArr: ['b', 'a', 'c'],
    numArr: [10, 1, 5, 100],
    animal: new Animal('generic'),
    dog: new Dog('Rex', 'lab'),
    dog2: new Dog('Fido', 'pug'),
    Animal,
    Dog,
    // Two classes of one name, a factory's: each instance keeps its own class (Shape.variant).
    twins: (() => { const make = (tag) => class Twin { who() { return tag; } }; const A = make('a'), B = make('b'); return { A, B, a: new A(), b: new B() }; })(),
    counter: new Counter(5),
    point: new Point(1, 2),
    point2: new Point(1, 2),
    withSymbol,
    symbols,
    interval: new Interval(2, 5),
    nonEnumerable,
    nullProto,
    protoChild,
    accessors,
    map: new Map([['a', 1], ['b', { deep: true }], [3, 'three']]),
    set: new Set([1, 'two', 3]),
    weakMap: new WeakMap(),
    date,
    date2,
    invalidDate: new Date(NaN),
    regex: /ab+c/gi,
    errors: {
      plain: new Error('boom'),
      type: new TypeError('bad type'),
      range: new RangeError('out of range'),
      syntax: new SyntaxError('bad syntax'),
      custom: new ValidationError('invalid email', 'email'),
    },
    error: new Error('top error'),
    rangeError: new RangeError('top range'),
    customError: new ValidationError('top custom', 'name'),
    fns,
    add: fns.add,
    greet: fns.greet,
    thrower: fns.throwsType,
    big: { small: 5n, large: 12345678901234567890n, neg: -3n },
    specials: { u: undefined, n: null, zero: 0, negZero: -0, emptyStr: '', f: false, nan: NaN, inf: Infinity, ninf: -Infinity },
    withUndefined: { a: 1, u: undefined, b: 2 },
    numbers: { int: 7, neg: -12, dbl: 3.25, max: Number.MAX_SAFE_INTEGER, min: Number.MIN_VALUE, big: 2 ** 60, str: '12' },
    strings: { ascii: 'abc', unicode: 'héllo wörld', emoji: '😀x', empty: '', multi: 'a\nb', quote: 'say "hi"' },
    gen: range(3),
    iterable,
    promise: Promise.resolve(11),
    toJSONObj: { secret: 1, toJSON() { return { shown: 2 }; } },
    toStringObj: { toString() { return 'custom string'; } },
    valueOfObj: { valueOf() { return 40; } },
    both: { valueOf() { return 1; }, toString() { return 'two'; } },
    other: { name: 'other' },
    cyclicHolder: (() => { const o = { name: 'cyc' }; o.self = o; return o; })(),
    mutable: { count: 0, list: [1, 2, 3], obj: { k: 'v' } },
    mutArr: [1, 2, 3],
    dates: { d1: date, d2: date2 },
    config: { server: { host: 'localhost', port: 8080, tls: { enabled: false } }, features: ['a', 'b'], retries: 3 },
    defaults: { server: { port: 80, timeout: 30, tls: { enabled: true, cert: 'x.pem' } }, features: [], verbose: false },
    people: [
      { name: 'Ann', age: 31, city: 'Oslo', langs: ['js', 'py'] },
      { name: 'Bob', age: 25, city: 'Rome', langs: ['java'] },
      { name: 'Cid', age: 31, city: 'Oslo', langs: [] },
      { name: 'Dee', age: 42, city: 'Lima', langs: ['js'] },
    ],
    schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } } },
  };
}

for (const suite of ['js', 'java', 'lib']) {
  const f = build();
  for (const k of Object.keys(f)) {
    Polyglot.export(suite + '.' + k, f[k]);
  }
  Polyglot.export(suite + '.__names', Object.keys(f));
}
