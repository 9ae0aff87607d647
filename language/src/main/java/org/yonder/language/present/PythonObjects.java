package org.yonder.language.present;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.remote.GuestOperations;
import org.yonder.objspace.session.Exposure;

/**
 * The owner's Python classes and their instances presented to a Python receiver as Python classes and objects of its
 * own. GraalPy shows a foreign object as {@code polyglot.ForeignObject} (a class as {@code ForeignClassExecutable}):
 * its own {@code repr}, none of the owner's {@code ==}, {@code <}, {@code hash} or {@code len}, and error texts that
 * name {@code ForeignObject}. Here a remote class is a class made in the receiver's context (same name, qualified
 * name and module, a metaclass named as the owner's that forwards the metaclass's protocol, the owner's classes
 * among its bases presented too), and an instance is an instance of it, holding the remote reference. Its dunder
 * methods are only those its class (or a base other than {@code object}) defines, each one {@code GUEST_OPERATION}
 * that the owner applies by Python's rules ({@code repr(x)}, {@code operator.eq(x, y)}, {@code len(x)}); its methods
 * are one {@code INVOKE_MEMBER} each (keyword arguments too); attribute reads and writes are the owner's
 * {@code getattr}/{@code setattr}. So {@code type(p).__name__}, {@code repr}, {@code ==}, {@code sorted},
 * {@code hash}, {@code bool}, {@code isinstance} and the messages of a missing protocol
 * ({@code object of type 'Dog' has no len()}) are the local ones.
 * <p>
 * A class is described once (one round trip, and one more for its bases), an instance's class found once per
 * session and shape. Objects that GraalPy already gives a Python kind stay foreign: subclasses of {@code dict},
 * {@code list}, {@code set}, {@code frozenset}, {@code int}, {@code float}, {@code str} and {@code bytes} (GraalPy's
 * foreign dicts, lists and numbers are {@code dict}s, {@code list}s and {@code int}s to {@code isinstance}), built-in
 * types, exceptions (raised ones are {@link NativeErrors}'s) and functions ({@link PythonCallables}'s). On the owner,
 * {@link #operate} runs the fixed table of operations, and nothing else.
 */
