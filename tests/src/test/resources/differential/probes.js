// JS probes of the differential suite: run after harness.js, on `fx` (local or remote fixtures of fixtures.js).
'use strict';

// ---- Generated: every operation on every fixture. ----
const OPS = [
  ['typeof', (v) => typeof v],
  ['show', (v) => v],
  ['json', (v) => JSON.stringify(v)],
  ['string', (v) => String(v)],
  ['number', (v) => Number(v)],
  ['truthy', (v) => !!v],
  ['isNullish', (v) => v == null],
  ['keys', (v) => Object.keys(v)],
  ['ownNames', (v) => Object.getOwnPropertyNames(v)],
  ['forIn', (v) => { const ks = []; for (const k in v) ks.push(k); return ks; }],
  ['entries', (v) => Object.entries(v).map(([k, x]) => k + '=' + show(x))],
  ['spread', (v) => ({ ...v })],
  ['isArray', (v) => Array.isArray(v)],
  ['arrayFrom', (v) => Array.from(v)],
  ['length', (v) => v.length],
  ['size', (v) => v.size],
  ['toStringTag', (v) => Object.prototype.toString.call(v)],
  ['instanceofObject', (v) => v instanceof Object],
  ['instanceofArray', (v) => v instanceof Array],
  ['instanceofFunction', (v) => v instanceof Function],
  ['instanceofError', (v) => v instanceof Error],
  ['instanceofMap', (v) => v instanceof Map],
  ['instanceofSet', (v) => v instanceof Set],
  ['instanceofDate', (v) => v instanceof Date],
  ['instanceofRegExp', (v) => v instanceof RegExp],
  ['instanceofPromise', (v) => v instanceof Promise],
  ['ctorName', (v) => v.constructor.name],
  ['protoIsObject', (v) => Object.getPrototypeOf(v) === Object.prototype],
  ['protoNull', (v) => Object.getPrototypeOf(v) === null],
  ['isFrozen', (v) => Object.isFrozen(v)],
  ['isExtensible', (v) => Object.isExtensible(v)],
  ['hasIterator', (v) => typeof Object(v)[Symbol.iterator]],
  ['typeofToString', (v) => typeof v.toString],
  ['sameTwice', (v) => v === v],
  ['hasOwnA', (v) => Object.prototype.hasOwnProperty.call(v, 'a')],
  ['inName', (v) => 'name' in Object(v)],
  ['readMissing', (v) => v.noSuchMember],
];
const NAMES = Object.keys(fx);
for (const [op, f] of OPS) {
  for (const n of NAMES) {
    if (n === 'gen') continue; // consumed by the first spread; probed by hand below
    probe('js/op.' + op + '.' + n, () => f(fx[n]));
  }
}

// Every member of the object fixtures, read one by one.
for (const n of ['plain', 'nested', 'specials', 'withUndefined', 'numbers', 'strings', 'big', 'frozenObj', 'accessors', 'config', 'dates']) {
  for (const k of ['a', 'b', 'c', 'd', 'e', 'u', 'n', 'zero', 'negZero', 'emptyStr', 'f', 'nan', 'inf', 'ninf', 'int', 'neg', 'dbl', 'max', 'min',
    'big', 'str', 'ascii', 'unicode', 'emoji', 'empty', 'multi', 'quote', 'small', 'large', 'x', 'y', 'inner', 'v', 'onlyGet', 'server', 'features',
    'retries', 'd1', 'd2', 'level1', 'sibling']) {
    if (!(k in fx[n])) continue;
    probe('js/member.' + n + '.' + k, () => fx[n][k]);
    probe('js/memberType.' + n + '.' + k, () => typeof fx[n][k]);
  }
}

// Every element of the array fixtures.
for (const n of ['arr', 'mixedArr', 'objArr', 'frozenArr', 'sparse', 'holes', 'int32', 'float64', 'uint8', 'nestedArr', 'strArr', 'numArr']) {
  for (let i = -1; i <= 7; i++) {
    probe('js/elem.' + n + '.' + i, () => fx[n][i]);
  }
  probe('js/elem.' + n + '.in1', () => 1 in fx[n]);
  probe('js/elem.' + n + '.map', () => Array.prototype.map.call(fx[n], (x) => typeof x));
  probe('js/elem.' + n + '.forOf', () => { const r = []; for (const x of fx[n]) r.push(x); return r; });
  probe('js/elem.' + n + '.forEachCount', () => { let c = 0; Array.prototype.forEach.call(fx[n], () => c++); return c; });
  probe('js/elem.' + n + '.join', () => Array.prototype.join.call(fx[n], '|'));
  probe('js/elem.' + n + '.slice', () => Array.prototype.slice.call(fx[n], 1, 3));
  probe('js/elem.' + n + '.indexOf3', () => Array.prototype.indexOf.call(fx[n], 3));
  probe('js/elem.' + n + '.includes3', () => Array.prototype.includes.call(fx[n], 3));
}

// ---- Hand-written. ----
// Methods read off an object and run later, `this`.
probe('js/this.dates.json', () => JSON.stringify({ d1: fx.date, d2: fx.date2 }));
probe('js/this.dates.jsonNested', () => JSON.stringify(fx.dates));
probe('js/this.dates.isoBoth', () => [fx.date.toISOString(), fx.date2.toISOString()]);
probe('js/this.dates.isoBothReversed', () => [fx.date2.toISOString(), fx.date.toISOString()]);
probe('js/this.dates.methodCall', () => { const f = fx.date.toISOString; return f.call(fx.date2); });
probe('js/this.dates.protoCall', () => Date.prototype.toISOString.call(fx.date2));
probe('js/this.speak.two', () => [fx.dog.speak(), fx.dog2.speak()]);
probe('js/this.speak.twoReversed', () => [fx.dog2.speak(), fx.dog.speak()]);
probe('js/this.speak.detachedCall', () => { const s = fx.dog.speak; return s.call(fx.dog2); });
probe('js/this.speak.callOther', () => fx.dog.speak.call(fx.dog2));
probe('js/this.speak.callLocal', () => fx.dog.speak.call({ name: 'local' }));
probe('js/this.speak.apply', () => fx.dog.speak.apply(fx.dog2, []));
probe('js/this.speak.bind', () => fx.dog.speak.bind(fx.dog2)());
probe('js/this.speak.detachedNoThis', () => { const s = fx.dog2.speak; return s(); });
probe('js/this.speak.sameFunction', () => fx.dog.speak === fx.dog2.speak);
probe('js/this.speak.protoSame', () => fx.dog.speak === fx.Dog.prototype.speak);
probe('js/this.speak.map', () => [fx.dog, fx.dog2, fx.animal].map((d) => d.speak()));
probe('js/this.speak.methods', () => [fx.dog, fx.dog2].map((d) => d.speak).map((m, i) => m.call([fx.dog2, fx.dog][i])));
probe('js/this.thisName.callOther', () => fx.fns.thisName.call(fx.other));
probe('js/this.thisName.callLocal', () => fx.fns.thisName.call({ name: 'mine' }));
probe('js/this.thisName.member', () => fx.fns.thisName());
probe('js/this.thisName.detached', () => { const f = fx.fns.thisName; return f(); });
probe('js/this.thisName.onDog', () => fx.fns.thisName.call(fx.dog));
probe('js/this.upper.getter', () => [fx.dog.upper, fx.dog2.upper]);
probe('js/this.protoSpeakCall', () => fx.Dog.prototype.speak.call(fx.dog2));
probe('js/this.superSpeak', () => fx.dog.superSpeak());
probe('js/this.greetProto', () => fx.protoChild.greet());
probe('js/this.pointEquals', () => fx.point.equals(fx.point2));
probe('js/this.pointEqualsLocal', () => fx.point.equals({ x: 1, y: 2 }));
probe('js/this.rename', () => fx.animal.rename('renamed') === fx.animal);
probe('js/this.renamedSpeak', () => fx.animal.speak());

