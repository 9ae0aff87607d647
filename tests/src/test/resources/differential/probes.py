# Python probes of the differential suite, on `fx`: the roots `py.<name>` of fixtures.py, local (L) or remote (R).
import polyglot
import collections
import copy
import dataclasses
import enum
import json
import re
import time

# R imports through the connection object (CONNECTION, see DifferentialPythonTest.remote), whose roots are presented
# to the Python caller; the polyglot bindings that --yonder.Connect fills are shared by all languages and are not
# (probes py/bound.*).
_import = (lambda n: CONNECTION.root(n)) if 'CONNECTION' in globals() else polyglot.import_value
fx = {}
for _n in list(_import('py.__names')):
    fx[str(_n)] = _import('py.' + str(_n))
_out = []
_ADDR = re.compile(r' at 0x[0-9a-fA-F]+')


def show(v, depth=0):
    if depth > 3:
        return '...'
    if v is None or isinstance(v, (bool, int, float)):
        return repr(v)
    if isinstance(v, str):
        return repr(v[:200])
    if isinstance(v, bytes):
        return repr(v)
    if isinstance(v, tuple):
        return '(' + ', '.join(show(x, depth + 1) for x in v[:12]) + (',)' if len(v) == 1 else ')')
    if isinstance(v, list):
        return '[' + ', '.join(show(x, depth + 1) for x in v[:12]) + ']'
    if isinstance(v, dict):
        return '{' + ', '.join(show(k, depth + 1) + ': ' + show(x, depth + 1) for k, x in list(v.items())[:12]) + '}'
    if isinstance(v, (set, frozenset)):
        return type(v).__name__ + '{' + ', '.join(sorted(show(x, depth + 1) for x in v)) + '}'
    try:
        return _ADDR.sub(' at ADDR', repr(v))
    except BaseException as e:
        return '<unrepresentable ' + thrown(e) + '>'


def thrown(e):
    try:
        args = show(tuple(e.args)) if hasattr(e, 'args') else '-'
    except BaseException:
        args = '?'
    try:
        text = str(e).split('\n')[0]
    except BaseException:
        text = '?'
    return 'throws ' + type(e).__name__ + ' args=' + args + ' str=' + text


# Probes are registered first and run by run_from(i), which the Java side calls again after an internal error
# (a host exception that no except clause sees) with the next index, so one broken probe does not stop the rest.
_probes = []
_state = {'current': -1}


def probe(pid, f):
    _probes.append((pid, f))


