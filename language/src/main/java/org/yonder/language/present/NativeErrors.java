package org.yonder.language.present;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.EncapsulatingNodeReference;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.marshal.YonderNull;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.remote.RemoteException;

/**
 * Remote guest exceptions thrown as the calling guest's own exceptions ("builtin exceptions are transferred by
 * name", seed 000): a JS caller catches an instance of its own built-in Error class of the same name
 * ({@code e instanceof RangeError}), with the remote error's own enumerable members copied; a Python caller an instance of a
 * subclass of its own built-in exception class ({@code except ValueError}), or of {@code Exception} where it has no
 * built-in class of that name, named as the remote class, with the remote {@code args} and the remote's other
 * attributes read on demand. The owner's frames come first in the stack (in Python, as a note),
 * then the caller's. JS callers catch a thrown plain object ({@code throw {code: 42}}) as a plain JS object of their own
 * (a record, see {@link JsRecords}), not an Error, and other thrown values (a string, an instance of a class of the
 * owner's) as the remote value itself; other callers (Java, uncached interop) always get the {@link RemoteException}. The remote exception stays reachable
 * ({@link #remoteOf}) for {@code stackOf}.
 */
public final class NativeErrors {
    /** JS's built-in error classes, which a JS caller gets for remote errors of the same class name. */
    private static final java.util.Set<String> JS_ERRORS = java.util.Set.of("Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError");

    private static final Map<Object, RemoteException> PRESENTED = Collections.synchronizedMap(new WeakHashMap<>());

    private static final String JS = """
                    (function (remote, name, message, remoteStack, ownKeys, args, proto) {
                      const natives = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };
                      const C = natives[name];
                      const e = message === null ? new C() : new C(message);
                      if (ownKeys) {
                        for (const k of Object.keys(remote)) {
                          if (k !== 'message' && k !== 'stack' && (k !== 'name' || proto !== null)) e[k] = remote[k];
                        }
                      }
                      if (proto !== null) Object.setPrototypeOf(e, proto);   // an error class of the owner's (JsObjects)
                      const local = String(e.stack).split('\\n').filter(l => /^\\s+at /.test(l));
                      e.stack = String(e) + (remoteStack ? '\\n' + remoteStack : '') + (local.length ? '\\n' + local.join('\\n') : '');
                      return e;
                    })
                    """;

    /**
     * A subclass of the built-in class of the remote class's name (so {@code except ValueError} catches it and
     * {@code type(e).__name__} is the remote name), whose missing attributes are read from the remote exception
     * ({@code e.code} of a custom exception).
     */
    private static final String PYTHON = """
                    def _yonder_native_error(remote, name, message, remote_stack, own_keys, remote_args):
                        import builtins
                        base = getattr(builtins, name, None)
                        if not (isinstance(base, type) and issubclass(base, BaseException)):
                            base = {'RangeError': ValueError, 'ReferenceError': NameError}.get(name, Exception)
                        def missing(self, key):   # as a local exception says it (GraalPy's says "foreign object")
                            return AttributeError(f"'{name}' object has no attribute '{key}'", name=key, obj=self)
                        def __getattr__(self, key):
                            if key.startswith('__'):
                                raise missing(self, key)
                            try:
                                return getattr(remote, key)
                            except AttributeError as e:
                                if str(e).startswith('foreign object has no attribute'):
                                    raise missing(self, key) from None
                                raise
                        cls = type(name, (base,), {'__getattr__': __getattr__, '__module__': base.__module__, '__qualname__': name})
                        args = (message,) if message is not None else ()
                        if remote_args is not None:
                            try:
                                args = tuple(remote_args)
                            except BaseException:
                                pass
                        try:
                            e = cls(*args)
                        except BaseException:
                            e = Exception(*args)
                        if remote_stack:
                            e.add_note('remote traceback (innermost first):\\n' + remote_stack)
                        return e
                    _yonder_native_error
                    """;

    /**
     * Yonder's own errors in Python (a refused request, a limit, a lost connection): instances of {@code yonder.YonderError},
     * a {@code RuntimeError} (its subclass {@code yonder.PeerDisconnected} also a {@code ConnectionError}), so that
     * {@code except Exception} catches them as it catches any error of a Python library.
     */
    private static final String PYTHON_YONDER_ERRORS = """
                    class YonderError(RuntimeError):
                        pass
                    class PeerDisconnected(YonderError, ConnectionError):
                        pass
                    YonderError.__module__ = PeerDisconnected.__module__ = 'yonder'
                    (YonderError, PeerDisconnected)
                    """;

    private volatile Object pythonYonderErrors;