// constructor and prototypes
probe('js/ctor.dog', () => fx.dog.constructor.name);
probe('js/ctor.dogIsDog', () => fx.dog.constructor === fx.Dog);
probe('js/twins.bFirst', () => { const t = fx.twins, b = t.b, a = t.a; return [b.who(), a.who(), b instanceof t.B, b instanceof t.A, a instanceof t.A, a instanceof t.B]; });
probe('js/twins.protos', () => { const t = fx.twins; return [Object.getPrototypeOf(t.a) === t.A.prototype, Object.getPrototypeOf(t.b) === t.B.prototype, t.A.prototype === t.B.prototype]; });
probe('js/ctor.plainIsObject', () => fx.plain.constructor === Object);
probe('js/ctor.arrIsArray', () => fx.arr.constructor === Array);
probe('js/ctor.dateName', () => fx.date.constructor.name);
probe('js/ctor.errorName', () => fx.errors.range.constructor.name);
probe('js/ctor.newViaCtor', () => new fx.dog.constructor('Clone', 'x').speak());
probe('js/proto.dogIsDogProto', () => Object.getPrototypeOf(fx.dog) === fx.Dog.prototype);
probe('js/proto.chain', () => Object.getPrototypeOf(Object.getPrototypeOf(fx.dog)) === fx.Animal.prototype);
probe('js/proto.protoNames', () => Object.getOwnPropertyNames(Object.getPrototypeOf(fx.dog)));
probe('js/proto.nullProto', () => Object.getPrototypeOf(fx.nullProto) === null);
probe('js/proto.nullProtoKeys', () => Object.keys(fx.nullProto));
probe('js/proto.inherited', () => fx.protoChild.inherited);
probe('js/proto.inheritedOwn', () => Object.hasOwn(fx.protoChild, 'inherited'));
probe('js/proto.inheritedIn', () => 'inherited' in fx.protoChild);
probe('js/proto.isPrototypeOf', () => fx.Animal.prototype.isPrototypeOf(fx.dog));
probe('js/proto.ObjectProtoIsPrototypeOf', () => Object.prototype.isPrototypeOf(fx.plain));

// classes
probe('js/class.newDog', () => new fx.Dog('Max', 'mutt').speak());
probe('js/class.newDogFetch', () => new fx.Dog('Max', 'mutt').fetch());
probe('js/class.newInstanceof', () => new fx.Animal('a') instanceof fx.Animal);
probe('js/class.instanceofDog', () => fx.dog instanceof fx.Dog);
probe('js/class.instanceofAnimal', () => fx.dog instanceof fx.Animal);
probe('js/class.animalNotDog', () => fx.animal instanceof fx.Dog);
probe('js/class.static', () => fx.Animal.create('z').speak());
probe('js/class.staticDog', () => fx.Dog.create('inh').speak());
probe('js/class.name', () => [fx.Animal.name, fx.Dog.name]);
probe('js/class.typeof', () => typeof fx.Dog);
probe('js/class.callWithoutNew', () => fx.Dog('x'));
probe('js/class.localSubclass', () => { class Puppy extends fx.Dog { speak() { return 'yip ' + super.speak(); } } return new Puppy('P', 'q').speak(); });
probe('js/class.ownKeysDog', () => Object.keys(fx.dog));
probe('js/class.hasOwnSpeak', () => Object.hasOwn(fx.dog, 'speak'));
probe('js/class.speakIn', () => 'speak' in fx.dog);
probe('js/class.fetchDefault', () => fx.dog.fetch());
probe('js/class.fetchArg', () => fx.dog.fetch('stick'));
probe('js/class.fetchUndefined', () => fx.dog.fetch(undefined));
probe('js/class.toString', () => String(fx.dog));
probe('js/class.templ', () => `${fx.animal}`);
probe('js/class.privateCalls', () => { fx.counter.inc(); return fx.counter.calls; });

// getters and setters
probe('js/accessor.get', () => fx.accessors.v);
probe('js/accessor.set', () => { fx.accessors.v = 5; return fx.accessors.v; });
probe('js/accessor.backing', () => fx.accessors._v);
probe('js/accessor.onlyGet', () => fx.accessors.onlyGet);
probe('js/accessor.setOnlyGet', () => { fx.accessors.onlyGet = 'x'; return fx.accessors.onlyGet; });
probe('js/accessor.descriptorGet', () => typeof Object.getOwnPropertyDescriptor(fx.accessors, 'v').get);
probe('js/accessor.descriptorValue', () => Object.getOwnPropertyDescriptor(fx.plain, 'a'));
probe('js/accessor.counterDouble', () => fx.counter.double);
probe('js/accessor.counterSetDouble', () => { fx.counter.double = 40; return fx.counter.count; });
probe('js/accessor.counterInc', () => [fx.counter.inc(), fx.counter.inc(5), fx.counter.count]);
probe('js/accessor.protoGetterOwn', () => Object.getOwnPropertyNames(fx.counter));

