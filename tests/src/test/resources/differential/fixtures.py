# Python fixtures of the differential transparency suite. Runs locally (L, in the probe's own context) and under
# `yonder serve fixtures.py` (R). Every value is exported as a root `py.<name>`, with the names in `py.__names`.
import collections
import dataclasses
import enum
import polyglot


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return 'Vec(%r, %r)' % (self.x, self.y)

    def __str__(self):
        return '<%s,%s>' % (self.x, self.y)

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        yield self.x
        yield self.y

    def __contains__(self, v):
        return v in (self.x, self.y)

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __bool__(self):
        return bool(self.x or self.y)

    def __call__(self, k):
        return self.x * k

    def norm2(self):
        return self.x * self.x + self.y * self.y


class Animal:
    kind = 'animal'

    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + ' makes a sound'

    @property
    def upper(self):
        return self.name.upper()

    @staticmethod
    def static_hello():
        return 'static hello'

    @classmethod
    def create(cls, name):
        return cls(name)

    def rename(self, name):
        self.name = name
        return self


class Dog(Animal):
    kind = 'dog'

    def __init__(self, name, breed='mutt'):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return self.name + ' barks'

    def fetch(self, thing='ball', *, times=1):
        return '%s fetches %s x%d' % (self.name, thing, times)


class Box:
    __slots__ = ('content',)

    def __init__(self, content):
        self.content = content


@dataclasses.dataclass
class Item:
    name: str
    qty: int = 1
    tags: list = dataclasses.field(default_factory=list)

    def total(self, price):
        return self.qty * price


@dataclasses.dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 10


class AppError(ValueError):
    def __init__(self, message, code):
        super().__init__(message, code)
        self.code = code


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter(range(self.n, 0, -1))


def add(a, b):
    return a + b


def greet(name='world', punct='!'):
    return 'hello ' + name + punct


def kw_only(a, *, scale=2, offset=0):
    return a * scale + offset


def varargs(*args, **kwargs):
    return '%d args, kwargs %s' % (len(args), sorted(kwargs.items()))


def raises_value():
    raise ValueError('bad value', 42)


def raises_key():
    return {}['missing']


def raises_custom():
    raise AppError('app failed', 7)


def raises_type():
    return 1 + 'a'


def raises_zero():
    return 1 / 0


def raises_index():
    return [][3]


def raises_stop():
    raise StopIteration('done')


def gen(n):
    for i in range(n):
        yield i * i


def returns_none():
    return None


def returns_tuple():
    return (1, 'two', 3.0)


def returns_dict():
    return {'k': [1, 2], 'n': None}


def returns_set():
    return {3, 1, 2}


def apply(f, *args):
    return f(*args)


def typename(x):
    return type(x).__name__


def is_list(x):
    return isinstance(x, list)


def length(x):
    return len(x)


def identity(x):
    return x


def call_with_kwargs(f):
    return f(1, b=2)


dd = collections.defaultdict(list)
dd['a'].append(1)
dd['b'].append(2)
d1 = Dog('Rex', 'lab')
d2 = Dog('Fido', 'pug')

FIXTURES = {
    'num': 42,
    'neg': -7,
    'flt': 2.5,
    'bigint': 2 ** 70,
    'text': 'héllo',
    'flag': True,
    'none_value': None,
    'raw': b'bytes\x00\xff',
    'tup': (1, 'a', None),
    'pair': (5, 6),
    'nested_tup': ((1, 2), (3, (4, 5))),
    'empty_tup': (),
    'lst': [3, 1, 2],
    'mixed': [1, 'two', 3.0, None, True, [4], {'five': 5}],
    'empty_list': [],
    'dct': {'a': 1, 'b': 'two', 'c': None},
    'int_keys': {1: 'one', 2: 'two'},
    'nested': {'level1': {'level2': {'leaf': [1, {'x': 'y'}]}}, 'items': (1, 2)},
    'empty_dict': {},
    'st': {1, 2, 3},
    'frozen': frozenset({10, 20}),
    'dd': dd,
    'counter': collections.Counter('abracadabra'),
    'ordered': collections.OrderedDict([('z', 1), ('y', 2)]),
    'named': collections.namedtuple('P', 'x y')(1, 2),
    'rng': range(2, 10, 3),
    'vec': Vec(1, 2),
    'vec2': Vec(1, 2),
    'vec3': Vec(3, 4),
    'zero_vec': Vec(0, 0),
    'Vec': Vec,
    'animal': Animal('generic'),
    'd1': d1,
    'd2': d2,
    'Animal': Animal,
    'Dog': Dog,
    'box': Box('inside'),
    'item': Item('pen', 3, ['office']),
    'item2': Item('pen', 3, ['office']),
    'Item': Item,
    'version': Version(1, 2),
    'Version': Version,
    'red': Color.RED,
    'Color': Color,
    'high': Level.HIGH,
    'value_error': ValueError('bad value', 42),
    'key_error': KeyError('k'),
    'app_error': AppError('app failed', 7),
    'AppError': AppError,
    'countdown': Countdown(3),
    'generator': gen(4),
    'add': add,
    'greet': greet,
    'kw_only': kw_only,
    'varargs': varargs,
    'raises_value': raises_value,
    'raises_key': raises_key,
    'raises_custom': raises_custom,
    'raises_type': raises_type,
    'raises_zero': raises_zero,
    'raises_index': raises_index,
    'raises_stop': raises_stop,
    'gen': gen,
    'returns_none': returns_none,
    'returns_tuple': returns_tuple,
    'returns_dict': returns_dict,
    'returns_set': returns_set,
    'apply': apply,
    'typename': typename,
    'is_list': is_list,
    'length': length,
    'identity': identity,
    'call_with_kwargs': call_with_kwargs,
    'speak1': d1.speak,
    'speak2': d2.speak,
    'speaker_of': lambda which: (d1 if which == 1 else d2).speak,   # a new bound method object on each call
    'lam': lambda x, y=10: x + y,
    'mutable': {'count': 0, 'items': [1, 2]},
    'mut_list': [1, 2, 3],
    'holder': {'none': None, 'tup': (1, 2), 'vec': Vec(5, 6), 'd1': d1, 'd2': d2},
}

for _k, _v in FIXTURES.items():
    if isinstance(_v, str):
        # GraalPy 25 takes export_value(name=..., value=...) of two strings as (value, name): it would bind the root
        # 'héllo' to 'py.text'. Positional (value, name) is what it does today.
        polyglot.export_value(_v, 'py.' + _k)
    else:
        polyglot.export_value(name='py.' + _k, value=_v)
polyglot.export_value(name='py.__names', value=list(FIXTURES.keys()))
