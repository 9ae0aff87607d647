package org.yonder.language.expose;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * The values a peer never gets by reference, whatever member or call hands them out: the machinery of the server's
 * languages and of its host that turns a reference into code execution (see {@code docs/security.md}). A member that
 * holds one looks absent; a call that returns one fails. Checked by value, not by member name, so no path to one
 * (a sloppy method called with {@code this} null, a generator's frame, a host class's {@code class}) gets through.
 * <ul>
 * <li>JS: the global object, {@code Function}, {@code eval} and the async and generator function constructors, the
 * {@code Java} and {@code Polyglot} objects and their functions, and GraalJS's global functions that load or run
 * code or end the process ({@code load}, {@code loadWithNewGlobal}, {@code quit}, {@code exit}, {@code read}).</li>
 * <li>Python: frames, code objects, tracebacks, modules, and the builtins that run code, reach attributes by name or
 * open files ({@code eval}, {@code exec}, {@code compile}, {@code open}, {@code __import__}, {@code getattr}, ...),
 * and the {@code polyglot} module's functions.</li>
 * <li>Java host values: {@code Class}, class loaders, reflection and method handles, modules, {@code Runtime},
 * {@code System}, processes, threads, files, paths and file systems (and host classes of those kinds).</li>
 * </ul>
 * The guest-language sets are made once per language, when a value of that language is first checked.
 */
public final class ExposureRule {
    private final Env env;
    /** Per Java class of a guest value: its language ("js", "python", or "" for another). */
    private final Map<Class<?>, String> languages = new ConcurrentHashMap<>();
    private volatile Map<Object, String> js;
    private volatile Map<Object, String> python;

    /** GraalPy's Java classes of the values that are Python's interpreter machinery, by what they are. */
    private static final Map<String, String> PYTHON_KINDS = Map.of(
                    "PFrame", "a Python frame",
                    "PCode", "a Python code object",
                    "PTraceback", "a Python traceback",
                    "PythonModule", "a Python module");

    /** Host classes whose instances (and the classes themselves) run code, reach files or processes, or reflect. */
    private static final Set<Class<?>> HOST_KINDS = Set.of(Class.class, ClassLoader.class, java.lang.reflect.AccessibleObject.class,
                    java.lang.reflect.Member.class, java.lang.reflect.Parameter.class, java.lang.reflect.InvocationHandler.class,
                    java.lang.invoke.MethodHandle.class, java.lang.invoke.MethodHandles.Lookup.class, java.lang.invoke.VarHandle.class,
                    Module.class, ModuleLayer.class, Runtime.class, System.class, Process.class, ProcessBuilder.class, ProcessHandle.class,
                    Thread.class, ThreadGroup.class, java.io.File.class, java.nio.file.Path.class, java.nio.file.FileSystem.class,
                    java.nio.file.Files.class, java.nio.file.Paths.class, java.nio.file.FileSystems.class, java.security.ProtectionDomain.class);

    private static final String JS_MACHINERY = """
                    (() => {
                      const out = [globalThis, 'the JS global object', Function, 'the JS Function constructor', eval, 'the JS eval function',
                        Object.getPrototypeOf(async function () {}).constructor, 'the JS AsyncFunction constructor',
                        Object.getPrototypeOf(function* () {}).constructor, 'the JS GeneratorFunction constructor',
                        Object.getPrototypeOf(async function* () {}).constructor, 'the JS AsyncGeneratorFunction constructor'];
                      for (const n of ['load', 'loadWithNewGlobal', 'quit', 'exit', 'read', 'readbuffer', 'readline', 'Packages', 'java', 'javax']) {
                        if (Object.prototype.hasOwnProperty.call(globalThis, n)) out.push(globalThis[n], 'the JS global ' + n);
                      }
                      for (const n of ['Java', 'Polyglot', 'Graal']) {
                        const o = globalThis[n];
                        if (o === undefined || o === null) continue;
                        out.push(o, 'the JS ' + n + ' object');
                        for (const k of Object.getOwnPropertyNames(o)) {
                          const d = Object.getOwnPropertyDescriptor(o, k);
                          if (d && typeof d.value === 'function') out.push(d.value, 'the JS function ' + n + '.' + k);
                        }
                      }
                      return out;
                    })()
                    """;

    private static final String PYTHON_MACHINERY = """
                    def _yonder_machinery():
                        import builtins
                        out = []
                        for n in ('eval', 'exec', 'compile', 'open', '__import__', 'breakpoint', 'input', 'globals', 'locals', 'vars',
                                  'getattr', 'setattr', 'delattr', 'exit', 'quit', 'help', '__build_class__'):
                            v = getattr(builtins, n, None)
                            if v is not None:
                                out += [v, 'the Python builtin ' + n]
                        try:
                            import polyglot
                            for n in dir(polyglot):
                                v = getattr(polyglot, n, None)
                                if callable(v) and not isinstance(v, type):
                                    out += [v, 'the Python function polyglot.' + n]
                        except ImportError:
                            pass
                        return out
                    _yonder_machinery()
                    """;

    public ExposureRule(Env env) {
        this.env = env;
    }

    /** Why {@code value} must not go to a peer, or null (see {@code LocalSpace.refusal}). */
    @TruffleBoundary
    public String refusal(Object value) {
        if (value == null || value instanceof String || value instanceof TruffleString || value instanceof Number || value instanceof Boolean ||
                        value instanceof Character) {
            return null;
        }
        if (env.isHostObject(value)) {
            return hostRefusal(value);
        }
        String kind = PYTHON_KINDS.get(value.getClass().getSimpleName());
        if (kind != null) {
            return kind;
        }
        String language = languages.computeIfAbsent(value.getClass(), c -> languageOf(value));
        return switch (language) {
            case "js" -> jsRefusal(value);
            case "python" -> pythonMachinery().get(value);
            default -> null;
        };
    }