// symbols and non-enumerable members
probe('js/symbol.count', () => Object.getOwnPropertySymbols(fx.withSymbol).length);
probe('js/symbol.read', () => { const s = Object.getOwnPropertySymbols(fx.withSymbol)[0]; return fx.withSymbol[s]; });
probe('js/symbol.keys', () => Object.keys(fx.withSymbol));
probe('js/symbol.json', () => JSON.stringify(fx.withSymbol));
probe('js/symbol.reflect', () => Reflect.ownKeys(fx.withSymbol).map(String));
probe('js/symbol.typeofTag', () => typeof fx.symbols.tag);
probe('js/symbol.tagIdentity', () => fx.symbols.tag === fx.symbols.tag);
probe('js/symbol.tagKeysAnother', () => fx.withSymbol[fx.symbols.tag]);
probe('js/symbol.tagString', () => String(fx.symbols.tag));
probe('js/symbol.tagDescription', () => fx.symbols.tag.description);
probe('js/symbol.wellKnownIdentity', () => fx.symbols.iterator === Symbol.iterator);
probe('js/symbol.registeredIdentity', () => fx.symbols.registered === Symbol.for('yonder.probe'));
probe('js/symbol.keyFor', () => Symbol.keyFor(fx.symbols.registered));
probe('js/symbol.readRegistered', () => fx.symbols[Symbol.for('yonder.probe')]);
probe('js/symbol.toStringTag', () => Object.prototype.toString.call(fx.symbols));
probe('js/symbol.ownSymbols', () => Object.getOwnPropertySymbols(fx.symbols).map(String));
probe('js/symbol.keysSkipSymbols', () => Object.keys(fx.symbols));
probe('js/symbol.backIsTheOwners', () => fx.fns.isTag(fx.symbols.tag));
probe('js/symbol.freshIsNotTheOwners', () => fx.fns.isTag(Symbol('tag')));
probe('js/symbol.keyForOfClients', () => fx.fns.keyFor(Symbol.for('k1')));
probe('js/symbol.keyForOfUnique', () => fx.fns.keyFor(Symbol('k1')));
probe('js/symbol.describeClients', () => fx.fns.describeSymbol(Symbol('mine')));
probe('js/symbol.describeWellKnown', () => fx.fns.describeSymbol(Symbol.asyncIterator));
probe('js/symbol.symbolForIdentity', () => fx.fns.symbolFor('k2') === Symbol.for('k2'));
probe('js/symbol.makeSymbol', () => { const a = fx.fns.makeSymbol('d'); return [typeof a, String(a), a === fx.fns.makeSymbol('d'), a.description]; });
probe('js/symbol.identityRoundTrip', () => { const mine = Symbol('mine'); return [fx.fns.identity(mine) === mine, fx.fns.identity(Symbol.iterator) === Symbol.iterator]; });
probe('js/symbol.readSymWellKnown', () => typeof fx.fns.readSym(fx.iterable, Symbol.iterator));
probe('js/symbol.readSymTag', () => fx.fns.readSym(fx.withSymbol, fx.symbols.tag));
probe('js/symbol.intervalSpread', () => [...fx.interval]);
probe('js/symbol.intervalTag', () => Object.prototype.toString.call(fx.interval));
probe('js/symbol.intervalTemplate', () => `${fx.interval}`);
probe('js/symbol.intervalNumber', () => +fx.interval);
probe('js/symbol.intervalConcat', () => 'at ' + fx.interval);
probe('js/symbol.writeAndRead', () => { const o = fx.fns.makeTagged(); o[fx.symbols.tag] = 5; return [o[fx.symbols.tag], fx.fns.readSym(o, fx.symbols.tag)]; });
probe('js/symbol.writeNewOnPlain', () => { const o = fx.fns.makePlain(); o[Symbol.for('yonder.new')] = 'n'; return [o[Symbol.for('yonder.new')], fx.fns.readSym(o, Symbol.for('yonder.new')), Object.getOwnPropertySymbols(o).length]; });
probe('js/symbol.writeClientsOwn', () => { const mine = Symbol('mine'); const o = fx.fns.makeTagged(); o[mine] = 1; return [o[mine], fx.fns.readSym(o, mine), Object.getOwnPropertySymbols(o).length]; });
probe('js/symbol.spreadCopies', () => Object.getOwnPropertySymbols({ ...fx.withSymbol }).map(String));
probe('js/symbol.assignCopies', () => Object.assign({}, fx.withSymbol)[fx.symbols.tag]);
probe('js/symbol.in', () => [fx.symbols.tag in fx.withSymbol, Symbol('other') in fx.withSymbol, Symbol.iterator in fx.withSymbol]);
probe('js/symbol.descriptor', () => Object.getOwnPropertyDescriptor(fx.withSymbol, fx.symbols.tag));
probe('js/symbol.delete', () => { const o = fx.fns.makeTagged(); delete o[fx.symbols.tag]; return [Object.getOwnPropertySymbols(o).length, fx.fns.readSym(o, fx.symbols.tag)]; });
probe('js/symbol.asMapKey', () => { const m = new Map([[fx.symbols.tag, 1]]); return m.get(fx.symbols.tag); });
probe('js/symbol.frozenCopy', () => { const o = fx.fns.makeTagged(); Object.freeze(o); return [Object.isFrozen(o), o[fx.symbols.tag], Object.getOwnPropertySymbols(o).length]; });
probe('js/nonenum.read', () => fx.nonEnumerable.hidden);
probe('js/nonenum.keys', () => Object.keys(fx.nonEnumerable));
probe('js/nonenum.names', () => Object.getOwnPropertyNames(fx.nonEnumerable));
probe('js/nonenum.in', () => 'hidden' in fx.nonEnumerable);
probe('js/nonenum.propertyIsEnumerable', () => fx.nonEnumerable.propertyIsEnumerable('hidden'));
probe('js/nonenum.json', () => JSON.stringify(fx.nonEnumerable));
probe('js/nonenum.writeReadOnly', () => { fx.nonEnumerable.readOnly = 9; return fx.nonEnumerable.readOnly; });
probe('js/nonenum.readOnlyDescriptor', () => Object.getOwnPropertyDescriptor(fx.nonEnumerable, 'readOnly').writable);

// frozen and sealed
probe('js/frozen.writeObj', () => { fx.frozenObj.x = 2; return fx.frozenObj.x; });
probe('js/frozen.writeArr', () => { fx.frozenArr[0] = 9; return fx.frozenArr[0]; });
probe('js/frozen.pushArr', () => fx.frozenArr.push(4));
probe('js/frozen.addObj', () => { fx.frozenObj.added = 1; return fx.frozenObj.added; });
probe('js/frozen.deleteObj', () => delete fx.frozenObj.x);
probe('js/frozen.innerNotFrozen', () => { fx.frozenObj.inner.z = 4; return fx.frozenObj.inner.z; });
probe('js/frozen.isFrozenInner', () => Object.isFrozen(fx.frozenObj.inner));
probe('js/sealed.add', () => { fx.sealedObj.t = 1; return fx.sealedObj.t; });
probe('js/sealed.write', () => { fx.sealedObj.s = 2; return fx.sealedObj.s; });
probe('js/sealed.isSealed', () => Object.isSealed(fx.sealedObj));

