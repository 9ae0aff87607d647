package org.yonder.objspace.marshal;

import java.util.List;
import java.util.Objects;

/**
 * The interned remote type of a reference: which interop traits the object has and the names of its meta-object. It
 * travels once per session and direction; every type question a guest asks is answered from it with no round trip.
 * Shapes are compared by value, so the receiver holds one instance per type, which inline caches can key on.
 */
public final class Shape {
    public static final int MEMBERS = 1;
    public static final int EXECUTABLE = 1 << 1;
    public static final int INSTANTIABLE = 1 << 2;
    public static final int ARRAY = 1 << 3;
    public static final int HASH = 1 << 4;
    public static final int ITERATOR = 1 << 5;
    public static final int ITERABLE = 1 << 6;
    public static final int META_OBJECT = 1 << 7;
    public static final int EXCEPTION = 1 << 8;
    public static final int HAS_META_OBJECT = 1 << 9;
    public static final int BUFFER = 1 << 10;
    public static final int BUFFER_WRITABLE = 1 << 11;
    public static final int EXECUTABLE_NAME = 1 << 12;
    public static final int SOURCE_LOCATION = 1 << 13;
    public static final int META_PARENTS = 1 << 14;
    /** Facets of an object that is also a primitive or a date (a Java BigInteger, a JS Date): see Marshal. */
    public static final int NUMBER = 1 << 15;
    public static final int STRING = 1 << 16;
    public static final int BOOLEAN = 1 << 17;
    public static final int DATE = 1 << 18;
    public static final int TIME = 1 << 19;
    public static final int TIME_ZONE = 1 << 20;
    public static final int DURATION = 1 << 21;
    /**
     * A record: an extensible object of its language's plain kind (meta-object {@code Object}, not a host object,
     * not an array) whose own members, at most {@link #MAX_DATA_MEMBERS}, hold no functions when it is sent. A
     * receiver may present it as its own kind of object (the JS presenter does).
     */
    public static final int DATA = 1 << 22;
    /**
     * An object of the owner's Python code: a Python receiver may present it as a Python object of its own, whose
     * protocol ({@code repr}, {@code ==}, {@code len}, ...) the owner applies ({@code GUEST_OPERATION}).
     */
    public static final int PYTHON = 1 << 23;
    /**
     * An object of the owner's JS code: a JS receiver may present it as a JS object of its own, with a prototype chain
     * the owner describes ({@code GUEST_OPERATION}).
     */
    public static final int JS = 1 << 24;
    /**
     * Facts of a plain JS object of the owner's code (an ordinary object, not an array, function or built-in kind)
     * that interop does not tell and a JS receiver needs to present it as the same kind of object: its prototype is
     * null ({@code Object.create(null)}), or another plain object of the owner's ({@code Object.create(proto)}); it
     * is not extensible ({@code Object.seal}, {@code preventExtensions}); it is frozen.
     */
    public static final int JS_NULL_PROTO = 1 << 25;
    public static final int JS_OWN_PROTO = 1 << 26;
    public static final int NOT_EXTENSIBLE = 1 << 27;
    public static final int FROZEN = 1 << 28;
    /**
     * A plain JS object of the owner's with own members that interop's member list leaves out: names that are not
     * enumerable ({@code Object.defineProperty(o, k, {enumerable: false})}) or symbol keys. A JS receiver asks for
     * its own names when it lists them ({@code Object.getOwnPropertyNames}, {@code Reflect.ownKeys}), and reads a
     * symbol-keyed member of it from the owner.
     */
    public static final int JS_HIDDEN_MEMBERS = 1 << 29;
    /**
     * A generator object of the owner's JS code (what calling a {@code function*} returns; GraalJS gives it no
     * meta-object): a JS receiver presents it as a generator of its own that delegates to it.
     */
    public static final int JS_GENERATOR = 1 << 30;
    /**
     * With {@link #JS_GENERATOR}: an async generator object of the owner's JS code (what calling an
     * {@code async function*} returns): a JS receiver presents it as an async generator of its own.
     */
    public static final long JS_ASYNC = 1L << 31;
    /** Every trait this version knows: any other bit of a shape definition is a protocol error. */
    public static final long ALL = (1L << 32) - 1;
    /** Most own members an object may have and still be sent as {@link #DATA}. */
    public static final int MAX_DATA_MEMBERS = 64;
    /** The traits that make a value an object rather than a plain primitive, date or time. */
    public static final int OBJECT_TRAITS = MEMBERS | EXECUTABLE | INSTANTIABLE | ARRAY | HASH | ITERATOR | ITERABLE | META_OBJECT | EXCEPTION | BUFFER;

