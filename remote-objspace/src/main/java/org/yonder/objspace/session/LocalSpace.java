package org.yonder.objspace.session;

/** What a session needs from the context it serves: its named roots, and which of its values are host objects. */
public interface LocalSpace {
    /** The root called {@code name}, or null when there is none. Called on the context's thread. */
    Object lookup(String name);

    /** The names of the roots. Called on the context's thread. */
    String[] names();

    /** Whether a value is a Java host object (never copied, since it keeps its Java identity and methods). */
    boolean isHostObject(Object value);

    /** The serials of this context's objects, shared by all its sessions. */
    org.yonder.objspace.local.Origins origins();
}
