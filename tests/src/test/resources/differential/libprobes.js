// Probes of unchanged npm libraries (lodash `_`, underscore `__`, ramda `R`, Immutable, Handlebars, Mustache) on the
// fixtures of fixtures.js, local (L) or remote (R). Runs after the libraries' browser bundles and harness.js.
'use strict';
const U = globalThis.underscore;

const DATA = ['plain', 'nested', 'arr', 'mixedArr', 'frozenArr', 'sparse', 'int32', 'dog', 'map', 'set', 'date', 'error', 'big', 'specials'];

const LIB_OPS = [
  // lodash
  ['lodash.isEqualClone', (v) => _.isEqual(v, _.cloneDeep(v))],
  ['lodash.cloneDeep', (v) => _.cloneDeep(v)],
  ['lodash.isPlainObject', (v) => _.isPlainObject(v)],
  ['lodash.isObject', (v) => _.isObject(v)],
  ['lodash.isArray', (v) => _.isArray(v)],
  ['lodash.isFunction', (v) => _.isFunction(v)],
  ['lodash.isDate', (v) => _.isDate(v)],
  ['lodash.isMap', (v) => _.isMap(v)],
  ['lodash.isSet', (v) => _.isSet(v)],
  ['lodash.isRegExp', (v) => _.isRegExp(v)],
  ['lodash.isError', (v) => _.isError(v)],
  ['lodash.isTypedArray', (v) => _.isTypedArray(v)],
  ['lodash.isEmpty', (v) => _.isEmpty(v)],
  ['lodash.keys', (v) => _.keys(v)],
  ['lodash.size', (v) => _.size(v)],
  ['lodash.toArray', (v) => _.toArray(v)],
  ['lodash.merge', (v) => _.merge({}, v)],
  ['lodash.defaultsDeep', (v) => _.defaultsDeep({}, v)],
  ['lodash.mapValuesType', (v) => _.mapValues(v, (x) => typeof x)],
  ['lodash.isEqualSelf', (v) => _.isEqual(v, v)],
  // underscore
  ['underscore.isEqualSelf', (v) => U.isEqual(v, v)],
  ['underscore.keys', (v) => U.keys(v)],
  ['underscore.size', (v) => U.size(v)],
  ['underscore.isObject', (v) => U.isObject(v)],
  ['underscore.isArray', (v) => U.isArray(v)],
  ['underscore.isDate', (v) => U.isDate(v)],
  ['underscore.isEmpty', (v) => U.isEmpty(v)],
  ['underscore.toArray', (v) => U.toArray(v)],
  ['underscore.extend', (v) => U.extend({}, v)],
  // ramda
  ['ramda.equalsSelf', (v) => R.equals(v, v)],
  ['ramda.equalsClone', (v) => R.equals(v, R.clone(v))],
  ['ramda.clone', (v) => R.clone(v)],
  ['ramda.type', (v) => R.type(v)],
  ['ramda.isObject', (v) => R.is(Object, v)],
  ['ramda.keys', (v) => R.keys(v)],
  ['ramda.mergeDeepRight', (v) => R.mergeDeepRight({ extra: 1 }, v)],
  // Immutable
  ['immutable.fromJS', (v) => Immutable.fromJS(v).toJS()],
  ['immutable.fromJSSize', (v) => Immutable.fromJS(v).size],
  ['immutable.isSelf', (v) => Immutable.is(Immutable.fromJS(v), Immutable.fromJS(v))],
  // Handlebars and Mustache
  ['handlebars.each', (v) => Handlebars.compile('{{#each this}}{{@key}}={{this}};{{/each}}')(v)],
  ['handlebars.a', (v) => Handlebars.compile('{{a}}|{{name}}|{{#if a}}yes{{else}}no{{/if}}')(v)],
  ['mustache.a', (v) => Mustache.render('{{a}}|{{name}}|{{#a}}yes{{/a}}', v)],
];

for (const [op, f] of LIB_OPS) {
  for (const n of DATA) {
    probe('lib/' + op + '.' + n, () => f(fx[n]));
  }
}