final class PythonObjects {
    /** The owner's table: every name here is a Python built-in operation applied to the target. */
    private static final String OWNER = """
                    def _yonder_operations():
                        import operator, types, inspect, copy, enum, sys, builtins
                        def protocol_of(cls, root):
                            names = sorted({n for k in cls.__mro__ if k is not root and k is not object for n in vars(k)})
                            protocol = tuple(n for n in names if n.startswith('__') and n.endswith('__') and n != '__hash__')
                            if cls.__hash__ is not root.__hash__:
                                protocol += ('__hash__',) if cls.__hash__ is not None else ('__hash__=None',)
                            methods = tuple(n for n in names if not n.startswith('__')
                                            and isinstance(inspect.getattr_static(cls, n, None), types.FunctionType))
                            return protocol, methods
                        def describe(cls):
                            if isinstance(cls, type) and cls.__module__ == 'builtins' and cls is getattr(builtins, cls.__name__, None) \
                                    and not issubclass(cls, BaseException):
                                return ('builtin', cls.__name__)   # list, dict, int: the receiver has its own of that name
                            if not isinstance(cls, type) or cls.__module__ == 'builtins':
                                return None
                            if issubclass(cls, BaseException):   # its built-in bases by name: the receiver has them too
                                return ('exception', cls.__module__, cls.__qualname__, cls.__name__,
                                        tuple(b.__name__ for b in cls.__bases__ if b.__module__ == 'builtins'),
                                        any(b.__module__ != 'builtins' for b in cls.__bases__))
                            # Immutable values of a class of the owner's: a member of an enum of ints (IntEnum, IntFlag,
                            # class E(int, Enum)) is a constant, and a tuple's subclass (a namedtuple) holds its elements
                            # for good; so a receiver's instance may be an int or a tuple of the same value, with the rest
                            # of its class's protocol applied here.
                            kind = 'int' if issubclass(cls, int) and issubclass(cls, enum.Enum) else 'tuple' if issubclass(cls, tuple) else None
                            # A dict of a standard library's subclass (defaultdict, Counter, OrderedDict) stays the owner's
                            # dict, read and changed there by its class's rules (__missing__); a receiver that has the class
                            # presents it as one of its own. Other dict subclasses stay foreign dicts.
                            if kind is None and issubclass(cls, dict) and cls.__module__.split('.')[0] in getattr(sys, 'stdlib_module_names', ()):
                                kind = 'dict'
                            if kind is None and issubclass(cls, (dict, list, set, frozenset, int, float, complex, str, bytes)):
                                return None
                            protocol, methods = protocol_of(cls, {'int': int, 'tuple': tuple, 'dict': dict}.get(kind, object))
                            if any('__dict__' in vars(k) for k in cls.__mro__):
                                protocol += ('__dict__',)
                            meta = type(cls)
                            return ('class', cls.__module__, cls.__qualname__, cls.__name__, protocol, methods,
                                    meta.__module__, meta.__qualname__, meta.__name__, protocol_of(meta, type)[0],
                                                    cls.__bases__ != (object,) and kind is None, dataclass_fields(cls), kind)
                        def dataclass_fields(cls):   # a dataclass's fields as facts (name, init, repr, compare, kw_only), or None
                            import dataclasses
                            if not dataclasses.is_dataclass(cls):
                                return None
                            return tuple((f.name, bool(f.init), bool(f.repr), bool(f.compare), bool(f.kw_only)) for f in dataclasses.fields(cls))
                        def elements(x):   # a set's elements in one answer (a tuple, copied when small)
                            if type(x) is not set:
                                raise TypeError(f"'{type(x).__name__}' object is not a set")
                            return tuple(x)
                        # Only classes of the owner's own code, never built-in ones (function, code, type: machinery, not capabilities).
                        own_class = lambda cls: cls if isinstance(cls, type) and cls.__module__ != 'builtins' else None
                        ops = {'describe': describe, 'type': lambda x: own_class(type(x)), 'getattr': getattr,
                               'bases': lambda cls: [b for b in cls.__bases__ if own_class(b) is not None],
                               'repr': repr, 'str': str, 'hash': hash, 'bool': bool, 'len': len,
                               'iter': iter, 'next': next, 'reversed': reversed, 'format': format, 'int': int, 'float': float,
                               'complex': complex, 'index': operator.index, 'round': round, 'neg': operator.neg,
                               'pos': operator.pos, 'abs': operator.abs, 'invert': operator.invert,
                               'contains': operator.contains, 'getitem': operator.getitem, 'setitem': operator.setitem,
                               'delitem': operator.delitem, 'eq': operator.eq, 'ne': operator.ne, 'lt': operator.lt,
                               'le': operator.le, 'gt': operator.gt, 'ge': operator.ge,
                               'enter': lambda x: type(x).__enter__(x), 'exit': lambda x, *a: type(x).__exit__(x, *a),
                               'call': lambda x, *a: x(*a), 'call_as': lambda cls, name, x, *a: getattr(cls, name)(x, *a), 'copy': copy.copy, 'deepcopy': copy.deepcopy,
                               'vars': vars, 'setattr': setattr, 'delattr': delattr,
                               'elements': elements, 'tuple': lambda x: tuple(x) if isinstance(x, tuple) else None}
                        for name in ('add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'pow', 'matmul', 'and', 'or', 'xor',
                                     'lshift', 'rshift'):
                            f = getattr(operator, name + '_' if name in ('and', 'or') else name)
                            ops[name] = f
                            ops['r' + name] = (lambda f: lambda x, y: f(y, x))(f)
                        def operate(name, target, args):
                            return ops[name](target, *args)
                        return operate
                    _yonder_operations()
                    """;

    /** The names of {@link #OWNER}'s table: any other name is refused before Python runs. */
    private static final Set<String> OPERATIONS = Set.of("describe", "type", "bases", "getattr", "repr", "str", "hash", "bool", "len", "iter", "next", "reversed", "format", "int",
                    "float", "complex", "index", "round", "neg", "pos", "abs", "invert", "contains", "getitem", "setitem", "delitem", "eq", "ne", "lt", "le",
                    "gt", "ge", "enter", "exit", "call", "call_as", "copy", "deepcopy", "vars", "setattr", "delattr", "elements", "add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor", "lshift",
                    "rshift", "radd", "rsub", "rmul", "rtruediv", "rfloordiv", "rmod", "rpow", "rmatmul", "rand", "ror", "rxor", "rlshift", "rrshift", "tuple");

    /** The dunder methods a class's protocol may be called by ({@code call_as}): those the receiver forwards. */
    private static final Set<String> PROTOCOL = Set.of("__repr__", "__str__", "__hash__", "__bool__", "__len__", "__iter__", "__next__", "__reversed__",
                    "__int__", "__float__", "__complex__", "__index__", "__neg__", "__pos__", "__abs__", "__invert__", "__enter__", "__exit__", "__format__",
                    "__contains__", "__getitem__", "__setitem__", "__delitem__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__call__",
                    "__round__", "__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__", "__pow__", "__matmul__", "__and__", "__or__",
                    "__xor__", "__lshift__", "__rshift__", "__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rfloordiv__", "__rmod__", "__rpow__",
                    "__rmatmul__", "__rand__", "__ror__", "__rxor__", "__rlshift__", "__rrshift__");

