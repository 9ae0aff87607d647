package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.BigIntegerValue;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.YonderNull;
import org.yonder.objspace.wire.Tag;

/**
 * Python's own kinds for values that arrive as stand-ins: a tuple, bytes, a frozenset or a range, copied as an immutable
 * array (tags TUPLE, BYTES, FROZENSET, RANGE), is a tuple, bytes, a frozenset or a range again for Python code ({@code t == (1, 2, 3)},
 * {@code type(t) is tuple}, {@code b.decode()}, {@code hash(fs)}); a null is {@code None} (not GraalPy's
 * {@code ForeignNone}); an integer beyond 64 bits (a Python {@code int}, a JS BigInt; both are copied) is an
 * {@code int}, not a {@code ForeignNumber}. Only for a Python receiver: a tuple made for a
 * JS client would start Python in a context that never used it.
 */
final class PythonNatives {
    private final Env env;
    private volatile Object toTuple;
    private volatile Object toBytes;
    private volatile Object toFrozenset;
    private volatile Object toRange;
    private volatile Object none;
    private volatile Object toInt;

    /** The shapes of remote lists and dicts whose GraalPy foreign class {@link #copyable} registered. */
    private final java.util.Set<org.yonder.objspace.marshal.Shape> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Object register;

    PythonNatives(Env env) {
        this.env = env;
    }

    /**
     * A remote list or dict stays GraalPy's foreign kind ({@code isinstance(x, list)} holds, and it stays live), which
     * {@code copy} and {@code pickle} refuse ("cannot pickle 'ForeignList' object"). Its foreign class gets a reduction
     * in {@code copyreg} (once per shape): {@code copy.copy} makes a local list or dict of its elements,
     * {@code copy.deepcopy} a local copy all the way down, as for a local one. GraalPy keeps one foreign class per set
     * of interop traits, so other foreign lists and dicts of the same traits (a Java list) copy the same way.
     */
    @TruffleBoundary
    Object copyable(org.yonder.objspace.marshal.Proxy remote) {
        if (registered.add(remote.shape())) {
            jsonReady();
            Object r = register;
            if (r == null) {
                r = register = eval(REGISTER);
            }
            try {
                InteropLibrary.getUncached().execute(r, remote);
            } catch (InteropException e) {
                throw YonderError.create("cannot make a remote list or dict copyable: " + e.getMessage());
            }
        }
        return remote;
    }

    private static final String REGISTER = """
                    def _yonder_copyable():
                        import copyreg
                        def as_list(x):
                            return (list, (list(x),))
                        def as_dict(x):
                            return (dict, (dict(x.items()),))
                        def register(x):
                            t = type(x)
                            if t not in copyreg.dispatch_table:
                                if isinstance(x, dict):
                                    copyreg.pickle(t, as_dict)
                                elif isinstance(x, list):
                                    copyreg.pickle(t, as_list)
                        return register
                    _yonder_copyable()
                    """;

    /**
     * GraalPy's JSON encoder writes only its own lists and dicts, and hands anything else to the encoder's
     * {@code default}, which refuses a foreign list ("Object of type ForeignList is not JSON serializable"). Python's own
     * {@code JSONEncoder.default} is wrapped once (when the first remote list, dict or tuple is presented) so that a
     * foreign list, tuple or dict is encoded as the list or dict it is to {@code isinstance}, a foreign None as null and a
     * foreign number as its number; anything else goes to the default it wrapped. Encoders with a {@code default} of
     * their own that does not call {@code super().default} are left as they are.
     */
    private static final String JSON = """
                    def _yonder_json():
                        import json, operator
                        plain = json.JSONEncoder.default
                        if getattr(plain, '_yonder', False):
                            return None
                        def default(self, o):
                            t = type(o)
                            if getattr(t, '_yonder_mapping', False):   # a presented defaultdict, Counter, OrderedDict
                                return dict(o.items())
                            if t.__module__ == 'polyglot' and t.__name__.startswith('Foreign'):
                                if isinstance(o, dict):
                                    return dict(o.items())
                                if isinstance(o, (list, tuple)):
                                    return list(o)
                                if t.__name__ == 'ForeignNone':
                                    return None
                                if t.__name__ == 'ForeignNumber':
                                    try:
                                        return operator.index(o)
                                    except TypeError:
                                        return float(o)
                            return plain(self, o)
                        default._yonder = True
                        default.__doc__ = plain.__doc__
                        json.JSONEncoder.default = default
                        return None
                    _yonder_json()
                    """;

