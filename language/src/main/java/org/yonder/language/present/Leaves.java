package org.yonder.language.present;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.local.Cacheables;
import org.yonder.objspace.marshal.NewMultiplexed;
import org.yonder.objspace.remote.Replica;
import org.yonder.objspace.session.ImportedReplica;

/**
 * Multiplex leaves (docs/multiplex.md): the classes this context registered per copy tag
 * ({@code Polyglot.eval('yonder', 'leaf')(tag, cls)}), and the leaf that stands for each multiplexed object here. A leaf
 * is an instance of the registered class, made without running its constructor (as Twisted PB's RemoteCopy): a JS
 * Proxy whose target's prototype is the class's, a Python instance of a subclass with {@code __getattr__}, a Java
 * object in a {@link JavaLeaf}. A member is looked up in the class first, then in the replicated state, then through
 * the reference (the hub's object), and {@code shout_name(args)} shouts. A state member written on a leaf is written
 * through to the hub; any other member written is the leaf's own. On the hub, {@code multiplex(tag, init)} gives the
 * hub's own leaf when it registered a class for the tag, with the hub's state as its state and no reference.
 */
public final class Leaves {
    private final Env env;
    private final Presentations presentations;
    private final Map<String, Object> classes = new ConcurrentHashMap<>();
    /** The leaf of each replica, while it lives (the leaf holds its replica). */
    private final Map<Object, java.lang.ref.WeakReference<Object>> views = new WeakHashMap<>();
    /** The JS factory: [leaf(cls, core), call(view, name, ...args)]. */
    private Object jsFactory;
    private Object pythonFactory;

    Leaves(Env env, Presentations presentations) {
        this.env = env;
        this.presentations = presentations;
    }

    /** {@code leaf(tag, cls)}: the class (or Java class) whose instances stand for multiplexed objects of that tag here. */
    @TruffleBoundary
    public Object register(String tag, Object cls) {
        Cacheables.checkTag(tag);
        InteropLibrary interop = InteropLibrary.getUncached();
        if (!interop.isInstantiable(cls) && !interop.isMetaObject(cls)) {
            throw YonderError.create("leaf expects a copy tag and a class, not " + interop.toDisplayString(cls));
        }
        classes.put(tag, cls);
        return cls;
    }

    /** Whether some class is registered (else no value needs a look). */
    boolean any() {
        return !classes.isEmpty();
    }

    /** A multiplexed object as this context's code sees it: its leaf (of a registered class), or the value itself. */
    @TruffleBoundary
    public Object present(Object value) {
        if (value instanceof Cacheables.Entry entry) {
            Object view = entry.hubView();
            return view != null ? view : value;
        }
        if (!(value instanceof ImportedReplica replica) || replica.tag() == null) {
            return value;
        }
        Object cls = classes.get(replica.tag());
        if (cls == null) {
            return value;   // no class for the tag: a plain replica, which reads, writes and shouts all the same
        }
        synchronized (views) {
            java.lang.ref.WeakReference<Object> known = views.get(value);
            Object view = known == null ? null : known.get();
            if (view != null) {
                return view;
            }
        }
        Object view = make(cls, value);
        synchronized (views) {
            java.lang.ref.WeakReference<Object> raced = views.get(value);
            Object other = raced == null ? null : raced.get();
            if (other != null) {
                return other;
            }
            views.put(value, new java.lang.ref.WeakReference<>(view));
        }
        presentations.remember(view, value);
        return view;
    }

    /** The hub's multiplexed object: bound to the hub's own leaf when the hub registered a class for its tag. */
    @TruffleBoundary
    public Object hubObject(Cacheables.Entry entry) {
        Object cls = classes.get(entry.tag());
        if (cls == null) {
            return entry;
        }
        Object view = make(cls, entry);
        entry.bindHubView(view, classSide(cls), invoker(view));
        presentations.remember(view, entry);
        return view;
    }

    /** Runs {@code remote_name(args)} on the leaf, if its class has that method (a leaf that knows nothing ignores it). */
    @TruffleBoundary
    public void run(Object view, Object cls, String tag, String name, Object[] args) {
        if (cls == null || !(view instanceof JavaLeaf java ? InteropLibrary.getUncached().isMemberInvocable(java.instance, "remote_" + name) : hasMethod(cls, "remote_" + name))) {
            return;
        }
        try {
            call(view, "remote_" + name, args);
        } catch (InteropException | RuntimeException e) {
            if (e instanceof com.oracle.truffle.api.exception.AbstractTruffleException || e instanceof InteropException) {
                System.err.println("yonder: remote_" + name + " of a " + tag + " leaf failed: " + e.getMessage());
            } else {
                throw (RuntimeException) e;
            }
        }
    }

    /** The class registered for a tag, or null. */
    public Object classOf(String tag) {
        return tag == null ? null : classes.get(tag);
    }

