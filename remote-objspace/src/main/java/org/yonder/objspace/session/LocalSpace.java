package org.yonder.objspace.session;

/** What a session needs from the context it serves: its named roots, and which of its values are host objects. */
public interface LocalSpace {
    /** The root called {@code name}, or null when there is none. Called on the context's thread. */
    Object lookup(String name);

    /** The names of the roots. Called on the context's thread. */
    String[] names();

    /** Whether a value is a Java host object (never copied, since it keeps its Java identity and methods). */
    boolean isHostObject(Object value);

    /**
     * This context's own form of a value that arrived as a stand-in for a language's own kind (a
     * {@link org.yonder.objspace.marshal.YonderUndefined}, a {@link org.yonder.objspace.marshal.BigIntegerValue} that
     * was a JS BigInt), or the value itself. Called on a thread entered in the context, for each value an answer or a
     * request hands to guest code.
     */
    default Object present(Object value) {
        return value;
    }

    /** The serials of this context's objects, shared by all its sessions. */
    org.yonder.objspace.local.Origins origins();
}