def _line(pid, r):
    _out.append(pid + '\t' + r.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '))


_times = []


def run_from(start):
    for i in range(start, len(_probes)):
        _state['current'] = i
        pid, f = _probes[i]
        t0 = time.monotonic()
        try:
            r = show(f())
        except BaseException as e:
            r = thrown(e)
        _line(pid, r)
        dt = time.monotonic() - t0
        if dt >= 0.02:
            _times.append((dt, pid))
    _state['current'] = len(_probes)


def current():
    return _state['current']


def internal(i, message):
    _line(_probes[i][0], 'internal error: ' + str(message).split('\n')[0])


def output():
    return '\n'.join(_out)


def slow():
    return '\n'.join('%d ms %s' % (dt * 1000, pid) for dt, pid in sorted(_times, reverse=True)[:40])


def catch(f, *classes):
    """Which of `classes` (in order) an except clause catches from f(), or 'none'/'no exception'."""
    try:
        f()
        return 'no exception'
    except BaseException as e:
        for c in classes:
            if isinstance(e, c):
                return c.__name__
        return 'uncaught by ' + ','.join(c.__name__ for c in classes) + ' (' + type(e).__name__ + ')'


# ---- Generated: every operation on every fixture. ----
OPS = [
    ('type', lambda v: type(v).__name__),
    ('show', lambda v: v),
    ('repr', lambda v: _ADDR.sub(' at ADDR', repr(v))),
    ('str', lambda v: _ADDR.sub(' at ADDR', str(v))),
    ('bool', lambda v: bool(v)),
    ('len', lambda v: len(v)),
    ('list', lambda v: list(v)),
    ('sortedList', lambda v: sorted(show(x) for x in v)),
    ('isList', lambda v: isinstance(v, list)),
    ('isTuple', lambda v: isinstance(v, tuple)),
    ('isDict', lambda v: isinstance(v, dict)),
    ('isSet', lambda v: isinstance(v, (set, frozenset))),
    ('isException', lambda v: isinstance(v, BaseException)),
    ('isType', lambda v: isinstance(v, type)),
    ('callable', lambda v: callable(v)),
    ('hashable', lambda v: hash(v) == hash(v)),
    ('eqSelf', lambda v: v == v),
    ('hasIter', lambda v: hasattr(v, '__iter__')),
    ('item0', lambda v: v[0]),
    ('itemA', lambda v: v['a']),
    ('json', lambda v: json.dumps(v)),
    ('copy', lambda v: show(copy.copy(v)) == show(v)),
    ('keys', lambda v: list(v.keys())),
    ('dictOf', lambda v: dict(v)),
    ('fstring', lambda v: f'{v!s}'),
]
# A representative subset of the fixtures for the generated probes (the hand-written ones below reach the rest).
NAMES = ['num', 'bigint', 'text', 'none_value', 'raw', 'tup', 'nested_tup', 'empty_tup', 'lst', 'mixed', 'empty_list', 'dct', 'int_keys',
         'nested', 'st', 'frozen', 'dd', 'counter', 'ordered', 'named', 'rng', 'vec', 'zero_vec', 'Vec', 'd1', 'Dog', 'box', 'item', 'Item',
         'version', 'red', 'Color', 'high', 'value_error', 'key_error', 'app_error', 'AppError', 'countdown', 'add', 'greet', 'kw_only',
         'raises_value', 'gen', 'speak1', 'lam', 'holder']
for _op, _f in OPS:
    for _n in NAMES:
        probe('py/op.' + _op + '.' + _n, (lambda f, n: lambda: f(fx[n]))(_f, _n))


# ---- Hand-written. ----
def p(pid):
    def deco(f):
        probe(pid, f)
        return f
    return deco


# tuples, lists, dicts, sets
probe('py/tuple.type', lambda: type(fx['tup']).__name__)
probe('py/tuple.isTuple', lambda: isinstance(fx['pair'], tuple))
probe('py/tuple.unpack', lambda: (lambda a, b: a * b)(*fx['pair']))
probe('py/tuple.destructure', lambda: [x for x in fx['pair']])
probe('py/tuple.eqLocal', lambda: fx['pair'] == (5, 6))
probe('py/tuple.concat', lambda: fx['pair'] + (7,))
probe('py/tuple.hash', lambda: hash(fx['pair']) == hash((5, 6)))
probe('py/tuple.asDictKey', lambda: {fx['pair']: 1}[(5, 6)])
probe('py/tuple.count', lambda: fx['tup'].count(None))
probe('py/tuple.index', lambda: fx['tup'].index('a'))
probe('py/tuple.setitem', lambda: fx['pair'].__setitem__(0, 9))
probe('py/tuple.nested', lambda: fx['nested_tup'][1][1][0])
probe('py/tuple.nestedType', lambda: type(fx['nested_tup'][1]).__name__)
probe('py/tuple.emptyLen', lambda: len(fx['empty_tup']))
probe('py/tuple.returned', lambda: fx['returns_tuple']())
probe('py/tuple.returnedType', lambda: type(fx['returns_tuple']()).__name__)
probe('py/tuple.namedX', lambda: fx['named'].x)
probe('py/tuple.namedFields', lambda: fx['named']._fields)
probe('py/tuple.inHolder', lambda: type(fx['holder']['tup']).__name__)
probe('py/tuple.sorted', lambda: sorted(fx['nested_tup']))
probe('py/list.append', lambda: (fx['mut_list'].append(4), list(fx['mut_list']))[1])
probe('py/list.extend', lambda: (fx['mut_list'].extend([5, 6]), len(fx['mut_list']))[1])
probe('py/list.pop', lambda: fx['mut_list'].pop())
probe('py/list.insert', lambda: (fx['mut_list'].insert(0, 0), fx['mut_list'][0])[1])
probe('py/list.setitem', lambda: (fx['mut_list'].__setitem__(1, 'x'), fx['mut_list'][1])[1])
probe('py/list.delitem', lambda: (fx['mut_list'].__delitem__(0), list(fx['mut_list']))[1])
probe('py/list.slice', lambda: fx['lst'][1:])
probe('py/list.negIndex', lambda: fx['lst'][-1])
probe('py/list.outOfRange', lambda: fx['lst'][10])
probe('py/list.sorted', lambda: sorted(fx['lst']))
probe('py/list.sortedReverse', lambda: sorted(fx['lst'], reverse=True))
probe('py/list.sum', lambda: sum(fx['lst']))
probe('py/list.max', lambda: max(fx['lst']))
probe('py/list.index', lambda: fx['lst'].index(2))
probe('py/list.count', lambda: fx['lst'].count(3))
probe('py/list.reversed', lambda: list(reversed(fx['lst'])))
probe('py/list.enumerate', lambda: list(enumerate(fx['lst'])))
probe('py/list.zip', lambda: list(zip(fx['lst'], 'abc')))
probe('py/list.eqLocal', lambda: fx['lst'] == [3, 1, 2])
probe('py/list.plusLocal', lambda: fx['lst'] + [9])
probe('py/list.localPlus', lambda: [9] + fx['lst'])
probe('py/list.times', lambda: fx['lst'] * 2)
probe('py/list.comprehension', lambda: [x * 2 for x in fx['lst'] if x > 1])
probe('py/list.mixedTypes', lambda: [type(x).__name__ for x in fx['mixed']])
probe('py/list.mixedNestedDict', lambda: fx['mixed'][6]['five'])
probe('py/list.copy', lambda: fx['lst'].copy())
probe('py/list.sortInPlace', lambda: (fx['mut_list'].sort(key=str), list(fx['mut_list']))[1])
probe('py/list.isListArg', lambda: fx['is_list']([1, 2]))
probe('py/list.lenArg', lambda: fx['length']([1, 2, 3]))
probe('py/dict.get', lambda: fx['dct'].get('a'))
probe('py/dict.getDefault', lambda: fx['dct'].get('zz', 'dflt'))
probe('py/dict.missing', lambda: fx['dct']['zz'])
probe('py/dict.missingCaught', lambda: catch(lambda: fx['dct']['zz'], KeyError, LookupError, Exception))
probe('py/dict.items', lambda: list(fx['dct'].items()))
probe('py/dict.values', lambda: list(fx['dct'].values()))
probe('py/dict.in', lambda: ['a' in fx['dct'], 'zz' in fx['dct']])
probe('py/dict.len', lambda: len(fx['dct']))
probe('py/dict.iter', lambda: [k for k in fx['dct']])
probe('py/dict.intKeys', lambda: fx['int_keys'][1])
probe('py/dict.intKeysList', lambda: list(fx['int_keys']))
probe('py/dict.eqLocal', lambda: fx['dct'] == {'a': 1, 'b': 'two', 'c': None})
probe('py/dict.nested', lambda: fx['nested']['level1']['level2']['leaf'][1]['x'])
probe('py/dict.nestedTuple', lambda: fx['nested']['items'])
probe('py/dict.set', lambda: (fx['mutable'].__setitem__('new', 1), sorted(fx['mutable'].keys()))[1])
probe('py/dict.del', lambda: (fx['mutable'].__delitem__('new'), 'new' in fx['mutable'])[1])
probe('py/dict.update', lambda: (fx['mutable'].update({'u': 2}), fx['mutable']['u'])[1])
probe('py/dict.setdefault', lambda: fx['mutable'].setdefault('count', 99))
probe('py/dict.pop', lambda: fx['mutable'].pop('u'))
probe('py/dict.copyType', lambda: type(fx['dct'].copy()).__name__)
probe('py/dict.dictCall', lambda: dict(fx['dct']))
probe('py/dict.mergeOp', lambda: {**fx['dct'], 'z': 0})
probe('py/dict.unpackKwargs', lambda: (lambda **kw: sorted(kw))(**fx['dct']))
probe('py/dict.jsonDumps', lambda: json.dumps(fx['dct']))
probe('py/dict.returned', lambda: fx['returns_dict']())
probe('py/dict.holderNone', lambda: fx['holder']['none'] is None)
probe('py/defaultdict.read', lambda: fx['dd']['a'])
probe('py/defaultdict.missing', lambda: fx['dd']['new'])
probe('py/defaultdict.type', lambda: type(fx['dd']).__name__)
probe('py/defaultdict.factory', lambda: fx['dd'].default_factory)
probe('py/defaultdict.keys', lambda: sorted(fx['dd'].keys()))
probe('py/counter.a', lambda: fx['counter']['a'])
probe('py/counter.missing', lambda: fx['counter']['z'])
probe('py/counter.mostCommon', lambda: fx['counter'].most_common(2))
probe('py/counter.total', lambda: sum(fx['counter'].values()))
probe('py/counter.type', lambda: type(fx['counter']).__name__)
probe('py/ordered.keys', lambda: list(fx['ordered']))
probe('py/ordered.moveToEnd', lambda: (fx['ordered'].move_to_end('z'), list(fx['ordered']))[1])
probe('py/set.in', lambda: [2 in fx['st'], 9 in fx['st']])
probe('py/set.sorted', lambda: sorted(fx['st']))
probe('py/set.union', lambda: sorted(fx['st'] | {4}))
probe('py/set.localUnion', lambda: sorted({4} | fx['st']))
probe('py/set.intersection', lambda: sorted(fx['st'] & {2, 3, 4}))
probe('py/set.eqLocal', lambda: fx['st'] == {1, 2, 3})
probe('py/set.type', lambda: type(fx['st']).__name__)
probe('py/set.add', lambda: (fx['st'].add(4), len(fx['st']))[1])
probe('py/set.issubset', lambda: {1}.issubset(fx['st']))
probe('py/set.returnedType', lambda: type(fx['returns_set']()).__name__)
probe('py/frozenset.in', lambda: 10 in fx['frozen'])
probe('py/frozenset.type', lambda: type(fx['frozen']).__name__)
probe('py/frozenset.hash', lambda: hash(fx['frozen']) == hash(frozenset({10, 20})))
probe('py/frozenset.sorted', lambda: sorted(fx['frozen']))
probe('py/frozenset.eq', lambda: fx['frozen'] == frozenset({10, 20}))
probe('py/range.list', lambda: list(fx['rng']))
probe('py/range.len', lambda: len(fx['rng']))
probe('py/range.index', lambda: fx['rng'][1])
probe('py/range.type', lambda: type(fx['rng']).__name__)
probe('py/bytes.len', lambda: len(fx['raw']))
probe('py/bytes.item', lambda: fx['raw'][6])
probe('py/bytes.decode', lambda: fx['raw'][:5].decode())
probe('py/bytes.type', lambda: type(fx['raw']).__name__)
probe('py/bytes.eq', lambda: fx['raw'] == b'bytes\x00\xff')

# numbers and strings
probe('py/num.add', lambda: fx['num'] + 1)
probe('py/num.type', lambda: type(fx['num']).__name__)
probe('py/num.bigint', lambda: fx['bigint'])
probe('py/num.bigintType', lambda: type(fx['bigint']).__name__)
probe('py/num.bigintPlus', lambda: fx['bigint'] + 1)
probe('py/num.bigintEq', lambda: fx['bigint'] == 2 ** 70)
probe('py/num.floatDiv', lambda: fx['flt'] / 2)
probe('py/num.floordiv', lambda: fx['neg'] // 2)
probe('py/num.mod', lambda: fx['neg'] % 3)
probe('py/num.isInt', lambda: isinstance(fx['num'], int))
probe('py/num.boolType', lambda: type(fx['flag']).__name__)
probe('py/num.boolPlus', lambda: fx['flag'] + 1)
probe('py/str.upper', lambda: fx['text'].upper())
probe('py/str.len', lambda: len(fx['text']))
probe('py/str.type', lambda: type(fx['text']).__name__)
probe('py/str.index', lambda: fx['text'][1])
probe('py/str.encode', lambda: fx['text'].encode('utf-8'))
probe('py/none.is', lambda: fx['none_value'] is None)
probe('py/none.eq', lambda: fx['none_value'] == None)
probe('py/none.type', lambda: type(fx['none_value']).__name__)
probe('py/none.returned', lambda: fx['returns_none']() is None)

# classes with dunders
probe('py/dunder.eq', lambda: fx['vec'] == fx['vec2'])
probe('py/dunder.eqLocal', lambda: fx['vec'] == fx['Vec'](1, 2))
probe('py/dunder.ne', lambda: fx['vec'] != fx['vec3'])
probe('py/dunder.isNot', lambda: fx['vec'] is fx['vec2'])
probe('py/dunder.lt', lambda: fx['vec'] < fx['vec3'])
probe('py/dunder.gt', lambda: fx['vec3'] > fx['vec'])
probe('py/dunder.sorted', lambda: [repr(v) for v in sorted([fx['vec3'], fx['vec']])])
probe('py/dunder.repr', lambda: repr(fx['vec']))
probe('py/dunder.str', lambda: str(fx['vec']))
probe('py/dunder.hash', lambda: hash(fx['vec']) == hash((1, 2)))
probe('py/dunder.hashEqual', lambda: hash(fx['vec']) == hash(fx['vec2']))
probe('py/dunder.inSet', lambda: len({fx['vec'], fx['vec2'], fx['vec3']}))
probe('py/dunder.dictKey', lambda: {fx['vec']: 'found'}.get(fx['vec2'], 'missing'))
probe('py/dunder.len', lambda: len(fx['vec']))
probe('py/dunder.getitem', lambda: fx['vec'][1])
probe('py/dunder.getitemNeg', lambda: fx['vec'][-1])
probe('py/dunder.getitemOut', lambda: fx['vec'][5])
probe('py/dunder.iter', lambda: list(fx['vec']))
probe('py/dunder.unpack', lambda: (lambda a, b: b - a)(*fx['vec']))
probe('py/dunder.contains', lambda: [2 in fx['vec'], 9 in fx['vec']])
probe('py/dunder.add', lambda: repr(fx['vec'] + fx['vec3']))
probe('py/dunder.bool', lambda: [bool(fx['vec']), bool(fx['zero_vec'])])
probe('py/dunder.call', lambda: fx['vec'](10))
probe('py/dunder.method', lambda: fx['vec3'].norm2())
probe('py/dunder.attr', lambda: [fx['vec'].x, fx['vec'].y])
probe('py/dunder.setattr', lambda: (setattr(fx['vec3'], 'x', 30), fx['vec3'].x)[1])
probe('py/dunder.newInstance', lambda: repr(fx['Vec'](7, 8)))
probe('py/dunder.isinstance', lambda: isinstance(fx['vec'], fx['Vec']))
probe('py/dunder.typeIs', lambda: type(fx['vec']) is fx['Vec'])
probe('py/dunder.className', lambda: type(fx['vec']).__name__)
probe('py/dunder.dictAttr', lambda: sorted(vars(fx['vec'])))
probe('py/dunder.dirHas', lambda: 'norm2' in dir(fx['vec']))
probe('py/dunder.hasattr', lambda: [hasattr(fx['vec'], 'x'), hasattr(fx['vec'], 'nope')])
probe('py/dunder.getattrMissing', lambda: fx['vec'].nope)
probe('py/dunder.max', lambda: repr(max(fx['vec'], fx['vec3'])))
probe('py/dunder.slotsRead', lambda: fx['box'].content)
probe('py/dunder.slotsWrite', lambda: setattr(fx['box'], 'other', 1))

# dataclasses and enums
probe('py/dataclass.repr', lambda: repr(fx['item']))
probe('py/dataclass.eq', lambda: fx['item'] == fx['item2'])
probe('py/dataclass.attr', lambda: [fx['item'].name, fx['item'].qty, fx['item'].tags])
probe('py/dataclass.method', lambda: fx['item'].total(2))
probe('py/dataclass.methodKw', lambda: fx['item'].total(price=3))
probe('py/dataclass.new', lambda: repr(fx['Item']('cup')))
probe('py/dataclass.newKw', lambda: repr(fx['Item']('cup', qty=5)))
probe('py/dataclass.fields', lambda: [f.name for f in dataclasses.fields(fx['item'])])
probe('py/dataclass.asdict', lambda: dataclasses.asdict(fx['item']))
probe('py/dataclass.isDataclass', lambda: dataclasses.is_dataclass(fx['item']))
probe('py/dataclass.replace', lambda: repr(dataclasses.replace(fx['item'], qty=9)))
probe('py/dataclass.frozenSet', lambda: setattr(fx['version'], 'major', 3))
probe('py/dataclass.frozenSetCaught', lambda: catch(lambda: setattr(fx['version'], 'major', 3), dataclasses.FrozenInstanceError, AttributeError, Exception))
probe('py/dataclass.order', lambda: fx['version'] < fx['Version'](1, 3))
probe('py/dataclass.hash', lambda: hash(fx['version']) == hash(fx['Version'](1, 2)))
probe('py/enum.name', lambda: fx['red'].name)
probe('py/enum.value', lambda: fx['red'].value)
probe('py/enum.is', lambda: fx['red'] is fx['Color'].RED)
probe('py/enum.eq', lambda: fx['red'] == fx['Color'].RED)
probe('py/enum.byValue', lambda: fx['Color'](2).name)
probe('py/enum.byName', lambda: fx['Color']['BLUE'].value)
probe('py/enum.members', lambda: [c.name for c in fx['Color']])
probe('py/enum.len', lambda: len(fx['Color']))
probe('py/enum.repr', lambda: repr(fx['red']))
probe('py/enum.str', lambda: str(fx['red']))
probe('py/enum.isinstance', lambda: isinstance(fx['red'], fx['Color']))
probe('py/enum.intEnumCompare', lambda: fx['high'] > 5)
probe('py/enum.intEnumPlus', lambda: fx['high'] + 1)
probe('py/enum.intEnumIsInt', lambda: isinstance(fx['high'], int))

# classes, inheritance, bound methods
probe('py/class.speak', lambda: [fx['d1'].speak(), fx['d2'].speak()])
probe('py/class.speakReversed', lambda: [fx['d2'].speak(), fx['d1'].speak()])
probe('py/class.boundRoots', lambda: [fx['speak1'](), fx['speak2']()])
probe('py/class.boundRootsReversed', lambda: [fx['speak2'](), fx['speak1']()])
probe('py/class.boundRead', lambda: (lambda a, b: [a(), b()])(fx['d1'].speak, fx['d2'].speak))
probe('py/class.boundReadReversed', lambda: (lambda a, b: [b(), a()])(fx['d1'].speak, fx['d2'].speak))
probe('py/class.boundSelf', lambda: fx['speak1'].__self__.name)
probe('py/class.boundFunc', lambda: fx['speak1'].__func__.__name__)
probe('py/class.boundEq', lambda: fx['speak1'] == fx['d1'].speak)
probe('py/class.boundEqFresh', lambda: [fx['speaker_of'](1) == fx['speaker_of'](1), fx['speaker_of'](1) != fx['speaker_of'](2), fx['speaker_of'](1) == fx['speak2']])
probe('py/class.boundHashFresh', lambda: [hash(fx['speaker_of'](1)) == hash(fx['speaker_of'](1)), len({fx['speaker_of'](1), fx['speaker_of'](1), fx['speaker_of'](2)})])
probe('py/class.boundRemove', lambda: (lambda hs: (hs.remove(fx['speaker_of'](2)), [h() for h in hs])[1])([fx['speaker_of'](1), fx['speaker_of'](2)]))
probe('py/class.boundInDict', lambda: {fx['speaker_of'](1): 'one'}.get(fx['speaker_of'](1)))
probe('py/class.boundDistinct', lambda: fx['speak1'] == fx['speak2'])
probe('py/class.unboundCall', lambda: fx['Dog'].speak(fx['d2']))
probe('py/class.unboundOnLocal', lambda: fx['Animal'].speak(type('L', (), {'name': 'local'})()))
probe('py/class.holderBound', lambda: [fx['holder']['d1'].speak(), fx['holder']['d2'].speak()])
probe('py/class.holderIdentity', lambda: fx['holder']['d1'] is fx['d1'])
probe('py/class.mapSpeak', lambda: list(map(lambda d: d.speak(), [fx['d1'], fx['d2'], fx['animal']])))
probe('py/class.property', lambda: [fx['d1'].upper, fx['d2'].upper])
probe('py/class.classAttr', lambda: [fx['d1'].kind, fx['animal'].kind, fx['Dog'].kind])
probe('py/class.static', lambda: fx['Animal'].static_hello())
probe('py/class.staticOnInstance', lambda: fx['d1'].static_hello())
probe('py/class.classmethod', lambda: type(fx['Dog'].create('Pup')).__name__)
probe('py/class.classmethodSpeak', lambda: fx['Dog'].create('Pup').speak())
probe('py/class.new', lambda: fx['Dog']('Max').speak())
probe('py/class.newKw', lambda: fx['Dog']('Max', breed='boxer').breed)
probe('py/class.defaultArg', lambda: fx['d1'].fetch())
probe('py/class.kwArg', lambda: fx['d1'].fetch('stick', times=3))
probe('py/class.kwOnlyPositional', lambda: fx['d1'].fetch('stick', 3))
probe('py/class.isinstanceDog', lambda: isinstance(fx['d1'], fx['Dog']))
probe('py/class.isinstanceAnimal', lambda: isinstance(fx['d1'], fx['Animal']))
probe('py/class.issubclass', lambda: issubclass(fx['Dog'], fx['Animal']))
probe('py/class.mro', lambda: [c.__name__ for c in fx['Dog'].__mro__])
probe('py/class.typeName', lambda: type(fx['d1']).__name__)
probe('py/class.className', lambda: fx['d1'].__class__.__name__)
probe('py/class.localSubclass', lambda: type('Puppy', (fx['Dog'],), {'speak': lambda self: 'yip'})('P').speak())
probe('py/class.superSpeak', lambda: super(fx['Dog'], fx['d1']).speak())
probe('py/class.rename', lambda: fx['animal'].rename('renamed') is fx['animal'])
probe('py/class.renamed', lambda: fx['animal'].name)
probe('py/class.vars', lambda: sorted(vars(fx['d1']).items()))
probe('py/class.setNewAttr', lambda: (setattr(fx['d2'], 'age', 3), fx['d2'].age)[1])
probe('py/class.delAttr', lambda: (delattr(fx['d2'], 'age'), hasattr(fx['d2'], 'age'))[1])
probe('py/class.getattrDefault', lambda: getattr(fx['d1'], 'missing', 'default'))
probe('py/class.eqSame', lambda: fx['d1'] == fx['d1'])
probe('py/class.eqOther', lambda: fx['d1'] == fx['d2'])
probe('py/class.identityFn', lambda: fx['identity'](fx['d1']) is fx['d1'])

# exceptions
ERRS = ['raises_value', 'raises_key', 'raises_custom', 'raises_type', 'raises_zero', 'raises_index', 'raises_stop']
for _e in ERRS:
    probe('py/raise.' + _e + '.caught', (lambda e: lambda: fx[e]())(_e))
    probe('py/raise.' + _e + '.except', (lambda e: lambda: catch(fx[e], ValueError, KeyError, TypeError, ZeroDivisionError, IndexError, StopIteration,
                                                                 LookupError, ArithmeticError, Exception, polyglot.ForeignException, BaseException))(_e))
    probe('py/raise.' + _e + '.exceptException', (lambda e: lambda: catch(fx[e], Exception))(_e))
    probe('py/raise.' + _e + '.exceptForeign', (lambda e: lambda: catch(fx[e], polyglot.ForeignException))(_e))
    probe('py/raise.' + _e + '.exceptAppError', (lambda e: lambda: catch(fx[e], fx['AppError']))(_e))


def _args_of(f):
    try:
        f()
    except BaseException as e:
        return show(tuple(e.args))


def _attr_of(f, name):
    try:
        f()
    except BaseException as e:
        return getattr(e, name, 'no ' + name)


def _tb_frames(f):
    try:
        f()
    except BaseException as e:
        n = 0
        tb = e.__traceback__
        while tb is not None:
            n += 1
            tb = tb.tb_next
        return n


for _e in ERRS:
    probe('py/raise.' + _e + '.args', (lambda e: lambda: _args_of(fx[e]))(_e))
    probe('py/raise.' + _e + '.tbFrames', (lambda e: lambda: _tb_frames(fx[e]))(_e))
probe('py/raise.custom.code', lambda: _attr_of(fx['raises_custom'], 'code'))
probe('py/raise.value.strOf', lambda: _attr_of(fx['raises_value'], '__class__').__name__)
probe('py/raise.cbException', lambda: catch(lambda: fx['apply'](lambda: 1 / 0), ZeroDivisionError, Exception))
probe('py/raise.cbValue', lambda: catch(lambda: fx['apply'](lambda: int('x')), ValueError, Exception))
probe('py/raise.typeErrorCall', lambda: fx['add'](1))
probe('py/raise.typeErrorCallCaught', lambda: catch(lambda: fx['add'](1), TypeError, Exception))
probe('py/raise.tooMany', lambda: fx['add'](1, 2, 3))


def _tryfinally():
    r = []
    try:
        fx['raises_value']()
    except BaseException:
        r.append('except')
    finally:
        r.append('finally')
    return r


probe('py/raise.finallyOrder', _tryfinally)


def _suppressed(name, *kinds):
    import contextlib
    with contextlib.suppress(*kinds):
        fx[name]()
        return 'not raised'
    return 'suppressed'


probe('py/raise.suppressValue', lambda: _suppressed('raises_value', ValueError))
probe('py/raise.suppressException', lambda: _suppressed('raises_custom', Exception))
probe('py/raise.suppressOther', lambda: _suppressed('raises_value', KeyError))
probe('py/errval.valueArgs', lambda: fx['value_error'].args)
probe('py/errval.valueStr', lambda: str(fx['value_error']))
probe('py/errval.valueRepr', lambda: repr(fx['value_error']))
probe('py/errval.isinstanceValue', lambda: isinstance(fx['value_error'], ValueError))
probe('py/errval.isinstanceException', lambda: isinstance(fx['value_error'], Exception))
probe('py/errval.keyStr', lambda: str(fx['key_error']))
probe('py/errval.keyIsLookup', lambda: isinstance(fx['key_error'], LookupError))
probe('py/errval.appCode', lambda: fx['app_error'].code)
probe('py/errval.appIsinstance', lambda: isinstance(fx['app_error'], fx['AppError']))
probe('py/errval.appIsValue', lambda: isinstance(fx['app_error'], ValueError))
probe('py/errval.raiseRemote', lambda: catch(lambda: (_ for _ in ()).throw(fx['value_error']), ValueError, Exception, BaseException))
probe('py/errval.newAppError', lambda: fx['AppError']('made here', 1).code)
probe('py/errval.mro', lambda: [c.__name__ for c in fx['AppError'].__mro__])

# functions, kwargs, defaults
probe('py/fn.add', lambda: fx['add'](2, 3))
probe('py/fn.addStr', lambda: fx['add']('a', 'b'))
probe('py/fn.addLists', lambda: fx['add']([1], [2]))
probe('py/fn.addTuples', lambda: fx['add']((1,), (2,)))
probe('py/fn.addKw', lambda: fx['add'](a=1, b=2))
probe('py/fn.addMixedKw', lambda: fx['add'](1, b=2))
probe('py/fn.greetDefault', lambda: fx['greet']())
probe('py/fn.greetPositional', lambda: fx['greet']('bob', '?'))
probe('py/fn.greetKw', lambda: fx['greet'](punct='.'))
probe('py/fn.kwOnly', lambda: fx['kw_only'](3, scale=10))
probe('py/fn.kwOnlyDefault', lambda: fx['kw_only'](3))
probe('py/fn.kwOnlyBoth', lambda: fx['kw_only'](3, offset=1, scale=3))
probe('py/fn.kwOnlyPositional', lambda: fx['kw_only'](3, 4))
probe('py/fn.varargs', lambda: fx['varargs'](1, 2, 3))
probe('py/fn.varargsKw', lambda: fx['varargs'](1, x=1, y=2))
probe('py/fn.varargsStar', lambda: fx['varargs'](*fx['lst']))
probe('py/fn.varargsStarStar', lambda: fx['varargs'](**{'k': 1}))
probe('py/fn.lambda', lambda: fx['lam'](1))
probe('py/fn.lambdaTwo', lambda: fx['lam'](1, 2))
probe('py/fn.lambdaKw', lambda: fx['lam'](1, y=5))
probe('py/fn.name', lambda: fx['add'].__name__)
probe('py/fn.qualname', lambda: fx['greet'].__qualname__)
probe('py/fn.defaults', lambda: fx['greet'].__defaults__)
probe('py/fn.kwdefaults', lambda: fx['kw_only'].__kwdefaults__)
probe('py/fn.doc', lambda: fx['add'].__doc__)
probe('py/fn.applyLocal', lambda: fx['apply'](lambda a, b: a * b, 6, 7))
probe('py/fn.applyBuiltin', lambda: fx['apply'](len, 'four'))
probe('py/fn.callWithKwargs', lambda: fx['call_with_kwargs'](lambda a, b: a + b))
probe('py/fn.typenameInt', lambda: fx['typename'](1))
probe('py/fn.typenameTuple', lambda: fx['typename']((1, 2)))
probe('py/fn.typenameList', lambda: fx['typename']([1]))
probe('py/fn.typenameDict', lambda: fx['typename']({'a': 1}))
probe('py/fn.typenameSet', lambda: fx['typename']({1}))
probe('py/fn.typenameNone', lambda: fx['typename'](None))
probe('py/fn.typenameBig', lambda: fx['typename'](2 ** 80))
probe('py/fn.typenameLambda', lambda: fx['typename'](lambda: 1))
probe('py/fn.typenameLocalObj', lambda: fx['typename'](type('Local', (), {})()))
probe('py/fn.identityTuple', lambda: fx['identity']((1, 2)))
probe('py/fn.identityTupleType', lambda: type(fx['identity']((1, 2))).__name__)
probe('py/fn.identityLocal', lambda: (lambda o: fx['identity'](o) is o)(object()))
probe('py/fn.identityDict', lambda: type(fx['identity']({'a': 1})).__name__)
probe('py/fn.identityBig', lambda: fx['identity'](2 ** 80))
probe('py/fn.identityFloat', lambda: fx['identity'](float('inf')))
probe('py/fn.isListTuple', lambda: fx['is_list']((1, 2)))
probe('py/fn.lenDict', lambda: fx['length']({'a': 1, 'b': 2}))
probe('py/fn.lenStr', lambda: fx['length']('abc'))
probe('py/fn.callable', lambda: [callable(fx['add']), callable(fx['num'])])

# generators and iterables
probe('py/gen.next', lambda: next(fx['generator']))
probe('py/gen.rest', lambda: list(fx['generator']))
probe('py/gen.exhausted', lambda: next(fx['generator'], 'exhausted'))
probe('py/gen.exhaustedRaise', lambda: catch(lambda: next(fx['generator']), StopIteration, Exception))
probe('py/gen.call', lambda: list(fx['gen'](5)))
probe('py/gen.callType', lambda: type(fx['gen'](1)).__name__)
probe('py/gen.forLoop', lambda: sum(x for x in fx['gen'](4)))
probe('py/gen.nextTwice', lambda: (lambda g: [next(g), next(g)])(fx['gen'](3)))
probe('py/gen.send', lambda: (lambda g: [next(g), g.send(None)])(fx['gen'](3)))
probe('py/gen.close', lambda: (lambda g: (next(g), g.close(), list(g)))(fx['gen'](3)))
probe('py/gen.iterSelf', lambda: (lambda g: iter(g) is g)(fx['gen'](1)))
probe('py/gen.zip', lambda: list(zip(fx['gen'](3), fx['gen'](3))))
probe('py/iter.countdown', lambda: list(fx['countdown']))
probe('py/iter.countdownTwice', lambda: [list(fx['countdown']), list(fx['countdown'])])
probe('py/iter.countdownSorted', lambda: sorted(fx['countdown']))
probe('py/iter.countdownIn', lambda: 2 in fx['countdown'])
probe('py/iter.iterNext', lambda: next(iter(fx['lst'])))
probe('py/iter.dictIterNext', lambda: next(iter(fx['dct'])))
probe('py/iter.any', lambda: any(x > 2 for x in fx['lst']))
probe('py/iter.all', lambda: all(fx['lst']))
probe('py/iter.mapFilter', lambda: list(map(str, filter(lambda x: x > 1, fx['lst']))))
probe('py/iter.setOf', lambda: sorted(set(fx['lst'])))
probe('py/iter.tupleOfDict', lambda: tuple(fx['dct']))
probe('py/iter.starUnpack', lambda: (lambda first, *rest: [first, rest])(*fx['lst']))
probe('py/iter.enumerateDict', lambda: list(enumerate(fx['int_keys'].values())))
probe('py/iter.json', lambda: json.dumps(fx['nested']))
probe('py/iter.jsonMixed', lambda: json.dumps(fx['mixed']))
probe('py/iter.jsonTuple', lambda: json.dumps(fx['tup']))


# Roots read from the polyglot bindings (what --yonder.Connect binds for every language of the context).
probe('py/bound.tupleType', lambda: type(polyglot.import_value('py.tup')).__name__)
probe('py/bound.noneType', lambda: type(polyglot.import_value('py.none_value')).__name__)