    /**
     * An instance of a registered class that is not a leaf (a leaf goes as the object it stands for): its tag and its
     * own data members, to become a multiplexed object of the peer's ({@code LocalSpace.leafInstance}).
     */
    @TruffleBoundary
    public NewMultiplexed leafInstance(Object value) {
        if (classes.isEmpty() || value instanceof com.oracle.truffle.api.interop.TruffleObject == false) {
            return null;
        }
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            if (interop.isExecutable(value) || interop.isMetaObject(value) || !interop.hasMembers(value)) {
                return null;
            }
            for (Map.Entry<String, Object> e : classes.entrySet()) {
                Object cls = e.getValue();
                if (interop.isMetaObject(cls) && interop.isMetaInstance(cls, value)) {
                    return new NewMultiplexed(e.getKey(), ownData(value));
                }
            }
        } catch (InteropException e) {
            return null;
        }
        return null;
    }

    /** A JS object's own enumerable data members, a Python object's {@code __dict__}: its state, methods left out. */
    private static Object[] ownData(Object value) throws InteropException {
        InteropLibrary interop = InteropLibrary.getUncached();
        java.util.List<Object> items = new java.util.ArrayList<>();
        if ("python".equals(Receivers.ownerLanguage(value))) {
            Object dict = interop.readMember(value, "__dict__");
            Object it = interop.getHashEntriesIterator(dict);
            while (interop.hasIteratorNextElement(it)) {
                Object pair = interop.getIteratorNextElement(it);
                Object k = interop.readArrayElement(pair, 0);
                Object v = interop.readArrayElement(pair, 1);
                if (interop.isString(k) && !interop.asString(k).startsWith("_") && !interop.isExecutable(v)) {
                    items.add(interop.asString(k));
                    items.add(v);
                }
            }
            return items.toArray();
        }
        Object names = interop.getMembers(value);
        long n = interop.getArraySize(names);
        for (long i = 0; i < n; i++) {
            String k = interop.asString(interop.readArrayElement(names, i));
            Object v = interop.readMember(value, k);
            if (!interop.isExecutable(v)) {
                items.add(k);
                items.add(v);
            }
        }
        return items.toArray();
    }

    private Object make(Object cls, Object core) {
        String language = Receivers.ownerLanguage(cls);
        if ("js".equals(language)) {
            return GuestFunction.call("cannot make a JS leaf", jsPart(0), cls, core);
        }
        if ("python".equals(language)) {
            // The core goes in a holder with no members: Python code reaches it only through member and write, and
            // GraalPy's look at a call's arguments costs no round trip to the hub.
            return GuestFunction.call("cannot make a Python leaf", pythonFactory(), cls, new Core(core));
        }
        return JavaLeaf.of(cls, core);
    }

    /** What peers reach through the reference on a hub: a JS class's prototype, a Python class, a Java object. */
    private static Object classSide(Object cls) {
        if ("js".equals(Receivers.ownerLanguage(cls))) {
            try {
                return InteropLibrary.getUncached().readMember(cls, "prototype");
            } catch (InteropException e) {
                return null;
            }
        }
        return "python".equals(Receivers.ownerLanguage(cls)) ? cls : null;
    }

    private static boolean hasMethod(Object cls, String method) {
        InteropLibrary interop = InteropLibrary.getUncached();
        Object side = classSide(cls);
        if (side == null) {
            return true;   // a Java class: JavaLeaf answers
        }
        try {
            return interop.isMemberReadable(side, method) && interop.isExecutable(interop.readMember(side, method));
        } catch (InteropException e) {
            return false;
        }
    }

    /** A Python leaf's core, opaque to Python. */
    @com.oracle.truffle.api.library.ExportLibrary(InteropLibrary.class)
    static final class Core implements com.oracle.truffle.api.interop.TruffleObject {
        final Object core;

        Core(Object core) {
            this.core = core;
        }

        @com.oracle.truffle.api.library.ExportMessage
        Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
            return "leaf state";
        }
    }

    private static Object unwrap(Object core) {
        return core instanceof Core c ? c.core : core;
    }

    /** Whether a leaf's core (its replica, or the hub's state) has this member in its state. */
    static boolean inState(Object core, String name) {
        core = unwrap(core);
        return core instanceof Replica r ? r.inState(name) : core instanceof Cacheables.Entry e && e.inState(name);
    }

    private static final GuestFunction IN_STATE = new GuestFunction("inState", 2, args -> {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            return interop.isString(args[1]) && inState(args[0], interop.asString(args[1]));
        } catch (com.oracle.truffle.api.interop.UnsupportedMessageException e) {
            return false;
        }
    });

    /** {@code member(core, name)}: [found, value], the core's member (the state's, a shout, the reference's). */
    private static final GuestFunction MEMBER = new GuestFunction("member", 2, args -> {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            String name = interop.asString(args[1]);
            Object core = unwrap(args[0]);
            if (!interop.isMemberReadable(core, name)) {
                return new org.yonder.objspace.marshal.ImmutableArray(new Object[]{false, org.yonder.objspace.marshal.YonderNull.INSTANCE});
            }
            return new org.yonder.objspace.marshal.ImmutableArray(new Object[]{true, interop.readMember(core, name)});
        } catch (com.oracle.truffle.api.interop.UnknownIdentifierException e) {
            return new org.yonder.objspace.marshal.ImmutableArray(new Object[]{false, org.yonder.objspace.marshal.YonderNull.INSTANCE});
        } catch (InteropException e) {
            throw YonderError.create("cannot read the leaf's member: " + e.getMessage());
        }
    });

    /** {@code write(core, name, value)}: writes a state member through to the hub (or on the hub, its state). */
    private static final GuestFunction WRITE = new GuestFunction("write", 3, args -> {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            interop.writeMember(unwrap(args[0]), interop.asString(args[1]), args[2]);
            return null;
        } catch (InteropException e) {
            throw YonderError.create("cannot write the leaf's state: " + e.getMessage());
        }
    });

    private synchronized Object jsPart(int which) {
        if (jsFactory == null) {
            Object make = env.parsePublic(Source.newBuilder("js", JS, "yonder-leaves.js").internal(true).build()).call();
            jsFactory = GuestFunction.call("cannot make the JS leaf factory", make, IN_STATE);
        }
        try {
            return InteropLibrary.getUncached().readArrayElement(jsFactory, which);
        } catch (InteropException e) {
            throw YonderError.create("cannot make the JS leaf factory: " + e.getMessage());
        }
    }

    /** How a method of a leaf's class is called on the leaf: for a JS leaf (a Proxy), through JS; else null (invokeMember). */
    private Object invoker(Object view) {
        return "js".equals(Receivers.ownerLanguage(view)) ? jsPart(1) : null;
    }

    /** Calls the leaf's method {@code name} (of its class) with {@code args}. */
    Object call(Object view, String name, Object[] args) throws InteropException {
        return Cacheables.callLeafMethod(invoker(view), view, name, args);
    }

    private synchronized Object pythonFactory() {
        if (pythonFactory == null) {
            Object make = env.parsePublic(Source.newBuilder("python", PYTHON, "yonder_leaves.py").internal(true).build()).call();
            pythonFactory = GuestFunction.call("cannot make the Python leaf factory", make, IN_STATE, MEMBER, WRITE);
        }
        return pythonFactory;
    }

    /** A JS leaf: a Proxy over an object of the class's prototype; the class's members, then the state, then the reference. */
    private static final String JS = """
                    (function (inState) {
                      'use strict';
                      const str = (k) => typeof k === 'string';
                      // A method of the leaf's class run on the leaf (interop's invokeMember on a Proxy would ask its traps
                      // whether the member is invocable first, which a Proxy does not answer).
                      const call = (view, name, ...args) => Reflect.apply(Reflect.get(view, name), view, args);
                      return [function leaf(cls, core) {
                        const target = Object.create(cls.prototype);
                        return new Proxy(target, {
                          get(t, k, r) { return !str(k) || k in t ? Reflect.get(t, k, r) : core[k]; },
                          set(t, k, v, r) {
                            if (str(k) && !(k in t) && inState(core, k)) { core[k] = v; return true; }
                            return Reflect.set(t, k, v, r);
                          },
                          has(t, k) { return k in t || str(k) && inState(core, k); },
                          ownKeys(t) {
                            const keys = Reflect.ownKeys(t);
                            for (const k of Object.keys(core)) if (!keys.includes(k)) keys.push(k);
                            return keys;
                          },
                          getOwnPropertyDescriptor(t, k) {
                            const d = Reflect.getOwnPropertyDescriptor(t, k);
                            if (d !== undefined || !str(k) || !inState(core, k)) return d;
                            return { value: core[k], writable: true, enumerable: true, configurable: true };
                          },
                          deleteProperty(t, k) {
                            if (str(k) && !Object.hasOwn(t, k) && inState(core, k)) { delete core[k]; return true; }
                            return Reflect.deleteProperty(t, k);
                          },
                        });
                      }, call];
                    })
                    """;

    /** A Python leaf: an instance of a subclass of the class; __getattr__ (after the class) reads the state, then the reference. */
    private static final String PYTHON = """
                    def make(in_state, member, write):
                        subclasses = {}
                        def leaf(cls, core):
                            sub = subclasses.get(cls)
                            if sub is None:
                                def __getattr__(self, name):
                                    if name.startswith('__'):
                                        raise AttributeError(name)
                                    c = object.__getattribute__(self, '_yonder_leaf')
                                    found, value = member(c, name)
                                    if not found:
                                        raise AttributeError("'%s' leaf has no attribute '%s'" % (cls.__name__, name))
                                    return value
                                def __setattr__(self, name, value):
                                    c = object.__getattribute__(self, '_yonder_leaf')
                                    if name not in object.__getattribute__(self, '__dict__') and not hasattr(type(self), name) and in_state(c, name):
                                        write(c, name, value)
                                    else:
                                        object.__setattr__(self, name, value)
                                sub = type(cls.__name__, (cls,), {'__getattr__': __getattr__, '__setattr__': __setattr__,
                                                                  '__module__': cls.__module__, '__qualname__': cls.__qualname__})
                                subclasses[cls] = sub
                            obj = object.__new__(sub)
                            object.__setattr__(obj, '_yonder_leaf', core)
                            return obj
                        return leaf
                    make
                    """;
}