    /**
     * An async call's future as a Python awaitable (for asyncio: {@code await}, {@code asyncio.gather}) that keeps
     * {@code get()} and has {@code done()}, {@code call(member, *args)} (pipelined) and {@code cancel()}. While the answer has not come it lets the loop's other tasks run and
     * serves this context's queued requests (callbacks) now and then; the answer itself is read by whichever thread
     * reads the session, so asyncio's own wait needs nothing from Yonder.
     */
    private static final String AWAITABLE = """
                    def _yonder_awaitable():
                        import asyncio, polyglot
                        class AsyncCall:
                            '''An asynchronous remote call: await it in asyncio, or get() its value (waiting for it).'''
                            __slots__ = ('_future',)
                            def __init__(self, future):
                                self._future = future
                            def get(self):
                                return self._future.get()
                            def done(self):
                                return self._future.isDone()
                            def call(self, member, *args):
                                '''Calls member on the answer-to-be at once (pipelined); gives that call's AsyncCall.'''
                                return AsyncCall(self._future.call(member, *args))
                            def cancel(self):
                                '''Gives the call up and tells its owner; awaiting it raises the cancellation.'''
                                self._future.cancel()
                                return self
                            def __await__(self):
                                return self._wait().__await__()
                            async def _wait(self):
                                delay = 0
                                while not self._future.isDone():
                                    polyglot.eval(language='yonder', string='poll')
                                    await asyncio.sleep(delay)
                                    delay = min(delay * 2 or 0.0001, 0.002)
                                return self._future.get()
                            def __repr__(self):
                                return '<yonder async call (%s)>' % ('done' if self.done() else 'pending')
                        return AsyncCall
                    _yonder_awaitable()
                    """;
    private Object asyncCall;

    /** See {@link #AWAITABLE}. */
    @TruffleBoundary
    Object awaitable(Object future) {
        try {
            if (asyncCall == null) {
                asyncCall = eval(AWAITABLE);
            }
            return InteropLibrary.getUncached().execute(asyncCall, future);
        } catch (InteropException e) {
            throw YonderError.create("cannot make a Python awaitable: " + e.getMessage());
        }
    }

    private volatile boolean jsonReady;

    /** Installs {@link #JSON} once. */
    private void jsonReady() {
        if (!jsonReady) {
            jsonReady = true;
            eval(JSON);
        }
    }

    @TruffleBoundary
    Object present(Object value) {
        try {
            if (value instanceof ImmutableArray array && array.tag() == Tag.RANGE) {
                long[] r = array.rangeArguments();
                Object make = toRange != null ? toRange : (toRange = eval("range"));
                return InteropLibrary.getUncached().execute(make, r[0], r[1], r[2]);
            }
            if (value instanceof ImmutableArray array && array.isPythonKind()) {
                jsonReady();
                Object make = maker(array.tag());
                Object[] elements = new Object[array.size()];
                for (int i = 0; i < elements.length; i++) {
                    Object e = array.get(i);
                    elements[i] = e instanceof ImmutableArray || e instanceof BigIntegerValue ? present(e) : e;   // a tuple of tuples
                }
                return InteropLibrary.getUncached().execute(make, new ImmutableArray(elements));
            }
            if (value instanceof YonderNull) {
                Object n = none;
                if (n == null) {
                    n = none = eval("None");
                }
                return n;
            }
            if (value instanceof BigIntegerValue big) {
                Object make = toInt;
                if (make == null) {
                    make = toInt = eval("int");
                }
                return InteropLibrary.getUncached().execute(make, big.value().toString());
            }
            return value;
        } catch (InteropException e) {
            throw YonderError.create("cannot make a Python value: " + e.getMessage());
        }
    }

    /** tuple, bytes or frozenset, by the wire tag the value came with. */
    private Object maker(int tag) {
        return switch (tag) {
            case Tag.BYTES -> toBytes != null ? toBytes : (toBytes = eval("bytes"));
            case Tag.FROZENSET -> toFrozenset != null ? toFrozenset : (toFrozenset = eval("frozenset"));
            default -> toTuple != null ? toTuple : (toTuple = eval("tuple"));
        };
    }

    private Object eval(String code) {
        return env.parsePublic(Source.newBuilder("python", code, "yonder_natives.py").internal(true).build()).call();
    }
}
