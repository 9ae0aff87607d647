package org.yonder.language.present;

import java.util.ArrayList;
import java.util.List;

import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.Keywords;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.remote.RemoteException;
import org.yonder.objspace.session.LocalSpace;

/**
 * Presents remote values in the receiving guest's own kinds (the LocalSpace hooks of a context): JS undefined and
 * BigInt for JS receivers, remote records as JS objects ({@link JsRecords}), a JS owner's symbols as symbols ({@link JsSymbols}); for Python receivers tuples, bytes and
 * frozensets ({@link PythonNatives}), functions that take keyword arguments ({@link PythonCallables}), and the owner's
 * classes, instances and exceptions as Python ones ({@link PythonObjects}); remote exceptions as the calling language's
 * built-in exceptions, and for Java callers with the owner's frames in their stack trace ({@link OwnerFrames}). Other receivers (Java, Python for undefined and BigInt) keep the stand-ins: a null, a number,
 * an immutable array. Off with {@code --yonder.Present=false}.
 */
public final class Presenter {
    private final boolean on;
    private final JsNatives js;
    private final JsRecords records;
    private final JsObjects jsObjects;
    private final JsSymbols symbols;
    private final JsOwnerFacts ownerFacts;
    private final PythonCallables callables;
    private final PythonObjects objects;
    private final Presentations presentations = new Presentations();
    private final Leaves leaves;
    private final PythonNatives python;
    private final NativeErrors errors;

    private final OwnerFrames frames;

    private final JavaFutures javaFutures;

    public Presenter(Env env, boolean on, com.oracle.truffle.api.TruffleLanguage<?> language) {
        this.on = on;
        this.jsLanguage = languageClass(env, "js", "com.oracle.truffle.js.lang.JavaScriptLanguage");
        this.pythonLanguage = languageClass(env, "python", "com.oracle.graal.python.PythonLanguage");
        this.frames = new OwnerFrames(language);
        this.js = new JsNatives(env);
        this.javaFutures = new JavaFutures(env);
        boolean js = env.getPublicLanguages().containsKey("js");
        this.records = js ? new JsRecords(env, presentations, this::presentToJs) : null;
        this.jsObjects = js ? new JsObjects(env, presentations, records) : null;
        this.symbols = js ? new JsSymbols(env, presentations) : null;
        this.ownerFacts = js ? new JsOwnerFacts(env) : null;
        boolean python = env.getPublicLanguages().containsKey("python");
        this.callables = python ? new PythonCallables(env, presentations) : null;
        this.objects = python ? new PythonObjects(env, presentations) : null;
        this.python = new PythonNatives(env);
        this.errors = new NativeErrors(env, records, objects, jsObjects);
        this.leaves = new Leaves(env, presentations);
    }

    /** The leaf classes this context registered, and its leaves of multiplexed objects (docs/multiplex.md). */
    public Leaves leaves() {
        return leaves;
    }

    /**
     * Only for a receiver of that language, whose code runs, so its language is initialized: making a JS value for a
     * Java host thread would start JS in a context that never used it (and fails in a multi-threaded one).
     */
    public Object present(Object value, Node location, Object target) {
        return present(value, location, target, false);
    }

    /** See LocalSpace.presentStored: a function stored in a JS object is presented (it is called as a method, with this). */
    public Object presentStored(Object value, Object target) {
        return present(value, (Node) null, target, true);
    }

    /**
     * A value as code of {@code language} ({@code js} or {@code python}) would get it from a call: for the roots that
     * {@code yonder.Connect} binds into the polyglot bindings, which no call receives ({@code yonder.BindFor}).
     */
    public Object presentFor(Object value, String language) {
        return present(value, language, null, false);
    }

    private Object present(Object value, Node location, Object target, boolean stored) {
        if (!on && !(value instanceof org.yonder.objspace.session.ImportedReplica || value instanceof org.yonder.objspace.local.Cacheables.Entry)) {
            return value;
        }
        return present(value, target != null ? Receivers.ownerLanguage(target) : Receivers.callerLanguage(location), target, stored);
    }