    /** A Python {@code yonder.YonderError} with the same message, thrown in place of {@code thrown}. */
    private RuntimeException pythonYonderError(org.yonder.objspace.YonderError thrown, Node location) {
        try {
            Object classes = pythonYonderErrors;
            if (classes == null) {
                classes = pythonYonderErrors = env.parsePublic(Source.newBuilder("python", PYTHON_YONDER_ERRORS, "yonder_errors_own.py").internal(true).build()).call();
            }
            InteropLibrary interop = InteropLibrary.getUncached();
            boolean lost = thrown.getMessage() != null && thrown.getMessage().contains("peer disconnected");
            Object error = interop.execute(interop.readArrayElement(classes, lost ? 1 : 0), thrown.getMessage() == null ? "yonder error" : thrown.getMessage());
            Node previous = enterSite(location);
            try {
                throw interop.throwException(error);
            } catch (AbstractTruffleException raised) {
                return raised;
            } finally {
                EncapsulatingNodeReference.getCurrent().set(previous);
            }
        } catch (InteropException | RuntimeException e) {
            return thrown;
        }
    }

    private final Env env;
    private volatile Object jsMaker;
    private volatile Object pythonMaker;
    private volatile Object pythonTraceback;
    private volatile Object jsThrower;
    /** Presents a thrown plain object ({@code throw {code: 42}}) as a JS object; null where the context has no JS. */
    private final JsRecords records;

    public NativeErrors(Env env) {
        this(env, null, null, null);
    }

    /** Presents the owner's Python exception classes; null where the context has no Python. */
    private final PythonObjects objects;

    NativeErrors(Env env, JsRecords records, PythonObjects objects, JsObjects jsObjects) {
        this.env = env;
        this.records = records;
        this.objects = objects;
        this.jsObjects = jsObjects;
    }

    /** Presents a JS owner's error classes (their prototype chain); null where the context has no JS. */
    private final JsObjects jsObjects;

    /** The remote exception a presented native one stands for, or null. */
    public static RemoteException remoteOf(Object exception) {
        return exception == null ? null : PRESENTED.get(exception);
    }

    /**
     * What to throw into the guest that called at {@code location} for {@code thrown}: a native exception of the caller's
     * language, or {@code thrown} itself.
     */
    @TruffleBoundary
    public RuntimeException present(RuntimeException thrown, Node location) {
        if (thrown instanceof org.yonder.objspace.YonderError yonder) {
            return "python".equals(Receivers.callerLanguage(location)) ? pythonYonderError(yonder, location) : thrown;
        }
        if (!(thrown instanceof RemoteException remote)) {
            return thrown;
        }
        ExceptionInfo info = remote.exceptionInfo();
        if (info == null || !ExceptionType.RUNTIME_ERROR.name().equals(info.type())) {
            return thrown;
        }
        String language = Receivers.callerLanguage(location);
        Object maker = switch (language == null ? "" : language) {
            case "js" -> js();
            case "python" -> python();
            default -> null;
        };
        if (maker == null) {
            return thrown;
        }
        String name = remote.shape().metaSimpleName();
        boolean js = "js".equals(language);
        if (js && "Object".equals(name) && records != null) {
            // throw {code: 42}: the caller catches a plain JS object (not an Error), the owner's thrown object.
            return thrownPlainObject(remote, location);
        }
        Object proto = YonderNull.INSTANCE;
        String className = name;
        if (js && (name == null || !JS_ERRORS.contains(name))) {
            // An instance of an error class of the owner's (class ValidationError extends Error): the built-in it
            // extends, with the owner's prototypes presented. Another thrown value (throw 'boom') stays the remote value.
            Object[] chain = jsObjects != null && remote.shape().has(Shape.JS) ? jsObjects.chain(remote) : null;
            if (chain == null || !JS_ERRORS.contains(chain[1]) || !InteropLibrary.getUncached().hasMembers(chain[0])) {
                return thrownString(remote, location);
            }
            proto = chain[0];
            name = (String) chain[1];
        } else if (name == null) {
            name = "Exception";
        }
        String stack = formatted(info, js);
        Node previous = enterSite(location);
        try {
            InteropLibrary interop = InteropLibrary.getUncached();
            Object error = "python".equals(language) ? python(remote, info, name, stack) : interop.execute(maker, remote, name, message(info.message(), className == null ? name : className), stack,
                            remote.shape().has(Shape.MEMBERS), YonderNull.INSTANCE, proto);
            PRESENTED.put(error, remote);
            try {
                throw interop.throwException(error);
            } catch (AbstractTruffleException raised) {
                // The thrown form too: an embedder's PolyglotException may hold it rather than the error object.
                PRESENTED.put(raised, remote);
                return raised;
            }
        } catch (InteropException e) {
            return thrown;
        } finally {
            EncapsulatingNodeReference.getCurrent().set(previous);
        }
    }