// arrays
probe('js/array.keys', () => Object.keys(fx.arr));
probe('js/array.keysMixed', () => Object.keys(fx.mixedArr));
probe('js/array.forIn', () => { const r = []; for (const k in fx.arr) r.push(k); return r; });
probe('js/array.entries', () => Object.entries(fx.strArr));
probe('js/array.map', () => fx.arr.map((x) => x * 2));
probe('js/array.filter', () => fx.arr.filter((x) => x % 2));
probe('js/array.reduce', () => fx.arr.reduce((a, b) => a + b, 0));
probe('js/array.find', () => fx.objArr.find((o) => o.id === 2).name);
probe('js/array.findIndex', () => fx.objArr.findIndex((o) => o.name === 'c'));
probe('js/array.some', () => fx.arr.some((x) => x > 4));
probe('js/array.every', () => fx.arr.every((x) => x > 0));
probe('js/array.at', () => fx.arr.at(-1));
probe('js/array.flat', () => fx.nestedArr.flat(Infinity));
probe('js/array.concat', () => fx.arr.concat([6], fx.strArr));
probe('js/array.localConcat', () => [0].concat(fx.arr));
probe('js/array.sortCopy', () => [...fx.numArr].sort((a, b) => a - b));
probe('js/array.sortDefault', () => Array.from(fx.strArr).sort());
probe('js/array.toSorted', () => fx.numArr.toSorted((a, b) => a - b));
probe('js/array.reverseCopy', () => fx.arr.slice().reverse());
probe('js/array.spread', () => [...fx.arr]);
probe('js/array.destructure', () => { const [a, , c, ...rest] = fx.arr; return [a, c, rest]; });
probe('js/array.lengthWrite', () => { fx.mutArr.length = 2; return Array.from(fx.mutArr); });
probe('js/array.push', () => [fx.mutArr.push(9, 10), Array.from(fx.mutArr)]);
probe('js/array.pop', () => [fx.mutArr.pop(), fx.mutArr.length]);
probe('js/array.shift', () => [fx.mutArr.shift(), Array.from(fx.mutArr)]);
probe('js/array.unshift', () => [fx.mutArr.unshift(0), Array.from(fx.mutArr)]);
probe('js/array.splice', () => [fx.mutArr.splice(1, 1, 'a', 'b'), Array.from(fx.mutArr)]);
probe('js/array.writeBeyond', () => { fx.mutArr[6] = 'far'; return [fx.mutArr.length, 5 in fx.mutArr]; });
probe('js/array.sortInPlace', () => { const a = fx.returnsArray ? null : null; return fx.numArr.slice().sort(); });
probe('js/array.isConcatSpreadable', () => [].concat(fx.arr).length);
probe('js/array.jsonNested', () => JSON.stringify(fx.nestedArr));
probe('js/array.objArrJson', () => JSON.stringify(fx.objArr));
probe('js/array.ArrayOf', () => Array.of(...fx.arr));
probe('js/array.applyMax', () => Math.max.apply(null, fx.numArr));
probe('js/array.spreadMax', () => Math.max(...fx.numArr));
probe('js/array.entriesIter', () => Array.from(fx.strArr.entries()));
probe('js/array.keysIter', () => Array.from(fx.strArr.keys()));
probe('js/array.fill', () => Array.from(fx.arr).fill(0, 1, 3));
probe('js/array.lastIndexOf', () => fx.arr.lastIndexOf(5));
probe('js/sparse.length', () => fx.sparse.length);
probe('js/sparse.hole', () => fx.sparse[1]);
probe('js/sparse.holeIn', () => 1 in fx.sparse);
probe('js/sparse.keys', () => Object.keys(fx.sparse));
probe('js/sparse.forEach', () => { const r = []; fx.sparse.forEach((x, i) => r.push(i)); return r; });
probe('js/sparse.json', () => JSON.stringify(fx.sparse));
probe('js/sparse.arrayFrom', () => Array.from(fx.sparse));
probe('js/holes.length', () => fx.holes.length);
probe('js/holes.keys', () => Object.keys(fx.holes));
probe('js/holes.mapIdx', () => fx.holes.map((x, i) => i));
probe('js/holes.hasOwn0', () => Object.hasOwn(fx.holes, 0));
probe('js/holes.json', () => JSON.stringify(fx.holes));

// typed arrays
probe('js/typed.int32.elem', () => fx.int32[3]);
probe('js/typed.int32.length', () => fx.int32.length);
probe('js/typed.int32.byteLength', () => fx.int32.byteLength);
probe('js/typed.int32.instanceof', () => fx.int32 instanceof Int32Array);
probe('js/typed.int32.isView', () => ArrayBuffer.isView(fx.int32));
probe('js/typed.int32.write', () => { fx.int32[0] = 2 ** 33 + 5; return fx.int32[0]; });
probe('js/typed.int32.writeFloat', () => { fx.int32[1] = 2.7; return fx.int32[1]; });
probe('js/typed.int32.json', () => JSON.stringify(fx.int32));
probe('js/typed.int32.from', () => Array.from(fx.int32));
probe('js/typed.int32.copy', () => Array.from(new Int32Array(fx.int32)));
probe('js/typed.int32.reduce', () => Array.prototype.reduce.call(fx.int32, (a, b) => a + b, 0));
probe('js/typed.float64.elems', () => Array.from(fx.float64));
probe('js/typed.float64.instanceof', () => fx.float64 instanceof Float64Array);
probe('js/typed.uint8.from', () => Array.from(fx.uint8));
probe('js/typed.uint8.write', () => { fx.uint8[0] = 300; return fx.uint8[0]; });
probe('js/typed.uint8.buffer', () => fx.uint8.buffer.byteLength);
probe('js/typed.uint8.subarray', () => Array.from(fx.uint8.subarray(1)));
probe('js/typed.uint8.toStringTag', () => Object.prototype.toString.call(fx.uint8));

// Map and Set
probe('js/map.get', () => fx.map.get('a'));
probe('js/map.getObj', () => fx.map.get('b'));
probe('js/map.getNum', () => fx.map.get(3));
probe('js/map.has', () => [fx.map.has('a'), fx.map.has('zz'), fx.map.has(3), fx.map.has('3')]);
probe('js/map.size', () => fx.map.size);
probe('js/map.keys', () => [...fx.map.keys()]);
probe('js/map.values', () => [...fx.map.values()]);
probe('js/map.entries', () => Array.from(fx.map).map(([k, v]) => typeof k + ':' + show(v)));
probe('js/map.forEach', () => { const r = []; fx.map.forEach((v, k) => r.push(k)); return r; });
probe('js/map.forOf', () => { const r = []; for (const [k] of fx.map) r.push(k); return r; });
probe('js/map.newMapFrom', () => new Map(fx.map).size);
probe('js/map.instanceof', () => fx.map instanceof Map);
probe('js/map.json', () => JSON.stringify(fx.map));
probe('js/map.objectFromEntries', () => Object.fromEntries(fx.map));
probe('js/map.set', () => { fx.map.set('new', 5); return [fx.map.size, fx.map.get('new')]; });
probe('js/map.delete', () => [fx.map.delete('new'), fx.map.size]);
probe('js/map.keysOfObject', () => Object.keys(fx.map));
probe('js/set.has', () => [fx.set.has(1), fx.set.has('two'), fx.set.has(2)]);
probe('js/set.size', () => fx.set.size);
probe('js/set.spread', () => [...fx.set]);
probe('js/set.instanceof', () => fx.set instanceof Set);
probe('js/set.add', () => { fx.set.add(4); return fx.set.size; });
probe('js/set.newSetFrom', () => new Set(fx.set).size);
probe('js/set.forEach', () => { const r = []; fx.set.forEach((v) => r.push(v)); return r; });
probe('js/set.json', () => JSON.stringify(fx.set));
probe('js/weakmap.instanceof', () => fx.weakMap instanceof WeakMap);
probe('js/weakmap.set', () => { const k = {}; fx.weakMap.set(k, 1); return fx.weakMap.get(k); });