    /** The receiver's side: the base class, the dunder forwarders and the class factory. */
    private static final String CLIENT = """
                    def _yonder_objects(op, call):
                        import weakref
                        def invoke(target, name, args, kwargs):   # one INVOKE_MEMBER (EXECUTE for None), keywords too
                            return call(target, name, args, list(kwargs), list(kwargs.values()))
                        class_remote = weakref.WeakKeyDictionary()   # presented class -> the remote class
                        def remote(self):
                            if isinstance(self, type):
                                return class_remote[self]
                            return object.__getattribute__(self, '_yonder_remote')
                        def hidden(self, name):
                            if name.startswith('__'):   # the owner refuses them: its class, dict and the like are not the peer's
                                raise AttributeError(f"'{type(self).__name__}' object attribute '{name}' is read-only")
                        class _YonderRemoteObject:
                            __slots__ = ('_yonder_remote', '__weakref__')
                            def __getattr__(self, name):   # the owner's getattr: properties, class attributes, its own errors
                                if name.startswith('__'):
                                    raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
                                return op(remote(self), 'getattr', name)
                            def __setattr__(self, name, value):
                                hidden(self, name)
                                op(remote(self), 'setattr', name, value)   # the owner's rules: slots, frozen dataclasses
                            def __delattr__(self, name):
                                hidden(self, name)
                                op(remote(self), 'delattr', name)
                            def __dir__(self):
                                return sorted(set(dir(type(self))) | set(dir(remote(self))))
                            def __copy__(self):
                                return op(remote(self), 'copy')   # the owner's copy.copy: a new object there, as locally
                            def __deepcopy__(self, memo):
                                return op(remote(self), 'deepcopy')
                        # A member of the owner's enum of ints, an instance of its tuple's subclass: an int or a tuple of
                        # the same value (a constant), the rest as above.
                        def remote_value_class(name, builtin):
                            made = type(name, (builtin,), {n: _YonderRemoteObject.__dict__[n] for n in
                                        ('__module__', '__getattr__', '__setattr__', '__delattr__', '__dir__', '__copy__', '__deepcopy__')})
                            made.__qualname__ = _YonderRemoteObject.__qualname__.replace('_YonderRemoteObject', name)
                            return made
                        _YonderRemoteInt = remote_value_class('_YonderRemoteInt', int)
                        _YonderRemoteTuple = remote_value_class('_YonderRemoteTuple', tuple)
                        class _YonderRemoteDict(_YonderRemoteObject):
                            # The owner's dict of a standard subclass (defaultdict, Counter, OrderedDict): an item is read by
                            # the owner's rules (its __missing__ runs there, and writes there as locally); the rest is the
                            # foreign dict's (one scan for keys, items, len). It is the receiver's class of that name to
                            # isinstance (its __class__), not a dict subclass: a dict's own code would read empty storage.
                            __slots__ = ()
                            def __getitem__(self, key): return op(remote(self), 'getitem', key)
                            def __setitem__(self, key, value): remote(self)[key] = value
                            def __delitem__(self, key): del remote(self)[key]
                            def __len__(self): return len(remote(self))
                            def __iter__(self): return iter(remote(self))
                            def __contains__(self, key): return key in remote(self)
                            def __repr__(self): return op(remote(self), 'repr')
                            def __hash__(self): return op(remote(self), 'hash')   # the owner's TypeError: unhashable
                            def __eq__(self, other):
                                if isinstance(other, _YonderRemoteDict):
                                    other = remote(other)
                                return dict(remote(self).items()) == other if isinstance(other, dict) else NotImplemented
                            def __ne__(self, other):
                                eq = self.__eq__(other)
                                return eq if eq is NotImplemented else not eq
                            def __reduce__(self): return (dict, (dict(remote(self).items()),))
                            def keys(self): return remote(self).keys()
                            def values(self): return remote(self).values()
                            def items(self): return remote(self).items()
                            def get(self, key, default=None): return remote(self).get(key, default)
                            def setdefault(self, key, default=None): return invoke(remote(self), 'setdefault', (key, default), {})
                            def pop(self, key, *default): return invoke(remote(self), 'pop', (key,) + default, {})
                            def popitem(self): return invoke(remote(self), 'popitem', (), {})
                            def update(self, *args, **kwargs): invoke(remote(self), 'update', args, kwargs)
                            def clear(self): invoke(remote(self), 'clear', (), {})
                            def copy(self): return op(remote(self), 'copy')   # the owner's copy: a new one of its class there
                        _YonderRemoteDict._yonder_mapping = True
                        REMOTE = (_YonderRemoteObject, _YonderRemoteInt, _YonderRemoteTuple, _YonderRemoteDict)
                        class _YonderRemoteClass(type):
                            def __call__(cls, *args, **kwargs):
                                if cls not in class_remote:
                                    raise TypeError(f"cannot make a local instance of the remote class '{cls.__name__}'")
                                return invoke(class_remote[cls], None, args, kwargs)   # the owner makes it
                            def __getattr__(cls, name):
                                if name.startswith('__') or cls not in class_remote:
                                    raise AttributeError(f"type object '{cls.__name__}' has no attribute '{name}'")
                                return op(class_remote[cls], 'getattr', name)   # class attributes, classmethods, enum members
                        def unary(name):
                            return lambda self: op(remote(self), name)
                        def binary(name):
                            return lambda self, other: op(remote(self), name, other)
                        def optional(name):
                            return lambda self, arg=None: op(remote(self), name) if arg is None else op(remote(self), name, arg)
                        forwarders = {'__setitem__': lambda self, k, v: op(remote(self), 'setitem', k, v),
                                      '__exit__': lambda self, *a: op(remote(self), 'exit', *a),
                                      '__call__': lambda self, *a, **kw: invoke(remote(self), None, a, kw),
                                      '__dict__': property(lambda self: op(remote(self), 'vars')),
                                      '__round__': optional('round'), '__pow__': lambda self, other, mod=None: op(remote(self), 'pow', other)}
                        for name in ('repr', 'str', 'hash', 'bool', 'len', 'iter', 'next', 'reversed', 'int', 'float', 'complex',
                                     'index', 'neg', 'pos', 'abs', 'invert', 'enter'):
                            forwarders['__' + name + '__'] = unary(name)
                        for name in ('format', 'contains', 'getitem', 'delitem', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'add', 'sub', 'mul',
                                     'truediv', 'floordiv', 'mod', 'matmul', 'and', 'or', 'xor', 'lshift', 'rshift', 'radd', 'rsub', 'rmul',
                                     'rtruediv', 'rfloordiv', 'rmod', 'rpow', 'rmatmul', 'rand', 'ror', 'rxor', 'rlshift', 'rrshift'):
                            forwarders.setdefault('__' + name + '__', binary(name))
                        def method(qualname, name, cls):
                            def m(self, *args, **kwargs):
                                if isinstance(self, REMOTE) and getattr(type(self), name, None) is m:
                                    return invoke(remote(self), name, args, kwargs)   # one INVOKE_MEMBER
                                # Base.f(obj) or super().f() past an override, or Cls.f(local_object): the owner's Cls.f.
                                if kwargs:
                                    return op(class_remote[cls[0]], 'getattr', name)(self, *args, **kwargs)
                                return op(class_remote[cls[0]], 'call_as', name, self, *args)
                            m.__name__ = name
                            m.__qualname__ = qualname + '.' + name
                            return m
                        def namespace(module, qualname, protocol, methods, exclude=(), cls=None):
                            ns = {'__module__': module, '__qualname__': qualname}
                            for n in methods:
                                ns[n] = method(qualname, n, cls)
                            for n in protocol:
                                if n == '__hash__=None':
                                    ns['__hash__'] = None
                                elif n in forwarders and n not in exclude:
                                    f = forwarders[n]
                                    ns[n] = f if isinstance(f, property) or cls is None else guarded(n, f, cls)
                            return ns
                        def guarded(n, f, cls):
                            def g(self, *args, **kwargs):
                                if isinstance(self, REMOTE) and getattr(type(self), n, None) is g:
                                    return f(self, *args, **kwargs)
                                return op(class_remote[cls[0]], 'call_as', n, self, *args)   # Base.__repr__(obj), super().__eq__(o)
                            g.__name__ = n
                            return g
                        metaclasses = {}
                        def metaclass(module, qualname, name, protocol):
                            key = (module, qualname, protocol)
                            if key not in metaclasses:   # named as the owner's (type, EnumType), with its protocol over classes
                                ns = namespace(module, qualname, protocol, (), ('__call__', '__dict__', '__hash__', '__setattr__', '__delattr__'))
                                metaclasses[key] = type(name, (_YonderRemoteClass,), ns)
                            return metaclasses[key]
                        def present_class(target):
                            described = op(target, 'describe')
                            if described is None:
                                return None
                            if described[0] == 'exception':
                                return present_exception_class(target, *described[1:])
                            if described[0] == 'builtin':   # the owner's list, dict, int: the receiver's own
                                import builtins
                                found = getattr(builtins, described[1], None)
                                if not isinstance(found, type):
                                    return None
                                standard_classes.add(found)
                                return found
                            _, module, qualname, name, protocol, methods, meta_module, meta_qualname, meta_name, meta_protocol, based, fields, kind = described
                            made = [None]
                            ns = namespace(module, qualname, protocol, methods, (), made)
                            ns['__slots__'] = ()
                            if fields is not None:
                                ns['__dataclass_fields__'] = dataclass_fields(fields)
                            # The owner's classes among its bases are presented too (isinstance, issubclass, __mro__).
                            bases = tuple(b for b in op(target, 'bases') if isinstance(b, type)) if based else ()
                            base = {'int': _YonderRemoteInt, 'tuple': _YonderRemoteTuple, 'dict': _YonderRemoteDict}.get(kind, _YonderRemoteObject)
                            if kind == 'dict':
                                # isinstance(x, dict) and isinstance(x, defaultdict) hold through __class__: the receiver's
                                # class of the owner's module and name when it has imported it, else dict.
                                standard = standard_class(module, qualname, dict) or dict
                                ns['__class__'] = property(lambda self: standard)
                            if kind is not None:
                                del ns['__slots__']   # an int's or tuple's subclass keeps the reference in its __dict__ (no slots beside theirs)
                            cls = metaclass(meta_module, meta_qualname, meta_name, meta_protocol)(name, bases or (base,), ns)
                            made[0] = cls
                            class_remote[cls] = target
                            return cls
                        def dataclass_fields(facts):
                            # The dataclasses module's own Field objects, made from the owner's facts (no code crosses):
                            # fields(), asdict(), astuple(), replace() and is_dataclass() read them; values are the owner's.
                            import dataclasses
                            out = {}
                            for name, init, rep, compare, kw_only in facts:
                                f = dataclasses.field(init=init, repr=rep, compare=compare, kw_only=kw_only)
                                f.name = name
                                f._field_type = dataclasses._FIELD
                                out[name] = f
                            return out
                        exception_remote = weakref.WeakKeyDictionary()   # presented exception -> the remote one
                        def exception_getattr(self, key):   # attributes the owner's __init__ set (e.code)
                            target = exception_remote.get(self)
                            if key.startswith('__') or target is None:
                                raise AttributeError(f"'{type(self).__name__}' object has no attribute '{key}'")
                            return op(target, 'getattr', key)
                        standard_classes = set()   # standard exception classes given for remote ones: the receiver's own
                        def standard_class(module, qualname, root):
                            # A class of the standard library (json.JSONDecodeError, collections.defaultdict) is the
                            # receiver's own class of that name, when the receiver has imported its module.
                            import sys
                            if module.split('.')[0] not in getattr(sys, 'stdlib_module_names', ()) or module not in sys.modules:
                                return None
                            found = sys.modules[module]
                            for part in qualname.split('.'):
                                found = getattr(found, part, None)
                            return found if isinstance(found, type) and issubclass(found, root) else None
                        def standard_exception(module, qualname):
                            return standard_class(module, qualname, BaseException)
                        def present_exception_class(target, module, qualname, name, builtin_bases, based):
                            standard = standard_exception(module, qualname)
                            if standard is not None:
                                standard_classes.add(standard)
                                return standard
                            import builtins
                            bases = tuple(b for b in op(target, 'bases') if isinstance(b, type)) if based else ()
                            bases += tuple(getattr(builtins, n) for n in builtin_bases if isinstance(getattr(builtins, n, None), type))
                            ns = {'__module__': module, '__qualname__': qualname, '__getattr__': exception_getattr}
                            cls = metaclass('builtins', 'type', 'type', ())(name, bases or (Exception,), ns)
                            class_remote[cls] = target
                            return cls
                        def instance(cls, target):
                            if issubclass(cls, _YonderRemoteInt):
                                o = int.__new__(cls, op(target, 'int'))
                            elif issubclass(cls, _YonderRemoteTuple):
                                o = tuple.__new__(cls, op(target, 'tuple'))   # its elements, in one GUEST_OPERATION
                            else:
                                o = object.__new__(cls)
                            object.__setattr__(o, '_yonder_remote', target)
                            return o
                        def exception(cls, target, args, note):
                            # The owner's __init__ ran there: the local one is not run again, args are the owner's.
                            e = cls.__new__(cls, *tuple(args))
                            e.args = tuple(args)
                            exception_remote[e] = target
                            if cls in standard_classes:   # no attribute forwarding: the attributes its __init__ set, copied
                                for k, v in dict(op(target, 'vars')).items():
                                    if not k.startswith('__'):
                                        setattr(e, k, v)
                            if note:
                                e.add_note('remote traceback (innermost first):\\n' + note)
                            return e
                        import collections.abc
                        class RemoteSet(_YonderRemoteObject):
                            # The owner's set: read and changed there; what makes a new set (|, &, union, copy) makes a
                            # local one from its elements (one GUEST_OPERATION elements), as a local set's would.
                            __slots__ = ()
                            __hash__ = None
                            __class__ = property(lambda self: set)   # a set to isinstance, with no set storage of its own
                            def __len__(self): return op(remote(self), 'len')
                            def __contains__(self, x): return op(remote(self), 'contains', x)
                            def __iter__(self): return iter(elements(self))
                            def __repr__(self): return op(remote(self), 'repr')
                            def __str__(self): return op(remote(self), 'str')
                            def __copy__(self): return elements(self)
                            def __deepcopy__(self, memo):
                                import copy
                                return copy.deepcopy(elements(self), memo)
                            def __reduce__(self): return (set, (list(elements(self)),))
                            def add(self, x): invoke(remote(self), 'add', (x,), {})
                            def discard(self, x): invoke(remote(self), 'discard', (x,), {})
                            def remove(self, x): invoke(remote(self), 'remove', (x,), {})
                            def pop(self): return invoke(remote(self), 'pop', (), {})
                            def clear(self): invoke(remote(self), 'clear', (), {})
                            def copy(self): return elements(self)
                        def elements(s):
                            return set(op(remote(s), 'elements'))
                        def local(other):
                            return elements(other) if isinstance(other, RemoteSet) else other
                        def compare(f):
                            def c(self, other):
                                o = local(other)
                                return f(elements(self), o) if isinstance(o, (set, frozenset)) else NotImplemented
                            return c
                        import operator
                        for n, f in (('__eq__', operator.eq), ('__ne__', operator.ne), ('__le__', operator.le), ('__lt__', operator.lt),
                                     ('__ge__', operator.ge), ('__gt__', operator.gt), ('__or__', operator.or_), ('__and__', operator.and_),
                                     ('__sub__', operator.sub), ('__xor__', operator.xor)):
                            setattr(RemoteSet, n, compare(f))
                        for n, f in (('__ror__', operator.or_), ('__rand__', operator.and_), ('__rsub__', operator.sub), ('__rxor__', operator.xor)):
                            setattr(RemoteSet, n, (lambda f: lambda self, other: f(local(other), elements(self)) if isinstance(other, (set, frozenset)) else NotImplemented)(f))
                        for n, m in (('__ior__', 'update'), ('__iand__', 'intersection_update'), ('__isub__', 'difference_update'),
                                     ('__ixor__', 'symmetric_difference_update')):
                            def inplace(self, other, m=m):
                                if not isinstance(other, (set, frozenset, RemoteSet)):
                                    return NotImplemented
                                invoke(remote(self), m, (local(other),), {})
                                return self
                            setattr(RemoteSet, n, inplace)
                        for m in ('update', 'intersection_update', 'difference_update', 'symmetric_difference_update'):
                            setattr(RemoteSet, m, (lambda m: lambda self, *others: invoke(remote(self), m, tuple(local(o) for o in others), {}))(m))
                        for m in ('union', 'intersection', 'difference', 'symmetric_difference', 'issubset', 'issuperset', 'isdisjoint'):
                            setattr(RemoteSet, m, (lambda m: lambda self, *others: getattr(set, m)(elements(self), *(local(o) for o in others)))(m))
                        RemoteSet.__name__ = RemoteSet.__qualname__ = 'set'
                        RemoteSet.__module__ = 'builtins'
                        collections.abc.MutableSet.register(RemoteSet)
                        def remote_set(target):
                            return instance(RemoteSet, target)
                        def remote_generator(target):
                            # The owner's generator as a generator of the receiver's that delegates to it, as `yield from`
                            # does: each step is one call of its send (next is send(None)), throw or close, on the owner.
                            def delegate():
                                how, arg = 'send', None
                                while True:
                                    try:
                                        x = invoke(target, how, (arg,), {})
                                    except StopIteration as e:
                                        return e.args[0] if e.args else None
                                    try:
                                        arg, how = (yield x), 'send'
                                    except GeneratorExit:
                                        invoke(target, 'close', (), {})
                                        raise
                                    except BaseException as e:
                                        how, arg = 'throw', e
                            return delegate()
                        return present_class, instance, exception, remote_set, lambda c: c in standard_classes, remote_generator
                    _yonder_objects
                    """;