// ---- Hand-written. ----
probe('lib/lodash.isEqual.plainLocal', () => _.isEqual(fx.plain, { a: 1, b: 'two', c: true, d: null, e: 1.5 }));
probe('lib/lodash.isEqual.nestedLocal', () => _.isEqual(fx.nested, JSON.parse(JSON.stringify(fx.nested))));
probe('lib/lodash.isEqual.points', () => _.isEqual(fx.point, fx.point2));
probe('lib/lodash.isEqual.dates', () => _.isEqual(fx.date, new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6))));
probe('lib/lodash.isEqual.twoDates', () => _.isEqual(fx.date, fx.date2));
probe('lib/lodash.isEqual.arrLocal', () => _.isEqual(fx.arr, [1, 2, 3, 4, 5]));
probe('lib/lodash.isEqual.mapLocal', () => _.isEqual(fx.map, new Map([['a', 1], ['b', { deep: true }], [3, 'three']])));
probe('lib/lodash.merge.configOverDefaults', () => _.merge({}, fx.defaults, fx.config));
probe('lib/lodash.defaultsDeep.configOverDefaults', () => _.defaultsDeep({}, fx.config, fx.defaults));
probe('lib/lodash.defaultsDeep.intoLocal', () => _.defaultsDeep({ server: { host: 'h' } }, fx.defaults));
probe('lib/lodash.defaultsDeep.sourcesUnchanged', () => { _.defaultsDeep({}, fx.config, fx.defaults); _.merge({}, fx.config, fx.defaults); return JSON.stringify([fx.config, fx.defaults]); });
probe('lib/lodash.groupBy.city', () => _.groupBy(fx.people, 'city'));
probe('lib/lodash.sortBy.age', () => _.sortBy(fx.people, ['age', 'name']).map((p) => p.name));
probe('lib/lodash.countBy', () => _.countBy(fx.people, 'age'));
probe('lib/lodash.map.name', () => _.map(fx.people, 'name'));
probe('lib/lodash.filter.match', () => _.filter(fx.people, { city: 'Oslo' }).length);
probe('lib/lodash.find.matches', () => _.find(fx.people, { age: 42 }).name);
probe('lib/lodash.flatMap.langs', () => _.uniq(_.flatMap(fx.people, 'langs')));
probe('lib/lodash.keyBy', () => _.keys(_.keyBy(fx.objArr, 'id')));
probe('lib/lodash.pick', () => _.pick(fx.plain, ['a', 'c']));
probe('lib/lodash.omit', () => _.omit(fx.plain, ['a']));
probe('lib/lodash.get.path', () => _.get(fx.nested, 'level1.level2.level3.list[1].x'));
probe('lib/lodash.get.configPort', () => _.get(fx.config, ['server', 'port']));
probe('lib/lodash.set.path', () => { const o = _.cloneDeep(fx.config); _.set(o, 'server.tls.enabled', true); return o.server.tls; });
probe('lib/lodash.flattenDeep', () => _.flattenDeep(fx.nestedArr));
probe('lib/lodash.sumBy', () => _.sumBy(fx.people, 'age'));
probe('lib/lodash.maxBy', () => _.maxBy(fx.people, 'age').name);
probe('lib/lodash.chain', () => _(fx.people).filter((p) => p.age > 30).map('name').sortBy().value());
probe('lib/lodash.invoke.speak', () => _.invokeMap([fx.dog, fx.dog2], 'speak'));
probe('lib/lodash.method.speak', () => _.map([fx.dog, fx.dog2], _.method('speak')));
probe('lib/lodash.bindAll', () => { const o = { n: 'o', f() { return this.n; } }; _.bindAll(o, ['f']); const f = o.f; return f(); });
probe('lib/lodash.memoize', () => { const m = _.memoize(fx.add); return [m(1, 2), m(1, 5)]; });
probe('lib/lodash.partial', () => _.partial(fx.add, 10)(5));
probe('lib/lodash.curry', () => _.curry(fx.add, 2)(3)(4));
probe('lib/lodash.isEqualWith', () => _.isEqualWith(fx.strArr, ['B', 'A', 'C'], (a, b) => (typeof a === 'string' ? a.toUpperCase() === b.toUpperCase() : undefined)));
probe('lib/lodash.cloneDeepDates', () => _.cloneDeep(fx.dates));
probe('lib/lodash.cloneDeepDog', () => { const c = _.cloneDeep(fx.dog); return [typeof c.speak, c instanceof fx.Dog]; });
probe('lib/lodash.template', () => _.template('<%= name %> is <%= age %>')(fx.people[0]));
probe('lib/lodash.templateEach', () => _.template('<% _.forEach(people, function(p) { %><%- p.name %>,<% }); %>')({ people: fx.people }));
probe('lib/lodash.zipObject', () => _.zipObject(fx.strArr, fx.arr));
probe('lib/lodash.intersection', () => _.intersection(fx.arr, fx.numArr, [1, 5]));
probe('lib/lodash.difference', () => _.difference(fx.arr, [2, 4]));
probe('lib/lodash.isMatch', () => _.isMatch(fx.config, { server: { port: 8080 } }));
probe('lib/lodash.transform', () => _.transform(fx.plain, (r, v, k) => { r.push(k); }, []));
probe('lib/lodash.invert', () => _.invert(fx.strArr));
probe('lib/underscore.isEqual.plainLocal', () => U.isEqual(fx.plain, { a: 1, b: 'two', c: true, d: null, e: 1.5 }));
probe('lib/underscore.isEqual.points', () => U.isEqual(fx.point, fx.point2));
probe('lib/underscore.groupBy', () => U.groupBy(fx.people, 'city'));
probe('lib/underscore.pluck', () => U.pluck(fx.people, 'name'));
probe('lib/underscore.where', () => U.where(fx.people, { age: 31 }).length);
probe('lib/underscore.sortBy', () => U.sortBy(fx.numArr, (x) => -x));
probe('lib/underscore.invoke', () => U.invoke([fx.dog, fx.dog2], 'speak'));
probe('lib/underscore.template', () => U.template('<%= server.host %>:<%= server.port %>')(fx.config));
probe('lib/underscore.defaults', () => U.defaults({}, fx.defaults));
probe('lib/underscore.chain', () => U.chain(fx.people).pluck('age').uniq().value());
probe('lib/underscore.isMatch', () => U.isMatch(fx.plain, { a: 1 }));
probe('lib/underscore.property', () => U.map(fx.objArr, U.property(['tags', 0])));
probe('lib/ramda.equals.plainLocal', () => R.equals(fx.plain, { a: 1, b: 'two', c: true, d: null, e: 1.5 }));
probe('lib/ramda.equals.points', () => R.equals(fx.point, fx.point2));
probe('lib/ramda.equals.dates', () => R.equals(fx.date, new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6))));
probe('lib/ramda.equals.twoDates', () => R.equals(fx.date, fx.date2));
probe('lib/ramda.equals.arr', () => R.equals(fx.arr, [1, 2, 3, 4, 5]));
probe('lib/ramda.path', () => R.path(['level1', 'level2', 'level3', 'leaf'], fx.nested));
probe('lib/ramda.pluck', () => R.pluck('name', fx.people));
probe('lib/ramda.groupBy', () => R.groupBy(R.prop('city'), fx.people));
probe('lib/ramda.sortBy', () => R.map(R.prop('name'), R.sortBy(R.prop('age'), fx.people)));
probe('lib/ramda.pipe', () => R.pipe(R.filter((p) => p.age > 30), R.map(R.prop('name')), R.join('+'))(fx.people));
probe('lib/ramda.evolve', () => R.evolve({ retries: R.inc }, fx.config).retries);
probe('lib/ramda.mergeDeepLeft', () => R.mergeDeepLeft(fx.config, fx.defaults));
probe('lib/ramda.where', () => R.filter(R.where({ age: R.gt(R.__, 30) }), fx.people).length);
probe('lib/ramda.lens', () => R.view(R.lensPath(['server', 'tls', 'enabled']), fx.config));
probe('lib/ramda.assocPath', () => R.assocPath(['server', 'port'], 1, fx.config).server);
probe('lib/ramda.uniq', () => R.uniq(R.chain(R.prop('langs'), fx.people)));
probe('lib/ramda.invoker', () => R.map(R.invoker(0, 'speak'), [fx.dog, fx.dog2]));
probe('lib/ramda.curryRemote', () => R.curry(fx.add)(1)(2));
probe('lib/ramda.typeMany', () => [fx.map, fx.set, fx.date, fx.regex, fx.error, fx.fns.add, fx.specials.u, fx.big.small].map(R.type));
probe('lib/immutable.fromJSNested', () => Immutable.fromJS(fx.nested).getIn(['level1', 'level2', 'level3', 'leaf']));
probe('lib/immutable.fromJSArrayType', () => Immutable.List.isList(Immutable.fromJS(fx.arr)));
probe('lib/immutable.fromJSMapType', () => Immutable.Map.isMap(Immutable.fromJS(fx.plain)));
probe('lib/immutable.setIn', () => Immutable.fromJS(fx.config).setIn(['server', 'port'], 1).toJS().server);
probe('lib/immutable.mergeDeep', () => Immutable.fromJS(fx.defaults).mergeDeep(fx.config).toJS());
probe('lib/immutable.is', () => Immutable.is(Immutable.fromJS(fx.point), Immutable.fromJS(fx.point2)));
probe('lib/immutable.setOf', () => Immutable.Set(fx.arr).has(3));
probe('lib/immutable.seq', () => Immutable.Seq(fx.people).map((p) => p.name).toArray());
probe('lib/immutable.fromMap', () => Immutable.Map(fx.map).toObject());
probe('lib/immutable.fromSet', () => Immutable.Set(fx.set).toArray());
probe('lib/immutable.orderedMap', () => Immutable.OrderedMap(fx.plain).keySeq().join());
probe('lib/immutable.record', () => { const P = Immutable.Record({ x: 0, y: 0 }); return P(fx.point).toJS(); });
probe('lib/handlebars.people', () => Handlebars.compile('{{#each people}}{{name}}({{age}}){{#unless @last}}, {{/unless}}{{/each}}')(fx));
probe('lib/handlebars.config', () => Handlebars.compile('{{server.host}}:{{server.port}} tls={{server.tls.enabled}} {{#each features}}[{{this}}]{{/each}}')(fx.config));
probe('lib/handlebars.nested', () => Handlebars.compile('{{level1.level2.level3.leaf}} {{#with level1.level2.level3}}{{list.[1].x}}{{/with}}')(fx.nested));
probe('lib/handlebars.dog', () => Handlebars.compile('{{name}} the {{breed}}')(fx.dog));
probe('lib/handlebars.dogMethod', () => Handlebars.compile('{{speak}}')(fx.dog));
probe('lib/handlebars.dogProtoAccess', () => Handlebars.compile('{{upper}}')(fx.dog));
probe('lib/handlebars.helper', () => { const h = Handlebars.create(); h.registerHelper('shout', (s) => String(s).toUpperCase()); return h.compile('{{shout name}}')(fx.people[1]); });
probe('lib/handlebars.lookup', () => Handlebars.compile('{{lookup this "a"}}-{{lookup this "b"}}')(fx.plain));
probe('lib/handlebars.specials', () => Handlebars.compile('[{{u}}][{{n}}][{{zero}}][{{f}}][{{emptyStr}}]')(fx.specials));
probe('lib/handlebars.ifUndefined', () => Handlebars.compile('{{#if u}}set{{else}}unset{{/if}}')(fx.specials));
probe('lib/handlebars.eachObj', () => Handlebars.compile('{{#each this}}{{@key}};{{/each}}')(fx.nonEnumerable));
probe('lib/handlebars.escape', () => Handlebars.compile('{{quote}}')(fx.strings));
probe('lib/handlebars.date', () => Handlebars.compile('{{d1}}|{{d2}}')(fx.dates));
probe('lib/handlebars.arrayIndex', () => Handlebars.compile('{{arr.[0]}}{{arr.length}}')(fx));
probe('lib/handlebars.eachIndex', () => Handlebars.compile('{{#each this}}{{@index}}:{{name}} {{/each}}')(fx.objArr));
probe('lib/mustache.people', () => Mustache.render('{{#people}}{{name}} {{/people}}', fx));
probe('lib/mustache.config', () => Mustache.render('{{server.host}}:{{server.port}} {{#features}}<{{.}}>{{/features}}', fx.config));
probe('lib/mustache.nested', () => Mustache.render('{{#level1.level2.level3}}{{leaf}}{{/level1.level2.level3}}', fx.nested));
probe('lib/mustache.dogMethod', () => Mustache.render('{{name}}: {{speak}}', fx.dog));
probe('lib/mustache.specials', () => Mustache.render('[{{u}}][{{n}}][{{zero}}][{{f}}][{{^u}}no u{{/u}}]', fx.specials));
probe('lib/mustache.inverted', () => Mustache.render('{{^emptyArr}}empty{{/emptyArr}}', fx));
probe('lib/mustache.escape', () => Mustache.render('{{quote}} {{{quote}}}', fx.strings));
probe('lib/mustache.lambda', () => Mustache.render('{{#fns.returnsFunction}}x{{/fns.returnsFunction}}', fx));
probe('lib/mustache.dates', () => Mustache.render('{{d1}}|{{d2}}', fx.dates));
probe('lib/mustache.partial', () => Mustache.render('{{>p}}', fx.people[0], { p: '{{name}}/{{city}}' }));