    private Object present(Object value, String receiver, Object target, boolean stored) {
        if (value instanceof org.yonder.objspace.session.ImportedReplica || value instanceof org.yonder.objspace.local.Cacheables.Entry) {
            return leaves.present(value);   // a multiplexed object: its leaf, if a class is registered for its tag
        }
        if (!on) {
            return value;
        }
        if ("js".equals(receiver)) {
            jsInUse = true;
        }
        if ("python".equals(receiver)) {
            if (value instanceof Proxy remote) {
                if (callables != null && PythonCallables.isCallable(remote)) {
                    return callables.present(remote);
                }
                if (objects != null && remote.shape().has(Shape.EXCEPTION) && remote.shape().has(Shape.PYTHON)) {
                    return errors.pythonValue(remote);
                }
                if (objects != null && PythonObjects.mayPresentClass(remote)) {
                    return objects.presentClass(remote);
                }
                if (objects != null && PythonObjects.isGenerator(remote)) {
                    return objects.presentGenerator(remote);
                }
                if (objects != null && PythonObjects.isSet(remote)) {
                    return objects.presentSet(remote);
                }
                if (objects != null && PythonObjects.mayPresent(remote)) {
                    return objects.present(remote);
                }
                if (objects != null && PythonObjects.mayPresentMapping(remote)) {
                    python.copyable(remote);   // copyreg and json for its foreign class, should it stay foreign
                    return objects.present(remote);
                }
                return remote.shape().has(Shape.PYTHON) && remote.shape().has(Shape.ARRAY | Shape.HASH) ? python.copyable(remote) : value;
            }
            return python.present(value);
        }
        if (!"js".equals(receiver)) {
            return value;
        }
        if (target != null && !stored && value instanceof Proxy remote && remote.shape().has(Shape.EXECUTABLE) && !remote.shape().has(Shape.INSTANTIABLE)) {
            // A callback (a function that is not a class, passed in a request) stays foreign: the callee calls it,
            // and a call through a function Proxy costs a trap per call (W5).
            return value;
        }
        return presentToJs(value);
    }

    /** A value as a JS receiver gets it: a record or an object of the owner's JS code as a JS object, undefined, BigInt. */
    private Object presentToJs(Object value) {
        if (value instanceof Proxy remote) {
            if (jsObjects != null && JsObjects.isPlain(remote)) {
                return jsObjects.presentPlain(remote);
            }
            if (jsObjects != null && JsObjects.isTyped(remote)) {
                return jsObjects.presentTyped(remote);
            }
            if (symbols != null && JsSymbols.isSymbol(remote)) {
                return symbols.present(remote);
            }
            if (jsObjects != null && JsObjects.isGenerator(remote)) {
                return jsObjects.presentGenerator(remote);
            }
            if (records != null && remote.shape().has(Shape.DATA)) {
                return records.present(remote);
            }
            if (records != null && remote.shape().has(Shape.EXCEPTION)) {
                return errors.jsValue(remote, presentations);
            }
            return jsObjects != null && JsObjects.mayPresent(remote) ? jsObjects.present(remote) : value;
        }
        return js.present(value);
    }

    /** See LocalSpace.listsArrayIndices: JS does (for a foreign array it adds the indices to the members itself). */
    public boolean listsArrayIndices(Node location) {
        return "js".equals(Receivers.callerLanguage(location));
    }

    /** The remote object a value presents (it goes back to its owner as that), or the value itself. */
    public Object original(Object value) {
        return presentations.original(value);
    }

    /** See LocalSpace.callWithKeywords: only a Python callee takes keyword arguments. */
    public Object callWithKeywords(Object target, String member, Object[] positional, Keywords keywords) throws InteropException {
        if (callables == null || !"python".equals(Receivers.ownerLanguage(target))) {
            throw UnsupportedTypeException.create(new Object[]{keywords}, "keyword arguments (" + String.join(", ", keywords.names()) + ") need a Python callee");
        }
        List<Object> values = new ArrayList<>();
        for (Object v : keywords.values()) {
            values.add(LocalSpace.presentable(v) ? present(v, null, target) : v);
        }
        return callables.call(target, member, positional, new Keywords(keywords.names(), values));
    }

    /**
     * See LocalSpace.languageTraits: objects of Python code answer guest operations here. Asked on every export, so
     * kept per Java class of the value (a Truffle object's class decides which language exports its messages).
     */
    public long languageTraits(Object value) {
        if (value instanceof Proxy) {
            return 0;
        }
        Long known = traitsByClass.get(value.getClass());
        if (known == null) {
            String language = Receivers.ownerLanguage(value);
            known = "python".equals(language) ? Shape.PYTHON
                            : "js".equals(language) ? Shape.JS | (JsOwnerFacts.isOrdinary(value.getClass()) ? PLAIN_JS : 0) | JsOwnerFacts.generatorTraits(value.getClass())
                            : 0;
            traitsByClass.putIfAbsent(value.getClass(), known);
        }
        if ((known & Shape.JS) != 0) {
            jsInUse = true;
        }
        if ((known & PLAIN_JS) != 0) {
            return Shape.JS | (ownerFacts != null ? ownerFacts.plainTraits(value) : 0);
        }
        return known;
    }