// Date
probe('js/date.getTime', () => fx.date.getTime());
probe('js/date.iso', () => fx.date.toISOString());
probe('js/date.utcYear', () => fx.date.getUTCFullYear());
probe('js/date.instanceof', () => fx.date instanceof Date);
probe('js/date.minus', () => fx.date - fx.date2);
probe('js/date.compare', () => fx.date > fx.date2);
probe('js/date.copy', () => new Date(fx.date).toISOString());
probe('js/date.copyTime', () => new Date(fx.date.getTime()).toISOString());
probe('js/date.protoGetTime', () => Date.prototype.getTime.call(fx.date));
probe('js/date.json', () => JSON.stringify(fx.date));
probe('js/date.toJSON', () => fx.date.toJSON());
probe('js/date.valueOf', () => fx.date.valueOf());
probe('js/date.plus', () => +fx.date);
probe('js/date.invalidTime', () => fx.invalidDate.getTime());
probe('js/date.invalidIsNaN', () => isNaN(fx.invalidDate));
probe('js/date.invalidJson', () => JSON.stringify(fx.invalidDate));
probe('js/date.invalidIso', () => fx.invalidDate.toISOString());
probe('js/date.setUTCHours', () => { const d = fx.dates.d2; d.setUTCHours(1); return d.toISOString(); });
probe('js/date.dateNow', () => typeof fx.date.getTimezoneOffset());
probe('js/date.arrayJson', () => JSON.stringify([fx.date, fx.date2]));
probe('js/date.mapIso', () => [fx.date, fx.date2].map((d) => d.toISOString()));
probe('js/date.sortByTime', () => [fx.date, fx.date2].sort((a, b) => a - b).map((d) => d.getUTCFullYear()));

// RegExp
probe('js/regex.source', () => fx.regex.source);
probe('js/regex.flags', () => fx.regex.flags);
probe('js/regex.global', () => fx.regex.global);
probe('js/regex.test', () => { fx.regex.lastIndex = 0; return fx.regex.test('xABBCx'); });
probe('js/regex.lastIndex', () => fx.regex.lastIndex);
probe('js/regex.string', () => String(fx.regex));
probe('js/regex.instanceof', () => fx.regex instanceof RegExp);
probe('js/regex.replace', () => 'abc ABBC'.replace(fx.regex, '_'));
probe('js/regex.match', () => 'abc abbbc'.match(fx.regex));
probe('js/regex.split', () => 'xabcyabbcz'.split(fx.regex));
probe('js/regex.newFrom', () => new RegExp(fx.regex).source);
probe('js/regex.exec', () => { fx.regex.lastIndex = 0; const m = fx.regex.exec('zzabc'); return m && [m[0], m.index]; });

// Errors: values
for (const k of ['plain', 'type', 'range', 'syntax', 'custom']) {
  probe('js/errval.' + k + '.name', () => fx.errors[k].name);
  probe('js/errval.' + k + '.message', () => fx.errors[k].message);
  probe('js/errval.' + k + '.string', () => String(fx.errors[k]));
  probe('js/errval.' + k + '.instanceofError', () => fx.errors[k] instanceof Error);
  probe('js/errval.' + k + '.instanceofType', () => fx.errors[k] instanceof TypeError);
  probe('js/errval.' + k + '.instanceofRange', () => fx.errors[k] instanceof RangeError);
  probe('js/errval.' + k + '.stackFirst', () => fx.errors[k].stack.split('\n')[0]);
  probe('js/errval.' + k + '.stackType', () => typeof fx.errors[k].stack);
  probe('js/errval.' + k + '.keys', () => Object.keys(fx.errors[k]));
  probe('js/errval.' + k + '.json', () => JSON.stringify(fx.errors[k]));
  probe('js/errval.' + k + '.rethrow', () => { throw fx.errors[k]; });
  probe('js/errval.' + k + '.rethrowInstanceof', () => { try { throw fx.errors[k]; } catch (e) { return e instanceof Error; } });
}
probe('js/errval.custom.field', () => fx.errors.custom.field);
probe('js/errval.stackHasFixtures', () => fx.error.stack.includes('fixtures.js'));

// Errors: thrown by remote functions
function throwProbes(t) {
  probe('js/throw.' + t + '.caught', () => fx.fns[t]());
  probe('js/throw.' + t + '.typeof', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return typeof e; } });
  probe('js/throw.' + t + '.instanceofError', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return e instanceof Error; } });
  probe('js/throw.' + t + '.instanceofTypeError', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return e instanceof TypeError; } });
  probe('js/throw.' + t + '.instanceofRangeError', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return e instanceof RangeError; } });
  probe('js/throw.' + t + '.string', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return String(e); } });
  probe('js/throw.' + t + '.keys', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return Object(e) === e ? Object.keys(e) : 'primitive'; } });
  probe('js/throw.' + t + '.ctorName', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return e.constructor.name; } });
  probe('js/throw.' + t + '.stackLines', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => l.includes('fixtures.js')).length : typeof e.stack; } });
  probe('js/throw.' + t + '.stackHead', () => { try { fx.fns[t](); return 'no throw'; } catch (e) { return typeof e.stack === 'string' ? e.stack.split('\n')[0] : typeof e.stack; } });
}
for (const t of ['throwsType', 'throwsRange', 'throwsCustom', 'asyncFail']) throwProbes(t);
probe('js/throw.custom.field', () => { try { fx.fns.throwsCustom(); } catch (e) { return e.field; } });
probe('js/throw.custom.name', () => { try { fx.fns.throwsCustom(); } catch (e) { return e.name; } });
probe('js/throw.top.thrower', () => fx.thrower());
probe('js/throw.finally', () => { const r = []; try { fx.thrower(); } catch (e) { r.push('c'); } finally { r.push('f'); } return r; });
probe('js/throw.callbackError', () => { try { fx.fns.apply(() => { throw new RangeError('from callback'); }); } catch (e) { return [e instanceof RangeError, e.message]; } });
probe('js/throw.nullCall', () => fx.fns.returnsNull()());
probe('js/throw.notAFunction', () => fx.plain.a());
probe('js/throw.missingMethod', () => fx.plain.nothing());
probe('js/throw.readOfUndefined', () => fx.specials.u.x);
probe('js/throw.readOfNull', () => fx.specials.n.x);

