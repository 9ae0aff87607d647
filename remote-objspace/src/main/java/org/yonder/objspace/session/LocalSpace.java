package org.yonder.objspace.session;

/** What a session needs from the context it serves: its named roots, and which of its values are host objects. */
public interface LocalSpace {
    /** The root called {@code name}, or null when there is none. Called on the context's thread. */
    Object lookup(String name);

    /** The context's cacheable objects, or null while it has none: their changes go out before each answer. */
    /**
     * A leaf's shout to a multiplexed object of this side's ({@code object}: a hub's object, or a replica this side
     * repeats): sequenced and sent to every leaf, and run on this side's own leaf if it has one. On the context's thread.
     */
    default void shoutAtHub(Object object, String name, Object[] args) {
    }

    /** The hub's shout, taken by this side's leaf {@code leaf}: its {@code remote_name(args)} runs. On the context's thread. */
    default void shoutAtLeaf(ImportedReplica leaf, String name, Object[] args) {
    }

    /** A peer's instance of a leaf class (NEW_MULTIPLEXED): a new multiplexed object of this side's with that state. */
    default Object newMultiplexed(String tag, Object[] items) throws org.yonder.objspace.wire.ProtocolException {
        throw new org.yonder.objspace.wire.ProtocolException("this side holds no multiplexed objects (NEW_MULTIPLEXED)");
    }

    /** An instance of a class this side registered as a leaf class, not yet multiplexed: its tag and state; else null. */
    default org.yonder.objspace.marshal.NewMultiplexed leafInstance(Object value) {
        return null;
    }

    /**
     * The backbone a leaf of a hub on one follows, whose REPLICA named {@code url} (docs/multiplex-nats.md): this
     * side's own {@code yonder.Backbone} if set, else that url if {@code mayUseNamed} (the hub is a peer this side
     * connected to, not one that connected here). Throws when this side has none or cannot reach it.
     */
    default org.yonder.objspace.backbone.NatsBackbone backbone(String url, boolean mayUseNamed) {
        throw org.yonder.objspace.YonderError.create("this side cannot follow a hub on a message backbone");
    }

    default org.yonder.objspace.local.Cacheables cacheables() {
        return null;
    }

    /**
     * Where this side keeps the publishable replicas it holds (as a client), or null for nowhere; unless
     * {@code create}, null too while nothing was ever stored.
     */
    default org.yonder.objspace.store.ReplicaStore replicaStore(boolean create) {
        return null;
    }

    /** This side's persistent identity as a server (its HELLO answer names it), or null when it has none. */
    default String identity() {
        return null;
    }

    /** The names of the roots. Called on the context's thread. */
    String[] names();

    /** Whether a value is a Java host object (never copied, since it keeps its Java identity and methods). */
    boolean isHostObject(Object value);

    /**
     * This context's own form of a value that arrived as a stand-in for a language's own kind (a
     * {@link org.yonder.objspace.marshal.YonderUndefined}, a {@link org.yonder.objspace.marshal.BigIntegerValue} that
     * was a JS BigInt, an {@link org.yonder.objspace.marshal.ImmutableArray} that was a Python tuple), or the value
     * itself. {@code location} is the node of the guest call that receives it (an answer), or null (the arguments of
     * a request, for {@code target}). Called on a thread entered in the context.
     */
    default Object present(Object value, com.oracle.truffle.api.nodes.Node location, Object target) {
        return value;
    }

    /**
     * As {@link #present} for a request's argument, for a value the request stores ({@code WRITE_MEMBER},
     * {@code WRITE_ARRAY_ELEMENT}, {@code WRITE_HASH_ENTRY}) rather than passes to a call: a function stored in an object
     * is called later as its method, with a {@code this}.
     */
    default Object presentStored(Object value, Object target) {
        return present(value, null, target);
    }

    /** Whether {@link #present} may change {@code value}: a cheap test for the hot paths. */
    static boolean presentable(Object value) {
        return value instanceof org.yonder.objspace.marshal.YonderUndefined || value instanceof org.yonder.objspace.marshal.BigIntegerValue ||
                        value instanceof org.yonder.objspace.marshal.YonderNull || value instanceof ImportedReplica r && r.tag() != null || value instanceof org.yonder.objspace.local.Cacheables.Entry e && e.hubView() != null ||
                        value instanceof org.yonder.objspace.marshal.ImmutableArray a && a.isPythonKind() ||
                        value instanceof org.yonder.objspace.marshal.Proxy p && (p.shape().has(org.yonder.objspace.marshal.Shape.DATA | org.yonder.objspace.marshal.Shape.EXECUTABLE | org.yonder.objspace.marshal.Shape.PYTHON) ||
                                        p.shape().has(org.yonder.objspace.marshal.Shape.JS) && (!p.shape().has(org.yonder.objspace.marshal.Shape.ARRAY) || typedArrayName(p.shape().metaSimpleName())));
    }

