package org.yonder.language.present;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.Keywords;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;

/**
 * Keyword arguments across the wire, both ends. A Python client gets a remote Python function or method as a
 * callable of its own (a subclass of {@code _YonderRemoteCallable} named as the owner's kind, {@code function} or
 * {@code method}) that takes keyword arguments, since GraalPy refuses them for a
 * foreign executable: without them it calls the remote object as before; with them it sends them as the call's last
 * argument ({@link Keywords}). Other attributes are read from the remote object. On the owner,
 * {@link #call} runs {@code f(*args, **kwargs)} (or {@code getattr(obj, name)(...)}) in Python.
 */
final class PythonCallables {
    /** Meta-object names of the owner's Python callables (not classes: a class stays a foreign class). */
    private static final Set<String> CALLABLES = Set.of("function", "method", "builtin_function_or_method");

    private static final String CLIENT = """
                    def _yonder_callable(kwcall, op):
                        class _YonderRemoteCallable:
                            __slots__ = ('_yonder_remote',)
                            def __init__(self, remote):
                                object.__setattr__(self, '_yonder_remote', remote)
                            def __call__(self, *args, **kwargs):
                                remote = object.__getattribute__(self, '_yonder_remote')
                                if not kwargs:
                                    return remote(*args)
                                return kwcall(remote, args, list(kwargs.keys()), list(kwargs.values()))
                            def __getattr__(self, name):
                                try:
                                    return getattr(object.__getattribute__(self, '_yonder_remote'), name)
                                except AttributeError:
                                    raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'") from None
                            # Equal and hashed by the owner's rules (one round trip each, as RPyC's netrefs): two reads of
                            # obj.method are equal there, so a callback registered with one is removed with the other.
                            def __eq__(self, other):
                                if not isinstance(other, _YonderRemoteCallable):
                                    return NotImplemented
                                a, b = object.__getattribute__(self, '_yonder_remote'), object.__getattribute__(other, '_yonder_remote')
                                return a is b or bool(op(a, 'eq', b))
                            def __hash__(self):
                                return op(object.__getattribute__(self, '_yonder_remote'), 'hash')
                            def __repr__(self):
                                return str(object.__getattribute__(self, '_yonder_remote'))   # the owner's display string
                            __str__ = __repr__
                        kinds = {}
                        def kind(name):   # named as the owner's kind (function, method), as PyPy's proxies faked theirs
                            if name not in kinds:
                                kinds[name] = type(name, (_YonderRemoteCallable,), {'__slots__': (), '__module__': 'builtins', '__qualname__': name})
                            return kinds[name]
                        return kind
                    _yonder_callable
                    """;

    private static final String OWNER = """
                    def _yonder_kwcall(target, member, args, names, values):
                        f = target if member is None else getattr(target, member)
                        return f(*args, **dict(zip(names, values)))
                    _yonder_kwcall
                    """;

    private final Env env;
    private final Presentations presentations;
    private Object wrapperClass;
    private Object ownerCall;

    PythonCallables(Env env, Presentations presentations) {
        this.env = env;
        this.presentations = presentations;
    }

    /** Whether a remote object is a Python function or method of the owner's. */
    static boolean isCallable(Proxy remote) {
        Shape shape = remote.shape();
        return shape.has(Shape.EXECUTABLE) && !shape.has(Shape.META_OBJECT) && shape.metaSimpleName() != null && CALLABLES.contains(shape.metaSimpleName());
    }

    @TruffleBoundary
    Object present(Proxy remote) {
        return presentations.of(remote, this::make);
    }

    private Object make(Proxy remote) {
        try {
            if (wrapperClass == null) {
                Object factory = eval(CLIENT);
                wrapperClass = InteropLibrary.getUncached().execute(factory, new GuestFunction("kwcall", 4, PythonCallables::kwcall), GuestOperation.FUNCTION);
            }
            Object kind = InteropLibrary.getUncached().execute(wrapperClass, remote.shape().metaSimpleName());
            return InteropLibrary.getUncached().execute(kind, remote);
        } catch (InteropException e) {
            throw YonderError.create("cannot present a remote Python callable: " + e.getMessage());
        }
    }

    /** On the owner: {@code target(*positional, **keywords)}, or its member {@code member} called so. */
    @TruffleBoundary
    Object call(Object target, String member, Object[] positional, Keywords keywords) throws InteropException {
        if (ownerCall == null) {
            ownerCall = eval(OWNER);
        }
        return InteropLibrary.getUncached().execute(ownerCall, target, member == null ? new Nothing() : member, new Values(positional),
                        new Values(keywords.names().toArray()), new Values(keywords.values().toArray()));
    }

    private Object eval(String code) {
        return env.parsePublic(Source.newBuilder("python", code, "yonder_callables.py").internal(true).build()).call();
    }

    /** The client's way to call a remote object with keyword arguments: {@code kwcall(remote, args, names, values)}. */
    @TruffleBoundary
    private static Object kwcall(Object[] arguments) {
        try {
            return InteropLibrary.getUncached().execute(arguments[0], withKeywords(arguments[1], arguments[2], arguments[3]));
        } catch (InteropException e) {
            throw YonderError.create("cannot call with keyword arguments: " + e.getMessage());
        }
    }

    /** A call's interop arguments from guest lists: the positional ones, then the keywords (if any) as one Keywords. */
    static Object[] withKeywords(Object positional, Object names, Object values) throws InteropException {
        List<Object> args = elements(positional);
        List<String> keywordNames = new ArrayList<>();
        for (Object n : elements(names)) {
            keywordNames.add(InteropLibrary.getUncached().asString(n));
        }
        if (!keywordNames.isEmpty()) {
            args.add(new Keywords(keywordNames, elements(values)));
        }
        return args.toArray();
    }

    private static List<Object> elements(Object array) throws InteropException {
        InteropLibrary interop = InteropLibrary.getUncached(array);
        List<Object> out = new ArrayList<>();
        long n = interop.getArraySize(array);
        for (long i = 0; i < n; i++) {
            out.add(interop.readArrayElement(array, i));
        }
        return out;
    }

    /** Python's None for the owner's helper (an interop null). */
    @ExportLibrary(InteropLibrary.class)
    static final class Nothing implements TruffleObject {
        @ExportMessage
        boolean isNull() {
            return true;
        }
    }

    /** A read-only interop array of the call's arguments, for the owner's helper. */
    @ExportLibrary(InteropLibrary.class)
    static final class Values implements TruffleObject {
        final Object[] values;

        Values(Object[] values) {
            this.values = Arrays.copyOf(values, values.length);
        }

        @ExportMessage
        boolean hasArrayElements() {
            return true;
        }

        @ExportMessage
        long getArraySize() {
            return values.length;
        }

        @ExportMessage
        boolean isArrayElementReadable(long index) {
            return index >= 0 && index < values.length;
        }

        @ExportMessage
        Object readArrayElement(long index) throws com.oracle.truffle.api.interop.InvalidArrayIndexException {
            if (index < 0 || index >= values.length) {
                throw com.oracle.truffle.api.interop.InvalidArrayIndexException.create(index);
            }
            return values[(int) index];
        }
    }
}