// async and promises
probe('js/async.instanceofPromise', () => fx.fns.asyncAdd(1, 2) instanceof Promise);
probe('js/async.typeof', () => typeof fx.fns.asyncAdd(1, 2));
probe('js/async.thenType', () => typeof fx.fns.asyncAdd(1, 2).then);
probe('js/async.promiseRootInstanceof', () => fx.promise instanceof Promise);
probe('js/async.toStringTag', () => Object.prototype.toString.call(fx.promise));
asyncProbe('js/async.await', () => fx.fns.asyncAdd(1, 2));
asyncProbe('js/async.awaitRoot', () => fx.promise);
asyncProbe('js/async.rejected', () => fx.fns.asyncFail());
asyncProbe('js/async.thenChain', () => fx.fns.asyncAdd(2, 3).then((v) => v * 10));
asyncProbe('js/async.all', () => Promise.all([fx.fns.asyncAdd(1, 1), fx.promise]));
probe('js/agen.toStringTag', () => Object.prototype.toString.call(fx.fns.ticks(1)));
probe('js/agen.ownIterator', () => { const g = fx.fns.ticks(1); return g[Symbol.asyncIterator]() === g; });
probe('js/agen.noSyncIterator', () => typeof fx.fns.ticks(1)[Symbol.iterator]);
asyncProbe('js/agen.forAwait', async () => { const out = []; for await (const x of fx.fns.ticks(4)) out.push(x); return out; });
asyncProbe('js/agen.steps', async () => { const g = fx.fns.ticks(2); return [await g.next(), await g.next(), await g.next(), await g.next()]; });
asyncProbe('js/agen.return', async () => { const g = fx.fns.ticks(5); await g.next(); return [await g.return(7), await g.next()]; });
asyncProbe('js/agen.throw', async () => { const g = fx.fns.ticks(5); await g.next(); try { await g.throw(new TypeError('halt')); return 'no throw'; } catch (e) { return [e instanceof TypeError, e.message, await g.next()]; } });
asyncProbe('js/agen.nextPromise', () => fx.fns.ticks(1).next());
asyncProbe('js/async.asyncFn', () => (async () => (await fx.fns.asyncAdd(4, 4)) + 1)());
asyncProbe('js/async.rejectedInstanceof', () => fx.fns.asyncFail().catch((e) => e instanceof RangeError));

// functions and calls
probe('js/fn.add', () => fx.add(2, 3));
probe('js/fn.addStrings', () => fx.add('a', 'b'));
probe('js/fn.addMissing', () => fx.add(1));
probe('js/fn.greetDefault', () => fx.greet());
probe('js/fn.greetOne', () => fx.greet('bob'));
probe('js/fn.greetUndefinedFirst', () => fx.greet(undefined, '?'));
probe('js/fn.greetNullFirst', () => fx.greet(null));
probe('js/fn.length', () => [fx.add.length, fx.greet.length, fx.fns.variadic.length]);
probe('js/fn.name', () => [fx.add.name, fx.greet.name, fx.fns.thisName.name]);
probe('js/fn.toStringHead', () => String(fx.greet).slice(0, 16));
probe('js/fn.variadic', () => fx.fns.variadic(1, 'b', null));
probe('js/fn.variadicSpread', () => fx.fns.variadic(...fx.arr));
probe('js/fn.argCount', () => [fx.fns.argCount(), fx.fns.argCount(1, 2, 3), fx.fns.argCount(undefined)]);
probe('js/fn.call', () => fx.add.call(null, 4, 5));
probe('js/fn.apply', () => fx.add.apply(null, [6, 7]));
probe('js/fn.bind', () => fx.add.bind(null, 10)(5));
probe('js/fn.returnsUndefined', () => fx.fns.returnsUndefined());
probe('js/fn.returnsUndefinedType', () => typeof fx.fns.returnsUndefined());
probe('js/fn.returnsUndefinedStrict', () => fx.fns.returnsUndefined() === undefined);
probe('js/fn.returnsNull', () => fx.fns.returnsNull() === null);
probe('js/fn.returnsBig', () => fx.fns.returnsBig());
probe('js/fn.returnsBigType', () => typeof fx.fns.returnsBig());
probe('js/fn.returnsObject', () => fx.fns.returnsObject());
probe('js/fn.returnsArray', () => Array.isArray(fx.fns.returnsArray()));
probe('js/fn.returnsFunction', () => fx.fns.returnsFunction()(7));
probe('js/fn.callbackArg', () => fx.fns.apply((x) => x + 1, 41));
probe('js/fn.callbackMany', () => fx.fns.apply((...a) => a.length, 1, 2, 3));
probe('js/fn.mapWith', () => fx.fns.mapWith([1, 2, 3], (x) => x * 2));
probe('js/fn.mapWithRemote', () => fx.fns.mapWith(fx.arr, (x) => x * 2));
probe('js/fn.typeOfUndefined', () => fx.fns.typeOfArg(undefined));
probe('js/fn.typeOfNull', () => fx.fns.typeOfArg(null));
probe('js/fn.typeOfBig', () => fx.fns.typeOfArg(5n));
probe('js/fn.typeOfSymbol', () => fx.fns.typeOfArg(Symbol('s')));
probe('js/fn.typeOfFunction', () => fx.fns.typeOfArg(() => 1));
probe('js/fn.typeOfArray', () => fx.fns.typeOfArg([]));
probe('js/fn.typeOfDate', () => fx.fns.typeOfArg(new Date(0)));
probe('js/fn.isArrayLocal', () => fx.fns.isArrayArg([1]));
probe('js/fn.isArrayRemote', () => fx.fns.isArrayArg(fx.arr));
probe('js/fn.keysOfLocal', () => fx.fns.keysOf({ a: 1, b: 2 }));
probe('js/fn.keysOfLocalArray', () => fx.fns.keysOf(['x', 'y']));
probe('js/fn.identityLocal', () => { const o = {}; return fx.fns.identity(o) === o; });
probe('js/fn.identityRemote', () => fx.fns.identity(fx.plain) === fx.plain);
probe('js/fn.identityFn', () => { const f = () => 1; return fx.fns.identity(f) === f; });
probe('js/fn.identityUndefined', () => fx.fns.identity(undefined));
probe('js/fn.identityBig', () => fx.fns.identity(2n ** 70n));
probe('js/fn.identityNegZero', () => fx.fns.identity(-0));
probe('js/fn.identityNaN', () => fx.fns.identity(NaN));
probe('js/fn.identityDate', () => fx.fns.identity(new Date(0)) instanceof Date);
probe('js/fn.identityMap', () => fx.fns.identity(new Map([[1, 2]])) instanceof Map);
probe('js/fn.typeofBound', () => typeof fx.add.bind(null));
probe('js/fn.newOnArrow', () => new fx.add(1, 2));