    /** Built-in types by their meta-object's simple name: these stay GraalPy's foreign kinds, with no describe asked. */
    private static final Set<String> BUILTIN = Set.of("list", "dict", "set", "frozenset", "tuple", "str", "bytes", "bytearray", "int", "float", "complex",
                    "bool", "range", "memoryview", "generator", "coroutine", "async_generator", "module", "NoneType", "object", "type", "slice",
                    "function", "method", "builtin_function_or_method", "property", "staticmethod", "classmethod", "cell", "code", "frame");

    private static final Object NOT_PRESENTED = new Object();

    private final Env env;
    private final Presentations presentations;
    /** Per session (weakly) and remote type: the Python class its instances are presented as, or NOT_PRESENTED. */
    private final Map<Object, Map<Shape, Object>> classes = new WeakHashMap<>();
    private Object factory;
    private Object owner;

    PythonObjects(Env env, Presentations presentations) {
        this.env = env;
        this.presentations = presentations;
    }

    /** Whether a remote object may be an instance of one of the owner's Python classes (answered from its shape). */
    static boolean mayPresent(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.PYTHON) && !shape.has(Shape.META_OBJECT | Shape.EXCEPTION | Shape.HASH) && shape.metaSimpleName() != null &&
                        !BUILTIN.contains(shape.metaSimpleName());
    }

    /**
     * Whether a remote object may be a dict of a standard library's subclass of {@code dict} (a {@code defaultdict}, a
     * {@code Counter}, an {@code OrderedDict}; answered from its shape): presented, when the owner describes its class so,
     * as an object of the class presented for it, which reads items by the owner's rules (see {@code _YonderRemoteDict}).
     */
    static boolean mayPresentMapping(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.PYTHON) && shape.has(Shape.HASH) && !shape.has(Shape.META_OBJECT | Shape.EXCEPTION) && shape.metaSimpleName() != null &&
                        !BUILTIN.contains(shape.metaSimpleName());
    }

    /** Whether a remote object is a Python {@code set} of the owner's (not a subclass: those stay foreign). */
    static boolean isSet(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.PYTHON) && !shape.has(Shape.META_OBJECT | Shape.HASH | Shape.ARRAY) && "set".equals(shape.metaSimpleName());
    }

    /**
     * The owner's set as an object of a class of this context's named {@code set} (GraalPy shows it as a foreign
     * iterable: no {@code len}, no operators, {@code == {1, 2}} false): its size, membership, {@code repr} and changes
     * ({@code add}, {@code |=}, {@code update}) are the owner's; iterating it, comparing it and what makes a new set
     * ({@code |}, {@code &}, {@code union}, {@code copy}) use its elements, fetched in one GUEST_OPERATION. It is a
     * {@code collections.abc.MutableSet}, and a {@code set} to {@code isinstance} through its {@code __class__}, but not a
     * subclass of {@code set}: that would
     * have empty storage of its own, which {@code set}'s own code reads.
     */
    @TruffleBoundary
    Object presentSet(Proxy remote) {
        return presentations.of(remote, r -> call(factory(3), r));
    }

    /** Whether a remote object is a generator of the owner's Python code (what calling a function with {@code yield} returns). */
    static boolean isGenerator(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.PYTHON) && "generator".equals(shape.metaSimpleName()) && !shape.has(Shape.META_OBJECT);
    }

    /**
     * The owner's generator as a generator of this context's ({@code type(g).__name__} is {@code generator}) that
     * delegates to it: each step is one call of the owner's {@code send} ({@code next} is {@code send(None)}),
     * {@code throw} or {@code close}, and its end is the owner's {@code StopIteration} with its value.
     */
    @TruffleBoundary
    Object presentGenerator(Proxy remote) {
        return presentations.of(remote, r -> call(factory(5), r));
    }

    /** Whether a remote object may be one of the owner's Python classes (answered from its shape). */
    static boolean mayPresentClass(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.PYTHON) && shape.has(Shape.META_OBJECT) && !shape.has(Shape.EXCEPTION) && shape.ownSimpleName() != null;
    }

    /** An instance of one of the owner's classes, as an instance of the class presented for its class. */
    @TruffleBoundary
    Object present(Proxy remote) {
        Object cls = classOf(remote);
        if (cls == NOT_PRESENTED) {
            return remote;
        }
        return presentations.of(remote, r -> call(factory(1), cls, r));
    }

    /**
     * One of the owner's classes as a class of this context's (one per remote class, asked once: describe), or the
     * remote class itself when it is of a built-in kind.
     */
    @TruffleBoundary
    Object presentClass(Proxy remote) {
        Object cls = presentations.of(remote, r -> {
            Object made = call(factory(0), r);
            return InteropLibrary.getUncached().isNull(made) ? r : made;
        });
        if (cls != remote && Boolean.TRUE.equals(call(factory(4), cls))) {
            // A standard exception class is the receiver's own: sent back, it stays the receiver's.
            presentations.forget(cls);
        }
        return cls;
    }

    /**
     * A remote exception of the owner's Python code as an instance of its presented class (a subclass of the
     * receiver's built-in classes of the owner's built-in bases: {@code except ValueError} and {@code except AppError}
     * catch it), with the owner's args and its frames as a note; null when its class is a built-in one.
     */
    @TruffleBoundary
    Object exception(Proxy remote, Object args, String frames) {
        Object cls = remote.shape().has(Shape.PYTHON) ? classOf(remote) : NOT_PRESENTED;
        if (cls == NOT_PRESENTED) {
            return null;
        }
        return call(factory(2), cls, remote, args, frames == null || frames.isEmpty() ? new PythonCallables.Nothing() : frames);
    }

    /** An exception value (returned or read, not raised) presented by {@code make}, once per remote exception. */
    Object presentException(Proxy remote, java.util.function.Function<Proxy, Object> make) {
        return presentations.of(remote, make);
    }

    /**
     * The presented class of an instance's remote type: asked once per session and shape (GUEST_OPERATION type), whose
     * variant tells same-named classes apart.
     */
    private Object classOf(Proxy remote) {
        boolean shared = remote.shape().variant() != Shape.UNSHARED;   // else one of many same-named classes: asked per object
        synchronized (classes) {
            Object known = classes.computeIfAbsent(remote.owner(), s -> new HashMap<>()).get(remote.shape());
            if (known != null && shared) {
                return known;
            }
        }
        Object type = GuestOperations.apply(null, remote, "type");
        if (type instanceof Proxy remoteClass && mayPresentClass(remoteClass)) {
            type = presentClass(remoteClass);
        }
        Object cls = type instanceof Proxy || InteropLibrary.getUncached().isNull(type) ? NOT_PRESENTED : type;
        synchronized (classes) {
            Object raced = shared ? classes.get(remote.owner()).putIfAbsent(remote.shape(), cls) : null;
            return raced != null ? raced : cls;
        }
    }

    /** The client's Python functions: 0 present_class(remote), 1 instance(cls, remote), 2 exception(cls, remote, args, note), 3 remote_set(remote), 4 is_standard(cls), 5 remote_generator(remote). */
    private Object factory(int which) {
        if (factory == null) {
            Object make = eval(CLIENT);
            factory = call(make, GuestOperation.FUNCTION, new GuestFunction("call", 5, PythonObjects::invoke));
        }
        try {
            return InteropLibrary.getUncached().readArrayElement(factory, which);
        } catch (InteropException e) {
            throw YonderError.create("cannot present a remote Python object: " + e.getMessage());
        }
    }

    /** On the owner: the Python operation {@code name} applied to {@code target} (see {@link #OWNER}). */
    @TruffleBoundary
    Object operate(Object target, String name, Object[] args) throws InteropException {
        if (!OPERATIONS.contains(name) || !"python".equals(Receivers.ownerLanguage(target))) {
            throw UnsupportedMessageException.create();
        }
        if (name.equals("call_as") && (args.length < 2 || !(args[0] instanceof String method) || Exposure.isHidden(method) && !PROTOCOL.contains(method))) {
            // A class's own method or protocol (its __repr__, __eq__, ...) on an object, never __init__, __class__ and the like.
            throw UnknownIdentifierException.create(args.length > 0 ? String.valueOf(args[0]) : "");
        }
        if ((name.equals("setattr") || name.equals("delattr") || name.equals("getattr")) && (args.length == 0 || !(args[0] instanceof String attribute) || Exposure.isHidden(attribute))) {
            // Only the object's own attributes: never __class__, __dict__ and the like (as for WRITE_MEMBER).
            throw UnknownIdentifierException.create(args.length > 0 ? String.valueOf(args[0]) : "");
        }
        if (owner == null) {
            owner = eval(OWNER);
        }
        return InteropLibrary.getUncached().execute(owner, name, target, new PythonCallables.Values(args));
    }

    /** The receiver's {@code call(remote, name or None, args, keyword names, keyword values)}: one INVOKE_MEMBER or EXECUTE. */
    @TruffleBoundary
    private static Object invoke(Object[] arguments) {
        try {
            InteropLibrary interop = InteropLibrary.getUncached();
            Object[] args = PythonCallables.withKeywords(arguments[2], arguments[3], arguments[4]);
            return interop.isNull(arguments[1]) ? interop.execute(arguments[0], args) : interop.invokeMember(arguments[0], interop.asString(arguments[1]), args);
        } catch (InteropException e) {
            throw YonderError.create("cannot call the remote object: " + e.getMessage());
        }
    }

    private static Object call(Object function, Object... args) {
        return GuestFunction.call("cannot present a remote Python object", function, args);
    }

    private Object eval(String code) {
        return env.parsePublic(Source.newBuilder("python", code, "yonder_objects.py").internal(true).build()).call();
    }
}