    /** The names of JS's native functions that run code or end the process (see {@link #JS_NATIVE}). */
    private static final Set<String> JS_NATIVE_NAMES = Set.of("Function", "eval", "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction",
                    "load", "loadWithNewGlobal", "quit", "exit", "readbuffer", "readline", "type", "evalFile", "extend");

    /**
     * Whether a function is one of JS's own (native code, which no script can define) of a name in
     * {@link #JS_NATIVE_NAMES}. GraalJS hands out a function read as a member through interop as a new function bound
     * to its holder, so {@code e.Function} is not identical to {@code Function}: it is known by being native and named so.
     */
    private static final String JS_NATIVE = """
                    (joined) => { const names = new Set(joined.split(',')); return (f) => typeof f === 'function' && names.has(f.name) &&
                      /\\{\\s*\\[native code\\]\\s*\\}\\s*$/.test(Function.prototype.toString.call(f)); }
                    """;

    private volatile Object jsNative;

    /**
     * JS functions already found to be none of the machinery, by identity (held weakly). A function never turns into
     * one of them (the machinery is fixed objects, and native functions no script can make), so the check of a method
     * that peers call again and again is one lookup.
     */
    private final Map<Object, Boolean> plainFunctions = Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private String jsRefusal(Object value) {
        if (plainFunctions.containsKey(value)) {
            return null;
        }
        String known = jsMachinery().get(value);
        if (known != null) {
            return known;
        }
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            if (interop.isExecutable(value)) {
                // Most functions are the server's own, of other names: known by their name alone, with no JS call.
                Object name = interop.isMemberReadable(value, "name") ? interop.readMember(value, "name") : null;
                if (name == null || !interop.isString(name) || !JS_NATIVE_NAMES.contains(interop.asString(name))) {
                    plainFunctions.put(value, Boolean.TRUE);
                    return null;
                }
                Object check = jsNative;
                if (check == null) {
                    Object make = env.parsePublic(Source.newBuilder("js", JS_NATIVE, "yonder-native.js").internal(true).build()).call();
                    check = jsNative = interop.execute(make, String.join(",", JS_NATIVE_NAMES));
                }
                if (interop.asBoolean(interop.execute(check, value))) {
                    return "the JS native function " + interop.asString(interop.readMember(value, "name"));
                }
            } else if (interop.isException(value) && interop.isMemberReadable(value, "globalThis")) {
                // A thrown global object (a sloppy function's `throw this`): its members are the global's.
                String global = jsMachinery().get(interop.readMember(value, "globalThis"));
                if (global != null) {
                    return "a thrown value holding " + global;
                }
            }
        } catch (InteropException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private String hostRefusal(Object value) {
        Object host;
        try {
            host = env.asHostObject(value);
        } catch (RuntimeException e) {
            return null;
        }
        if (host instanceof Class<?> c && env.isHostSymbol(value)) {
            // A host class a server published (Java.type('java.util.ArrayList')): refused if it is of the machinery.
            return machineryClass(c) ? "the Java class " + c.getName() : null;
        }
        if (host == null) {
            return null;
        }
        for (Class<?> k : HOST_KINDS) {
            if (k.isInstance(host)) {
                return "a Java " + k.getName() + " (" + host.getClass().getName() + ")";
            }
        }
        return null;
    }

    private static boolean machineryClass(Class<?> c) {
        for (Class<?> k : HOST_KINDS) {
            if (k.isAssignableFrom(c)) {
                return true;
            }
        }
        return c.getName().startsWith("java.lang.reflect.") || c.getName().startsWith("java.lang.invoke.") || c.getName().equals("sun.misc.Unsafe");
    }

    private static String languageOf(Object value) {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            if (!interop.hasLanguage(value)) {
                return "";
            }
            return switch (interop.getLanguage(value).getSimpleName()) {
                case "JavaScriptLanguage" -> "js";
                case "PythonLanguage" -> "python";
                default -> "";
            };
        } catch (UnsupportedMessageException e) {
            return "";
        }
    }

    private Map<Object, String> jsMachinery() {
        Map<Object, String> m = js;
        if (m == null) {
            m = js = machinery("js", JS_MACHINERY, "yonder-exposure.js");
        }
        return m;
    }

    private Map<Object, String> pythonMachinery() {
        Map<Object, String> m = python;
        if (m == null) {
            m = python = machinery("python", PYTHON_MACHINERY, "yonder_exposure.py");
        }
        return m;
    }

    /** The language's machinery, by identity: a program that gives [value, what, value, what, ...]. */
    private Map<Object, String> machinery(String language, String code, String name) {
        Map<Object, String> found = new IdentityHashMap<>();
        try {
            Object pairs = env.parsePublic(Source.newBuilder(language, code, name).internal(true).build()).call();
            InteropLibrary interop = InteropLibrary.getUncached();
            long size = interop.getArraySize(pairs);
            for (long i = 0; i + 1 < size; i += 2) {
                found.put(interop.readArrayElement(pairs, i), interop.asString(interop.readArrayElement(pairs, i + 1)));
            }
        } catch (InteropException | RuntimeException e) {
            // A language whose machinery cannot be listed: its frames, modules and host values are still refused.
        }
        return Collections.synchronizedMap(found);
    }
}