    /**
     * As {@link #presentable}, for a guest value (a member's value, an element, a call's argument or result; see
     * Opcode.carriesGuestValues): a frozen array copied whole too, which a JS receiver makes its own frozen array. Not
     * for the protocol's own lists (member names, meta parents), which travel as the same immutable arrays.
     */
    static boolean presentableValue(Object value) {
        return value instanceof org.yonder.objspace.marshal.ImmutableArray || presentable(value);
    }

    /** A JS typed array's kind (Int32Array, ...; the presenter checks the exact names): other JS arrays stay foreign. */
    private static boolean typedArrayName(String meta) {
        return meta != null && meta.endsWith("Array") && !meta.equals("Array");
    }

    /**
     * The guest language that a remote object of {@code shape} belongs to on its owner ({@code Shape.JS},
     * {@code Shape.PYTHON}), when this side has that language too; null otherwise. A remote object names it as its
     * language, so that a host caller's messages describe it as the owner's kind of value.
     */
    default Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> languageOf(org.yonder.objspace.marshal.Shape shape) {
        return null;
    }

    /**
     * Whether the guest that calls at {@code location} (null for a host call) lists an array's element indices
     * itself when it asks for the members of a foreign array, as GraalJS does ({@code Object.keys}, {@code for..in}).
     * For other callers a remote JS array's member list starts with its indices, as the local array's does.
     */
    default boolean listsArrayIndices(com.oracle.truffle.api.nodes.Node location) {
        return true;
    }

    /**
     * What a local value stands for when it is sent: the remote object that {@link #present} presented as it (it
     * goes back as the peer's own reference), or the value itself.
     */
    default Object original(Object value) {
        return value;
    }

    /**
     * What to throw into the guest that called at {@code location} (null for a host call) for an exception the peer
     * answered: a native exception of the caller's language standing for it, or {@code thrown} itself.
     */
    default RuntimeException presentThrown(RuntimeException thrown, com.oracle.truffle.api.nodes.Node location) {
        return thrown;
    }

    /**
     * Calls {@code target} (or its member {@code member}, when not null) with positional and keyword arguments, as
     * its own language does ({@code f(*args, **kwargs)} in Python). Interop has no keyword arguments, so only a
     * language that has them can; the others refuse with UnsupportedTypeException. Called on a thread entered in
     * the context.
     */
    default Object callWithKeywords(Object target, String member, Object[] positional, org.yonder.objspace.marshal.Keywords keywords)
                    throws com.oracle.truffle.api.interop.InteropException {
        throw com.oracle.truffle.api.interop.UnsupportedTypeException.create(new Object[]{keywords},
                        "keyword arguments (" + String.join(", ", keywords.names()) + ") need a Python callee");
    }

    /**
     * The shape traits of a local value that only its language can tell: {@link org.yonder.objspace.marshal.Shape#PYTHON}
     * for an object of Python code, whose {@link #guestOperation}s this side answers. Called when it is exported.
     */
    default long languageTraits(Object value) {
        return 0;
    }

    /** The objects peers may read but not change (see local/ReadOnly); null when the space has none. */
    default org.yonder.objspace.local.ReadOnly readOnly() {
        return null;
    }

    /** What this space's sessions share against the context-wide limits; one per space (a new one each call counts nothing together). */
    default SharedBudget budget() {
        return new SharedBudget();
    }

    /**
     * Why a local value must never go to a peer by reference, or null: the language's and the host's machinery that
     * turns a reference into code execution (the JS global object, {@code Function}, {@code eval}; Python frames, code
     * objects, modules and the builtins that run code; Java {@code Class}, reflection, class loaders, {@code Runtime},
     * processes, threads and files). Asked for every value about to be exported, unless the session exposes all.
     */
    default String refusal(Object value) {
        return null;
    }

    /**
     * Runs the jobs the target's language queued while a request was served (JS's promise reactions, which GraalJS
     * otherwise runs only when JS is next entered from the top), before the answer goes out: a promise the request
     * settled, or a {@code then} it registered on a settled one, calls back now. {@code target} may be null.
     */
    default void settleJobs(Object target) {
    }

    /** Runs the context's queued promise jobs, whatever their target (after a future's callback ran). */
    default void runJobs() {
    }

    /**
     * The names of a plain JS object's own members that hold functions (its methods), sent in its shape so that a JS
     * receiver calls them with no read first; null for any other value. Called when it is exported.
     */
    default java.util.List<String> methodNames(Object value) {
        return null;
    }

    /**
     * Applies the operation {@code name} of the target's own language to it, by that language's rules
     * ({@code GUEST_OPERATION}; for Python: {@code repr(t)}, {@code t == args[0]}, {@code len(t)}, ...). Only the
     * operations of the language's fixed table exist; any other name is an UnsupportedMessageException. Called on a
     * thread entered in the context.
     */
    default Object guestOperation(Object target, String name, Object[] args) throws com.oracle.truffle.api.interop.InteropException {
        throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
    }

    /** The serials of this context's objects, shared by all its sessions. */
    org.yonder.objspace.local.Origins origins();
}
