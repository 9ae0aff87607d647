# Fixtures of ReceiverAndKindTest for Python clients: bound methods of two instances of one class.
import polyglot

class Dog:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + ' barks'

polyglot.export_value('dog', Dog('Rex'))
polyglot.export_value('mutt', Dog('Mutt'))


def parse(text):
    if not text.isdigit():
        raise ValueError('not a number', text)
    return int(text)

def lookup(key):
    return {'a': 1}[key]

polyglot.export_value('parse', parse)
polyglot.export_value('lookup', lookup)


def kind(x):
    return type(x).__name__

polyglot.export_value('triple', (1, 2, 3))
polyglot.export_value('kind', kind)
polyglot.export_value('make_triple', lambda: (1, 2, 3))


# Keyword arguments (KeywordArgumentsTest).
def scaled(a, b=2, *, scale=1):
    return (a + b) * scale

class Walker:
    def __init__(self, name):
        self.name = name

    def fetch(self, what, times=1):
        return self.name + ' fetches ' + what + ' x' + str(times)

polyglot.export_value(name='scaled', value=scaled)
polyglot.export_value(name='walker', value=Walker('Rex'))
polyglot.export_value(name='kwargs_of', value=lambda **kw: sorted(kw.items()))


# Instances of the owner's classes with their protocol (PythonObjectsTest).
import dataclasses

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return 'Point(%d, %d)' % (self.x, self.y)

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __bool__(self):
        return bool(self.x or self.y)

    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)

class Slotted:
    __slots__ = ('a',)

    def __init__(self):
        self.a = 1

@dataclasses.dataclass(frozen=True)
class Frozen:
    v: int

polyglot.export_value('points', [Point(3, 1), Point(1, 2), Point(1, 1)])
polyglot.export_value('origin', Point(0, 0))
polyglot.export_value('slotted', Slotted())
polyglot.export_value('frozen', Frozen(1))
polyglot.export_value('make_point', lambda x, y: Point(x, y))

class Point3(Point):
    def __init__(self, x, y, z=0):
        super().__init__(x, y)
        self.z = z

    def __repr__(self):
        return 'Point3(%d, %d, %d)' % (self.x, self.y, self.z)

    @classmethod
    def unit(cls):
        return cls(1, 1, 1)

polyglot.export_value('Point', Point)
polyglot.export_value('Point3', Point3)

class Invalid(ValueError):
    def __init__(self, message, code):
        super().__init__(message, code)
        self.code = code

def fail_invalid():
    raise Invalid('bad input', 7)

polyglot.export_value('Invalid', Invalid)
polyglot.export_value('fail_invalid', fail_invalid)
polyglot.export_value('make_invalid', lambda: Invalid('made', 3))

# copy.copy and copy.deepcopy of a remote dict of containers (PythonNatives.copyable).
polyglot.export_value('inventory', {'apples': [1, 2], 'pears': {'ripe': 3}})

# A set of the owner's (PythonObjects.presentSet).
tags = {'a', 'b'}
polyglot.export_value('tags', tags)
polyglot.export_value('tags_now', lambda: ','.join(sorted(tags)))

# A frozen dataclass (its fields as facts for the receiver's dataclasses module) and a standard exception class.
import dataclasses, json

@dataclasses.dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0

polyglot.export_value('version', Version(1, 2))
polyglot.export_value('load_json', json.loads)
polyglot.export_value('steps', range(2, 10, 3))

# Strings GraalPy keeps as objects (sys.intern, as a namedtuple's field names are): copied as strings, alone and in a tuple.
import sys as _sys
polyglot.export_value(_sys.intern('interned ' + 'name'), 'interned')   # a string root: GraalPy 25 takes (value, name) positionally
polyglot.export_value(name='interned_fields', value=tuple(map(_sys.intern, 'left right'.split())))

# PythonObjectsTest: a member of an enum of ints is an int of the receiver's, of the presented class.
import enum
class Level(enum.IntEnum):
    LOW = 1
    HIGH = 10
class Perm(enum.IntFlag):
    R = 4
    W = 2
polyglot.export_value(name='high', value=Level.HIGH)
polyglot.export_value(name='read_write', value=Perm.R | Perm.W)
polyglot.export_value(name='Level', value=Level)
# An exception handed out as a value (not raised): a ValueError of the receiver's.
polyglot.export_value(name='value_error', value=ValueError('bad value', 42))
# A namedtuple: a tuple of the receiver's, of the presented class.
import collections as _collections
Pair = _collections.namedtuple('Pair', 'left right')
polyglot.export_value(name='pair', value=Pair(1, 'two'))
# Dicts of the standard library's subclasses: read by their class's rules on the owner (__missing__).
tallies = _collections.defaultdict(list)
tallies['a'].append(1)
polyglot.export_value(name='tallies', value=tallies)
polyglot.export_value(name='letters', value=_collections.Counter('abracadabra'))
polyglot.export_value(name='peek_tallies', value=lambda: sorted(tallies, key=str))
# A generator: send(True) skips one; it returns 'done'.
def countdown(n):
    i = n
    while i > 0:
        skip = yield i
        i -= 2 if skip else 1
    return 'done'
polyglot.export_value(name='countdown', value=countdown)


# Classes of the same name, a factory's: each instance is an instance of its own presented class (Shape.variant).
def _make_twin(tag):
    class Twin:
        def who(self):
            return tag
    return Twin


_twin_a, _twin_b = _make_twin('a'), _make_twin('b')
polyglot.export_value(name='twins', value={'A': _twin_a, 'B': _twin_b, 'a': _twin_a(), 'b': _twin_b(),
                                           'many': [(c, c()) for c in (_make_twin('t%d' % i) for i in range(70))]})