// undefined, null and other specials
probe('js/undef.member', () => fx.specials.u);
probe('js/undef.strict', () => fx.specials.u === undefined);
probe('js/undef.isNull', () => fx.specials.u === null);
probe('js/undef.typeof', () => typeof fx.specials.u);
probe('js/undef.in', () => 'u' in fx.specials);
probe('js/undef.keys', () => Object.keys(fx.withUndefined));
probe('js/undef.json', () => JSON.stringify(fx.withUndefined));
probe('js/undef.defaultOp', () => fx.specials.u ?? 'dflt');
probe('js/undef.nullDefaultOp', () => fx.specials.n ?? 'dflt');
probe('js/undef.optionalChain', () => fx.specials.u?.x);
probe('js/null.strict', () => fx.specials.n === null);
probe('js/null.typeof', () => typeof fx.specials.n);
probe('js/special.negZero', () => Object.is(fx.specials.negZero, -0));
probe('js/special.nan', () => Number.isNaN(fx.specials.nan));
probe('js/special.inf', () => fx.specials.inf === Infinity);
probe('js/special.json', () => JSON.stringify(fx.specials));

// BigInt
probe('js/bigint.typeofSmall', () => typeof fx.big.small);
probe('js/bigint.typeofLarge', () => typeof fx.big.large);
probe('js/bigint.large', () => fx.big.large);
probe('js/bigint.equal', () => fx.big.large === 12345678901234567890n);
probe('js/bigint.arith', () => fx.big.small + 1n);
probe('js/bigint.mixed', () => fx.big.small + 1);
probe('js/bigint.string', () => String(fx.big.large));
probe('js/bigint.neg', () => fx.big.neg * 2n);
probe('js/bigint.json', () => JSON.stringify(fx.big));
probe('js/bigint.toString16', () => fx.big.large.toString(16));

// numbers and strings
probe('js/num.max', () => fx.numbers.max === Number.MAX_SAFE_INTEGER);
probe('js/num.maxPlus', () => fx.numbers.max + 2);
probe('js/num.big', () => fx.numbers.big === 2 ** 60);
probe('js/num.isInteger', () => [Number.isInteger(fx.numbers.int), Number.isInteger(fx.numbers.dbl)]);
probe('js/num.min', () => fx.numbers.min > 0);
probe('js/num.strPlus', () => fx.numbers.str + 1);
probe('js/num.toFixed', () => fx.numbers.dbl.toFixed(1));
probe('js/num.root', () => fx.num + 1);
probe('js/str.root', () => fx.str.toUpperCase());
probe('js/str.emojiLength', () => fx.strings.emoji.length);
probe('js/str.emojiCodePoints', () => [...fx.strings.emoji].length);
probe('js/str.unicodeUpper', () => fx.strings.unicode.toUpperCase());
probe('js/str.charCode', () => fx.strings.emoji.charCodeAt(0));
probe('js/str.multiSplit', () => fx.strings.multi.split('\n'));
probe('js/str.equalLocal', () => fx.strings.ascii === 'abc');
probe('js/str.typeofMember', () => typeof fx.strings.ascii);

// generators and iterables
probe('js/gen.root.next', () => fx.gen.next());
probe('js/gen.root.rest', () => [...fx.gen]);
probe('js/gen.root.done', () => fx.gen.next());
probe('js/gen.call.spread', () => [...fx.fns.range(4)]);
probe('js/gen.call.next', () => { const g = fx.fns.range(2); return [g.next(), g.next(), g.next()]; });
probe('js/gen.call.forOf', () => { let s = 0; for (const x of fx.fns.range(5)) s += x; return s; });
probe('js/gen.call.arrayFrom', () => Array.from(fx.fns.range(3), (x) => x * 2));
probe('js/gen.call.return', () => { const g = fx.fns.range(5); g.next(); return g.return(9); });
probe('js/gen.call.toStringTag', () => Object.prototype.toString.call(fx.fns.range(1)));
probe('js/gen.call.iteratorSelf', () => { const g = fx.fns.range(1); return g[Symbol.iterator]() === g; });
probe('js/iter.spread', () => [...fx.iterable]);
probe('js/iter.arrayFrom', () => Array.from(fx.iterable));
probe('js/iter.forOf', () => { const r = []; for (const x of fx.iterable) r.push(x); return r; });
probe('js/iter.destructure', () => { const [a, b] = fx.iterable; return a + b; });
probe('js/iter.change', () => { fx.iterable.to = 2; return [...fx.iterable]; });
probe('js/iter.mapKeysIter', () => { const it = fx.map.keys(); return [it.next().value, typeof it.next]; });

// toJSON, toString, valueOf
probe('js/conv.toJSON', () => JSON.stringify(fx.toJSONObj));
probe('js/conv.toJSONNested', () => JSON.stringify({ x: fx.toJSONObj }));
probe('js/conv.pointJson', () => JSON.stringify(fx.point));
probe('js/conv.pointString', () => String(fx.point));
probe('js/conv.pointPlus', () => fx.point + 1);
probe('js/conv.pointCompare', () => fx.point < fx.point2);
probe('js/conv.pointLooseEq', () => fx.point == fx.point2);
probe('js/conv.pointNumber', () => Number(fx.point));
probe('js/conv.toStringTemplate', () => `${fx.toStringObj}`);
probe('js/conv.toStringConcat', () => 'x' + fx.toStringObj);
probe('js/conv.valueOfMul', () => fx.valueOfObj * 2);
probe('js/conv.valueOfPlus', () => fx.valueOfObj + 2);
probe('js/conv.bothPlus', () => fx.both + '');
probe('js/conv.bothTemplate', () => `${fx.both}`);
probe('js/conv.bothMinus', () => fx.both - 0);
probe('js/conv.plainString', () => String(fx.plain));
probe('js/conv.arrString', () => String(fx.arr));
probe('js/conv.arrPlus', () => fx.arr + 1);
probe('js/conv.nestedArrString', () => String(fx.nestedArr));
probe('js/conv.looseEqNum', () => fx.valueOfObj == 40);
probe('js/conv.looseEqStr', () => fx.toStringObj == 'custom string');

// identity and equality
probe('js/ident.sameRoot', () => fx.dog === Polyglot.import(SUITE + '.dog'));
probe('js/ident.sameMember', () => fx.nested.level1 === fx.nested.level1);
probe('js/ident.cyclic', () => fx.cyclicHolder.self === fx.cyclicHolder);
probe('js/ident.cyclicDeep', () => fx.cyclicHolder.self.self.self.name);
probe('js/ident.differentInstances', () => fx.point === fx.point2);
probe('js/ident.datesShared', () => fx.dates.d1 === fx.date);
probe('js/ident.topAlias', () => fx.add === fx.fns.add);
probe('js/ident.inArray', () => [fx.dog, fx.dog2].indexOf(fx.dog2));
probe('js/ident.inSet', () => new Set([fx.dog, fx.dog, fx.dog2]).size);
probe('js/ident.mapKey', () => { const m = new Map([[fx.dog, 1]]); return m.get(fx.dog); });
probe('js/ident.objectIs', () => Object.is(fx.plain, fx.plain));
probe('js/ident.weakMapKey', () => { const w = new WeakMap(); w.set(fx.plain, 5); return w.get(fx.plain); });
probe('js/ident.cyclicJson', () => JSON.stringify(fx.cyclicHolder));
probe('js/proto.createFromRemote', () => { const o = Object.create(fx.dog); return [Object.getPrototypeOf(o) === fx.dog, o.name, o.speak()]; });
probe('js/proto.createFromRecord', () => { const o = Object.create(fx.plain); o.a = 9; return [o.a, fx.plain.a, o.b, Object.keys(o)]; });
probe('js/ident.weakRefPresented', () => { const o = fx.plain; return new WeakRef(o).deref() === o; });
probe('js/ident.weakRefInstance', () => { const o = fx.dog; return new WeakRef(o).deref() === o; });
probe('js/ident.weakRefArray', () => { const o = fx.arr; return new WeakRef(o).deref() === o; });
probe('js/ident.weakMapKeyArray', () => { const w = new WeakMap(); w.set(fx.arr, 5); return w.get(fx.arr); });