    /**
     * What an async call gives its caller: a JS caller its own Promise, a Python caller an awaitable, a Java caller (through
     * {@code Value}) a {@code CompletableFuture<Value>}, others the future.
     */
    public Object asyncResult(Object future) {
        String caller = Receivers.callerLanguage(null);
        if (caller == null) {
            return javaFutures.of(future);
        }
        if (!on) {
            return future;
        }
        if (jsObjects != null && "js".equals(caller)) {
            jsInUse = true;
            return jsObjects.promiseOf(future);
        }
        if (objects != null && "python".equals(caller)) {
            return python.awaitable(future);
        }
        return future;
    }

    /**
     * Whether this context's JS runs: it exported a JS object, presented a value to JS code or scheduled a timer for
     * it. Until then {@link #runJobs} does nothing, so that a Python or Java context never starts JS for it (which
     * costs start-up, and fails in a context used from several threads).
     */
    private volatile boolean jsInUse;

    /** JS code uses this context's event loop (a timer was scheduled from it). */
    public void jsInUse() {
        jsInUse = true;
    }

    /** Runs the context's queued JS promise jobs, if its JS runs (after a timer or a future's callback, as a loop starts). */
    public void runJobs() {
        if (ownerFacts != null && jsInUse) {
            ownerFacts.settleJobs();
        }
    }

    /** Presented remote promises that have not settled yet. */
    public int unsettledPromises() {
        return jsObjects == null ? 0 : jsObjects.unsettled.get();
    }

    /** See LocalSpace.settleJobs: for a target of JS code (its class was exported as one), a top-level JS program runs. */
    public void settleJobs(Object target) {
        if (target == null || ownerFacts == null) {
            return;
        }
        Long known = traitsByClass.get(target.getClass());
        if (known != null && (known & Shape.JS) != 0) {
            ownerFacts.settleJobs();
        }
    }

    /** See LocalSpace.methodNames: for an ordinary object of JS code. */
    public java.util.List<String> methodNames(Object value) {
        Long known = traitsByClass.get(value.getClass());
        return known != null && (known & PLAIN_JS) != 0 && ownerFacts != null ? ownerFacts.methodNames(value) : null;
    }

    /** Marks (in {@link #traitsByClass} only) a class of JS's ordinary objects, whose own facts are asked per object. */
    private static final long PLAIN_JS = Long.MIN_VALUE;

    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Long> traitsByClass = new java.util.concurrent.ConcurrentHashMap<>();

    private final Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> jsLanguage;
    private final Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> pythonLanguage;

    /** See LocalSpace.languageOf: the owner's language, when this context has it too (for host callers' messages). */
    public Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> languageOf(Shape shape) {
        return shape.has(Shape.JS) ? jsLanguage : shape.has(Shape.PYTHON) ? pythonLanguage : null;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> languageClass(Env env, String id, String className) {
        if (!env.getPublicLanguages().containsKey(id)) {
            return null;
        }
        try {
            return (Class<? extends com.oracle.truffle.api.TruffleLanguage<?>>) Class.forName(className, false, Presenter.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** See LocalSpace.guestOperation: Python's operations on an object of Python code, JS's on one of JS code. */
    public Object guestOperation(Object target, String name, Object[] args) throws InteropException {
        String language = Receivers.ownerLanguage(target);
        if ("js".equals(language) && jsObjects != null) {
            if (args.length > 0 && args[0] instanceof Proxy key && JsSymbols.isSymbol(key)) {
                args = args.clone();
                args[0] = symbols.present(key);   // a peer's symbol as a key: the owner's own symbol standing for it
            }
            return jsObjects.operate(target, name, args);
        }
        if (!"python".equals(language) || objects == null) {
            throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
        }
        return objects.operate(target, name, args);
    }

    /**
     * A native exception of the caller's language (JS, Python), whose stack the presenter wrote; or the remote exception,
     * thrown through the owner's frames so that the caller's stack trace (a Java caller's getPolyglotStackTrace) lists
     * them before its own.
     */
    public RuntimeException presentThrown(RuntimeException thrown, Node location) {
        RuntimeException presented = on ? errors.present(thrown, location) : thrown;
        if (presented instanceof RemoteException remote && remote.exceptionInfo() != null) {
            return frames.through(remote, remote.exceptionInfo().frames());
        }
        return presented;
    }
}