    /**
     * A Python exception standing for a remote one: an instance of the owner's class presented ({@link PythonObjects},
     * for a Python owner), else of a subclass of the built-in class of its name; the owner's args, its frames as a note.
     */
    private Object python(Proxy remote, ExceptionInfo info, String name, String stack) throws InteropException {
        InteropLibrary interop = InteropLibrary.getUncached();
        boolean members = remote.shape().has(Shape.MEMBERS);
        Object args = members && interop.isMemberReadable(remote, "args") ? interop.readMember(remote, "args") : YonderNull.INSTANCE;
        Object own = objects != null && !interop.isNull(args) ? objects.exception(remote, args, stack) : null;
        Object error = own != null ? own : interop.execute(python(), remote, name, message(info.message(), name), stack, members, args);
        String frames = tracebackFrames(info);
        if (!frames.isEmpty()) {
            try {
                interop.execute(pythonTraceback(), error, frames);
            } catch (InteropException | AbstractTruffleException e) {
                // the exception keeps the caller's frames only; the owner's are in its note
            }
        }
        return error;
    }

    /**
     * Gives a Python exception the owner's frames as its {@code __traceback__}, so that the caller's traceback (and
     * {@code traceback.print_exc()}) runs on into the owner's code. GraalPy builds tracebacks from Python frames only:
     * each owner frame is a function of the frame's name compiled in a source of the owner's file name, raising at the
     * owner's line (cached per frame), whose frame is taken from a throwaway raise.
     */
    private static final String PYTHON_TRACEBACK = """
                    def _yonder_owner_traceback():
                        import keyword, types
                        made = {}
                        def frame_of(name, source, line):
                            key = (name, source, line)
                            f = made.get(key)
                            if f is None:
                                fname = name if name.isidentifier() and not keyword.iskeyword(name) else ''.join(c if c.isalnum() or c == '_' else '_' for c in name) or '_'
                                if fname[0].isdigit():
                                    fname = '_' + fname
                                g = {}
                                exec(compile('\\n' * (line - 1) + 'def ' + fname + '(e): raise e\\n', source, 'exec'), g)
                                f = g[fname]
                                if len(made) >= 512:
                                    made.clear()
                                made[key] = f
                            try:
                                f(Exception())
                            except Exception as thrown:
                                tb = thrown.__traceback__
                                while tb.tb_next is not None:
                                    tb = tb.tb_next
                                return tb
                        def attach(e, encoded):
                            tb = None
                            for entry in encoded.split('\\x01'):   # innermost first
                                name, source, line = entry.split('\\x00')
                                inner = frame_of(name, source, int(line))
                                tb = types.TracebackType(tb, inner.tb_frame, inner.tb_lasti, inner.tb_lineno)
                            if tb is not None:
                                e.__traceback__ = tb
                        return attach
                    _yonder_owner_traceback()
                    """;

