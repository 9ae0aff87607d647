package org.yonder.objspace.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

import org.yonder.objspace.marshal.Origin;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;

import org.yonder.objspace.YonderError;

/**
 * The objects one session exports (the LocalXXX side). Ids are session-local and never reused. Each export counts the
 * references sent; the peer releases them in batches, and an object leaves the table when its count reaches zero or
 * the session ends. The same object always gets the same id, so identity survives the round trip: by Java identity,
 * and for Java host objects (which arrive in fresh wrappers) by interop identity, between wrappers of the same Java
 * class. Interop identity is not enough for anything else: a JS method read through interop is a function bound to
 * its receiver, identical to the same method bound to another instance, so merging by it would run a later
 * instance's method against the earlier one (the "wrong receiver"). Likewise a JS iterator wrapper is identical to
 * its generator but has other traits.
 */
public final class ExportTable {
    private final HashMap<Long, LocalObject> byId = new HashMap<>();
    private final HashMap<Integer, List<LocalObject>> byIdentity = new HashMap<>();
    private final int maxExports;
    private final Predicate<Object> isHostObject;
    private final UnaryOperator<Object> original;
    private final Origins origins;
    private final ToLongFunction<Object> languageTraits;
    private final java.util.function.Function<Object, List<String>> methodNames;
    private long nextId = 1;

    public ExportTable(int maxExports, Predicate<Object> isHostObject, Origins origins) {
        this(maxExports, isHostObject, UnaryOperator.identity(), origins);
    }

    /** {@code original} answers what a local value stands for (see {@link #original(Object)}). */
    public ExportTable(int maxExports, Predicate<Object> isHostObject, UnaryOperator<Object> original, Origins origins) {
        this(maxExports, isHostObject, original, origins, value -> 0);
    }

    /** {@code languageTraits} answers the shape traits only the value's language can tell ({@code Shape.PYTHON}). */
    public ExportTable(int maxExports, Predicate<Object> isHostObject, UnaryOperator<Object> original, Origins origins, ToLongFunction<Object> languageTraits) {
        this(maxExports, isHostObject, original, origins, languageTraits, value -> null);
    }

    /** {@code methodNames} answers a plain JS object's method names (see {@code LocalSpace.methodNames}). */
    public ExportTable(int maxExports, Predicate<Object> isHostObject, UnaryOperator<Object> original, Origins origins, ToLongFunction<Object> languageTraits,
                    java.util.function.Function<Object, List<String>> methodNames) {
        this.methodNames = methodNames;
        this.maxExports = maxExports;
        this.isHostObject = isHostObject;
        this.original = original;
        this.origins = origins;
        this.languageTraits = languageTraits;
    }

    /** Why a local value must not go to a peer (see {@code LocalSpace.refusal}), or null; set by the session. */
    private java.util.function.Function<Object, String> refusal = value -> null;

    /** Sets what {@link #refusal} answers: the language's exposure rule, unless the session exposes everything. */
    private java.util.concurrent.atomic.AtomicLong total;
    private long maxTotal;

    /** Counts this table's exports in {@code counter} too, which all sessions of a context share, up to {@code max}. */
    public void limitTotal(java.util.concurrent.atomic.AtomicLong counter, long max) {
        this.total = counter;
        this.maxTotal = max;
    }

    public void refuseWith(java.util.function.Function<Object, String> rule) {
        this.refusal = rule;
    }

    /** Tells an instance of a leaf class (see {@code LocalSpace.leafInstance}); set by the session. */
    private java.util.function.Function<Object, org.yonder.objspace.marshal.NewMultiplexed> leafInstance = value -> null;

    public void leafInstancesBy(java.util.function.Function<Object, org.yonder.objspace.marshal.NewMultiplexed> rule) {
        this.leafInstance = rule;
    }

    /** An instance of a class this side registered as a leaf class: its copy tag and state; else null. */
    public org.yonder.objspace.marshal.NewMultiplexed leafInstance(Object value) {
        return leafInstance.apply(value);
    }

    /** Why {@code value} must not go to a peer by reference (the language's or the host's machinery), or null. */
    public String refusal(Object value) {
        return refusal.apply(value);
    }

    /** A plain JS object's method names, or null (see {@code LocalSpace.methodNames}). */
    public List<String> methodNames(Object value) {
        return methodNames.apply(value);
    }

    private final MetaVariants variants = new MetaVariants();

