package org.yonder.objspace.marshal;

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
    public static final int ALL = (1 << 25) - 1;
    /** Most own members an object may have and still be sent as {@link #DATA}. */
    public static final int MAX_DATA_MEMBERS = 64;
    /** The traits that make a value an object rather than a plain primitive, date or time. */
    public static final int OBJECT_TRAITS = MEMBERS | EXECUTABLE | INSTANTIABLE | ARRAY | HASH | ITERATOR | ITERABLE | META_OBJECT | EXCEPTION | BUFFER;

    private final int traits;
    /** Names of the value's meta-object, for display and errors; null when it has none. */
    private final String metaQualifiedName;
    private final String metaSimpleName;
    /** When the value is itself a meta-object: its own names. */
    private final String ownQualifiedName;
    private final String ownSimpleName;

    public Shape(int traits, String metaQualifiedName, String metaSimpleName, String ownQualifiedName, String ownSimpleName) {
        this.traits = traits;
        this.metaQualifiedName = metaQualifiedName;
        this.metaSimpleName = metaSimpleName;
        this.ownQualifiedName = ownQualifiedName;
        this.ownSimpleName = ownSimpleName;
    }

    public boolean has(int trait) {
        return (traits & trait) != 0;
    }

    /** This shape with {@code trait} added. */
    public Shape with(int trait) {
        return new Shape(traits | trait, metaQualifiedName, metaSimpleName, ownQualifiedName, ownSimpleName);
    }

    public int traits() {
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
                        Objects.equals(s.ownSimpleName, ownSimpleName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(traits, metaQualifiedName, metaSimpleName, ownQualifiedName, ownSimpleName);
    }

    @Override
    public String toString() {
        return "Shape[" + Integer.toBinaryString(traits) + ", " + metaQualifiedName + "]";
    }
}