    /** The owner's frames that have a source, innermost first, encoded for {@link #PYTHON_TRACEBACK}; at most 64. */
    private static String tracebackFrames(ExceptionInfo info) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (ExceptionInfo.StackFrame f : info.frames()) {
            if (f.source() == null || n++ == OwnerFrames.MAX_FRAMES) {
                continue;
            }
            if (b.length() > 0) {
                b.append('\u0001');
            }
            String name = f.name() == null || f.name().isEmpty() ? "<unknown>" : f.name();
            b.append(clean(name, 200)).append('\u0000').append(clean(f.source(), 1000)).append('\u0000').append(Math.max(1, Math.min(f.line(), 100_000)));
        }
        return b.toString();
    }

    /** A peer's frame name or source name, without the separators and NULs a compile refuses, and bounded. */
    private static String clean(String s, int max) {
        String t = s.length() > max ? s.substring(0, max) : s;
        return t.replace('\u0000', '_').replace('\u0001', '_').replace('\n', ' ').replace('\r', ' ');
    }

    private Object pythonTraceback() {
        Object m = pythonTraceback;
        if (m == null) {
            m = pythonTraceback = env.parsePublic(Source.newBuilder("python", PYTHON_TRACEBACK, "yonder_traceback.py").internal(true).build()).call();
        }
        return m;
    }

    /**
     * A remote Python exception handed to a Python receiver as a value (returned, read, not raised): the same Python
     * exception a raise of it would give, one per remote exception.
     */
    @TruffleBoundary
    Object pythonValue(Proxy remote) {
        ExceptionInfo info = remote.exceptionInfo();
        if (objects == null || info == null || python() == null) {
            return remote;
        }
        return objects.presentException(remote, r -> {
            try {
                String name = r.shape().metaSimpleName();
                return python(r, info, name == null ? "Exception" : name, formatted(info, false));
            } catch (InteropException e) {
                return r;
            }
        });
    }

    /**
     * A remote JS error handed to a JS receiver as a value (returned, read, a promise's reason): the same JS error a
     * throw of it would give (its built-in class, or the owner's class presented, its own members copied, the owner's
     * frames in its stack), one per remote error; the remote error itself when it is of no error class.
     */
    @TruffleBoundary
    Object jsValue(Proxy remote, Presentations presentations) {
        ExceptionInfo info = remote.exceptionInfo();
        if (info == null || js() == null) {
            return remote;
        }
        String name = remote.shape().metaSimpleName();
        Object proto = YonderNull.INSTANCE;
        if (name == null || !JS_ERRORS.contains(name)) {
            Object[] chain = jsObjects != null && remote.shape().has(Shape.JS) ? jsObjects.chain(remote) : null;
            if (chain == null || !JS_ERRORS.contains(chain[1])) {
                return remote;
            }
            proto = chain[0];
            name = (String) chain[1];
        }
        String errorName = name;
        String className = remote.shape().metaSimpleName() == null ? name : remote.shape().metaSimpleName();
        Object errorProto = proto;
        return presentations.of(remote, r -> {
            try {
                return InteropLibrary.getUncached().execute(js(), r, errorName, message(info.message(), className), formatted(info, true),
                                r.shape().has(Shape.MEMBERS), YonderNull.INSTANCE, errorProto);
            } catch (InteropException e) {
                return r;
            }
        });
    }

    /**
     * A thrown string ({@code throw 'boom'}) caught as a JS string, {@code e === 'boom'}; any other thrown value that
     * is not an error stays the remote value.
     */
    private RuntimeException thrownString(RemoteException remote, Node location) {
        InteropLibrary interop = InteropLibrary.getUncached();
        if (!interop.isString(remote)) {
            return remote;
        }
        try {
            return thrownValue(remote, interop.asString(remote), location);
        } catch (InteropException e) {
            return remote;
        }
    }

    /** Throws, from JS, a JS object standing for the plain object the owner threw; answers that JS exception. */
    private RuntimeException thrownPlainObject(RemoteException remote, Node location) {
        return thrownValue(remote, records.present(remote), location);
    }

    /** Throws {@code value} from JS, standing for what the owner threw; answers that JS exception. */
    private RuntimeException thrownValue(RemoteException remote, Object value, Node location) {
        Object thrower = jsThrower;
        if (thrower == null) {
            thrower = jsThrower = env.parsePublic(Source.newBuilder("js", "(v) => { throw v; }", "yonder-throw.js").internal(true).build()).call();
        }
        Node previous = enterSite(location);
        try {
            InteropLibrary.getUncached().execute(thrower, value);
            return remote;
        } catch (AbstractTruffleException raised) {
            PRESENTED.put(raised, remote);
            return raised;
        } catch (InteropException e) {
            return remote;
        } finally {
            EncapsulatingNodeReference.getCurrent().set(previous);
        }
    }

    /**
     * Makes the call site the location of the native exception's frames (uncached calls take the encapsulating node);
     * answers the node to restore afterwards.
     */
    private static Node enterSite(Node location) {
        EncapsulatingNodeReference site = EncapsulatingNodeReference.getCurrent();
        return location != null && location.isAdoptable() && location.getRootNode() != null ? site.set(location) : site.get();
    }

    /** The message as the owner's own exception holds it: GraalJS's interop message starts with "Name: ". */
    private static Object message(String message, String name) {
        if (message == null) {
            return YonderNull.INSTANCE;
        }
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }

    /** The owner's frames that have a source (its built-in and dispatch frames left out), innermost first. */
    private static String formatted(ExceptionInfo info, boolean jsStyle) {
        StringBuilder b = new StringBuilder();
        for (ExceptionInfo.StackFrame f : info.frames()) {
            if (f.source() == null) {
                continue;
            }
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(jsStyle ? "    at " : "  ").append(f);
        }
        return b.toString();
    }

    private Object js() {
        Object m = jsMaker;
        if (m == null && env.getPublicLanguages().containsKey("js")) {
            m = jsMaker = env.parsePublic(Source.newBuilder("js", JS, "yonder-errors.js").internal(true).build()).call();
        }
        return m;
    }

    private Object python() {
        Object m = pythonMaker;
        if (m == null && env.getPublicLanguages().containsKey("python")) {
            m = pythonMaker = env.parsePublic(Source.newBuilder("python", PYTHON, "yonder_errors.py").internal(true).build()).call();
        }
        return m;
    }
}