    /** {@code shape} of {@code value}, numbered apart from other meta-objects of the same names (see {@link MetaVariants}). */
    public org.yonder.objspace.marshal.Shape withVariant(org.yonder.objspace.marshal.Shape shape, Object value, InteropLibrary interop) {
        return MetaVariants.applies(shape) ? variants.of(shape, value, interop) : shape;
    }

    /** The shape traits of a local value that only its language can tell (see {@code LocalSpace.languageTraits}). */
    public long languageTraits(Object value) {
        return languageTraits.applyAsLong(value);
    }

    /**
     * The value that a local value stands for, or the value itself: a guest's presentation of a remote object (a JS
     * Proxy) goes back to its owner as that remote object, not as a new local one.
     */
    public Object original(Object value) {
        return original.apply(value);
    }

    /**
     * The origin to send with a reference: a local object's serial in this context, or for a forwarded proxy its
     * owner's ({@code known}). Sent with every reference, so a proxy made after a release crossed a reference on the
     * wire still learns it.
     */
    public Origin originOf(Object value, Origin known) {
        return known != null ? known : origins == null ? null : origins.originOf(value);
    }

    /** Whether a local value is a Java host object. */
    public boolean isHostObject(Object value) {
        return isHostObject.test(value);
    }

    /**
     * Exports a value for sending once more and returns its id. Must run on a thread entered in the value's context:
     * it asks the value for its interop identity.
     */
    public long export(Object value) {
        InteropLibrary interop = InteropLibrary.getUncached(value);
        boolean hasIdentity = isHostObject.test(value) && interop.hasIdentity(value);
        int hash;
        try {
            hash = hasIdentity ? interop.identityHashCode(value) : System.identityHashCode(value);
        } catch (UnsupportedMessageException e) {
            hasIdentity = false;
            hash = System.identityHashCode(value);
        }
        synchronized (this) {
            List<LocalObject> bucket = byIdentity.get(hash);
            if (bucket != null) {
                for (LocalObject candidate : bucket) {
                    if (candidate.value == value || candidate.hasIdentity && hasIdentity && candidate.value.getClass() == value.getClass() &&
                                    interop.isIdentical(value, candidate.value, InteropLibrary.getUncached(candidate.value))) {
                        candidate.references++;
                        return candidate.id;
                    }
                }
            }
            if (byId.size() >= maxExports) {
                throw YonderError.create("export limit of " + maxExports + " objects per session reached (yonder.MaxExports)");
            }
            if (total != null && total.incrementAndGet() > maxTotal) {
                total.decrementAndGet();
                throw YonderError.create("export limit of " + maxTotal + " objects in all sessions reached (yonder.MaxTotalExports)");
            }
            LocalObject entry = new LocalObject(nextId++, value, hash, hasIdentity);
            entry.references = 1;
            byId.put(entry.id, entry);
            byIdentity.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(entry);
            return entry.id;
        }
    }

    /** The id under which {@code value} (not a host object) is exported, or -1 when it is not. Counts no reference. */
    public synchronized long idOf(Object value) {
        List<LocalObject> bucket = byIdentity.get(System.identityHashCode(value));
        if (bucket != null) {
            for (LocalObject candidate : bucket) {
                if (candidate.value == value) {
                    return candidate.id;
                }
            }
        }
        return -1;
    }

    /** The exported object with this id, or null when there is none. */
    public synchronized Object get(long id) {
        LocalObject entry = byId.get(id);
        return entry == null ? null : entry.value;
    }

    /** The peer dropped {@code count} references to {@code id}. Unknown ids are ignored: the table may have been cleared. */
    public synchronized void release(long id, long count) {
        LocalObject entry = byId.get(id);
        if (entry == null) {
            return;
        }
        entry.references -= count;
        if (entry.references <= 0) {
            byId.remove(id);
            if (total != null) {
                total.decrementAndGet();
            }
            List<LocalObject> bucket = byIdentity.get(entry.identityHash);
            bucket.removeIf(e -> e == entry);
            if (bucket.isEmpty()) {
                byIdentity.remove(entry.identityHash);
            }
        }
    }

    public synchronized int size() {
        return byId.size();
    }

    /** Forgets every export: the peer is gone. */
    public synchronized void clear() {
        if (total != null) {
            total.addAndGet(-byId.size());
        }
        byId.clear();
        byIdentity.clear();
    }
}