    private final long traits;
    /** Names of the value's meta-object, for display and errors; null when it has none. */
    private final String metaQualifiedName;
    private final String metaSimpleName;
    /** When the value is itself a meta-object: its own names. */
    private final String ownQualifiedName;
    private final String ownSimpleName;
    /**
     * The names of a plain JS object's own members that held functions when it was sent (its methods; at most
     * {@link #MAX_DATA_MEMBERS}), or null: a JS receiver calls them by name with no read first. Objects with the same
     * methods share a shape, so it crosses once.
     */
    private final List<String> methods;
    /**
     * Which of the owner's meta-objects with these same names (and traits) the value's is, numbered in the order the
     * session first sent them: 0 for the first. Two classes may share a name (a class made by a factory, two modules'
     * {@code Dog}s); a receiver that keeps facts of the meta-object per shape (a presented prototype chain or class)
     * keeps them apart by this number. {@link #UNSHARED} past {@link #MAX_VARIANTS}: ask per object.
     */
    private final int variant;

    /** Most meta-objects of the same names a session numbers apart; later ones are {@link #UNSHARED}. */
    public static final int MAX_VARIANTS = 64;
    /** The variant of a value whose meta-object's facts must be asked per object, not kept per shape. */
    public static final int UNSHARED = -1;

    public Shape(long traits, String metaQualifiedName, String metaSimpleName, String ownQualifiedName, String ownSimpleName) {
        this(traits, metaQualifiedName, metaSimpleName, ownQualifiedName, ownSimpleName, null);
    }

    public Shape(long traits, String metaQualifiedName, String metaSimpleName, String ownQualifiedName, String ownSimpleName, List<String> methods) {
        this(traits, metaQualifiedName, metaSimpleName, ownQualifiedName, ownSimpleName, methods, 0);
    }

    public Shape(long traits, String metaQualifiedName, String metaSimpleName, String ownQualifiedName, String ownSimpleName, List<String> methods, int variant) {
        if (variant < UNSHARED || variant >= MAX_VARIANTS) {
            throw new IllegalArgumentException("shape variant " + variant + " (from " + UNSHARED + " to " + (MAX_VARIANTS - 1) + ")");
        }
        this.traits = traits;
        this.metaQualifiedName = metaQualifiedName;
        this.metaSimpleName = metaSimpleName;
        this.ownQualifiedName = ownQualifiedName;
        this.ownSimpleName = ownSimpleName;
        this.methods = methods == null ? null : List.copyOf(methods);
        this.variant = variant;
    }

    public boolean has(long trait) {
        return (traits & trait) != 0;
    }

    /** This shape with {@code trait} added. */
    public Shape with(long trait) {
        return new Shape(traits | trait, metaQualifiedName, metaSimpleName, ownQualifiedName, ownSimpleName, methods, variant);
    }

    /** This shape with the method names {@code names} (see {@link #methods()}). */
    public Shape withMethods(List<String> names) {
        return new Shape(traits, metaQualifiedName, metaSimpleName, ownQualifiedName, ownSimpleName, names, variant);
    }

    /** This shape with the variant {@code n} (see {@link #variant()}). */
    public Shape withVariant(int n) {
        return n == variant ? this : new Shape(traits, metaQualifiedName, metaSimpleName, ownQualifiedName, ownSimpleName, methods, n);
    }

    /** See the field: 0 for the first meta-object of these names, {@link #UNSHARED} for one to ask about per object. */
    public int variant() {
        return variant;
    }

    /** The names of a plain JS object's methods when it was sent, or null. */
    public List<String> methods() {
        return methods;
    }

    public long traits() {
        return traits;
    }

    public String metaQualifiedName() {
        return metaQualifiedName;
    }

    public String metaSimpleName() {
        return metaSimpleName;
    }

    public String ownQualifiedName() {
        return ownQualifiedName;
    }

    public String ownSimpleName() {
        return ownSimpleName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.traits == traits && Objects.equals(s.metaQualifiedName, metaQualifiedName) &&
                        Objects.equals(s.metaSimpleName, metaSimpleName) && Objects.equals(s.ownQualifiedName, ownQualifiedName) &&
                        Objects.equals(s.ownSimpleName, ownSimpleName) && Objects.equals(s.methods, methods) && s.variant == variant;
    }

    @Override
    public int hashCode() {
        return Objects.hash(traits, metaQualifiedName, metaSimpleName, ownQualifiedName, ownSimpleName, methods) * 31 + variant;
    }

    @Override
    public String toString() {
        return "Shape[" + Long.toBinaryString(traits) + ", " + metaQualifiedName + "]";
    }
}