// mutation
probe('js/mut.increment', () => { fx.mutable.count++; fx.mutable.count += 2; return fx.mutable.count; });
probe('js/mut.add', () => { fx.mutable.added = 'yes'; return Object.keys(fx.mutable); });
probe('js/mut.delete', () => [delete fx.mutable.added, Object.keys(fx.mutable)]);
probe('js/mut.deleteNested', () => { delete fx.mutable.obj.k; return JSON.stringify(fx.mutable.obj); });
probe('js/mut.pushNested', () => { fx.mutable.list.push(4); return fx.mutable.list.length; });
probe('js/mut.storeLocalObject', () => { fx.mutable.local = { a: [1] }; return JSON.stringify(fx.mutable.local); });
probe('js/mut.storeLocalIdentity', () => { const o = { id: 1 }; fx.mutable.ref = o; return fx.mutable.ref === o; });
probe('js/mut.storeFunction', () => { fx.mutable.fn = (x) => x * 2; return fx.mutable.fn(4); });
probe('js/mut.storeUndefined', () => { fx.mutable.u = undefined; return [typeof fx.mutable.u, 'u' in fx.mutable]; });
probe('js/mut.storeBig', () => { fx.mutable.b = 3n; return typeof fx.mutable.b; });
probe('js/mut.storeDate', () => { fx.mutable.d = new Date(0); return fx.mutable.d instanceof Date; });
probe('js/mut.defineProperty', () => { Object.defineProperty(fx.mutable, 'dp', { value: 1, enumerable: false }); return [fx.mutable.dp, Object.keys(fx.mutable).includes('dp')]; });
probe('js/mut.freeze', () => { const o = fx.fns.returnsObject(); Object.freeze(o); o.made = false; return [Object.isFrozen(o), o.made]; });
probe('js/mut.setPrototype', () => { Object.setPrototypeOf(fx.mutable.obj, { p: 1 }); return fx.mutable.obj.p; });
probe('js/mut.final', () => JSON.stringify(fx.mutable));

// object functions
probe('js/obj.entries', () => Object.entries(fx.plain));
probe('js/obj.fromEntries', () => Object.fromEntries(Object.entries(fx.plain)));
probe('js/obj.destructure', () => { const { a, b, ...rest } = fx.plain; return [a, b, rest]; });
probe('js/obj.hasOwn', () => [Object.hasOwn(fx.plain, 'a'), Object.hasOwn(fx.plain, 'zz')]);
probe('js/obj.hasOwnProperty', () => fx.plain.hasOwnProperty('a'));
probe('js/obj.in', () => ['a' in fx.plain, 'toString' in fx.plain]);
probe('js/obj.getOwnPropertyDescriptors', () => Object.keys(Object.getOwnPropertyDescriptors(fx.plain)));
probe('js/obj.jsonIndent', () => JSON.stringify(fx.nested, null, 1).split('\n').length);
probe('js/obj.jsonReplacer', () => JSON.stringify(fx.plain, ['a', 'c']));
probe('js/obj.jsonReplacerFn', () => JSON.stringify(fx.plain, (k, v) => (typeof v === 'number' ? v * 2 : v)));
probe('js/obj.toLocaleString', () => fx.plain.toLocaleString());
probe('js/obj.valueOfSelf', () => fx.plain.valueOf() === fx.plain);
probe('js/obj.structuredCloneType', () => typeof structuredClone);
probe('js/obj.nestedLeaf', () => fx.nested.level1.level2.level3.leaf);
probe('js/obj.nestedList', () => fx.nested.level1.level2.level3.list[1].x);
probe('js/obj.optionalChain', () => fx.nested?.level1?.missing?.x);
probe('js/obj.configJson', () => JSON.stringify(fx.config));
probe('js/obj.peopleNames', () => fx.people.map((p) => p.name).join());
probe('js/obj.peopleGroup', () => { const g = {}; for (const p of fx.people) (g[p.city] = g[p.city] || []).push(p.name); return g; });
probe('js/obj.groupBy', () => Object.keys(Object.groupBy(fx.people, (p) => p.city)));
probe('js/obj.emptyKeys', () => Object.keys(fx.empty).length);
probe('js/obj.emptyJson', () => JSON.stringify(fx.emptyArr));
probe('js/obj.proxyGet', () => new Proxy(fx.plain, {}).a);
probe('js/obj.reflectGet', () => Reflect.get(fx.plain, 'b'));
probe('js/obj.reflectHas', () => Reflect.has(fx.plain, 'c'));
probe('js/obj.reflectOwnKeys', () => Reflect.ownKeys(fx.plain));
probe('js/obj.getPrototypeOfArr', () => Object.getPrototypeOf(fx.arr) === Array.prototype);

// Last, since today a thrown string brings the server down (see docs/transparency.md): values thrown that are not errors.
probe('js/throw.callbackString', () => { try { fx.fns.apply(() => { throw 'cb string'; }); } catch (e) { return [typeof e, String(e)]; } });
for (const t of ['throwsObject', 'throwsNumber', 'throwsString']) throwProbes(t);
probe('js/throw.object.code', () => { try { fx.fns.throwsObject(); } catch (e) { return e.code; } });
probe('js/throw.object.json', () => { try { fx.fns.throwsObject(); } catch (e) { return JSON.stringify(e); } });
probe('js/throw.string.value', () => { try { fx.fns.throwsString(); } catch (e) { return e; } });
probe('js/throw.string.equals', () => { try { fx.fns.throwsString(); } catch (e) { return e === 'a plain string'; } });
probe('js/throw.number.value', () => { try { fx.fns.throwsNumber(); } catch (e) { return e + 1; } });
// Roots read from the polyglot bindings (what --yonder.Connect binds for every language of the context).
probe('js/bound.isFrozen', () => Object.isFrozen(Polyglot.import(SUITE + '.plain')));
probe('js/bound.protoIsObject', () => Object.getPrototypeOf(Polyglot.import(SUITE + '.plain')) === Object.prototype);
probe('js/bound.json', () => JSON.stringify(Polyglot.import(SUITE + '.plain')));
probe('js/zz.serverAlive', () => fx.add(1, 1));
