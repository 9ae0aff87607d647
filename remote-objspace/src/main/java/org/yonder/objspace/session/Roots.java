package org.yonder.objspace.session;

/** The named roots a serving context publishes. Called on the context's thread. */
public interface Roots {
    /** The root called {@code name}, or null when there is none. */
    Object lookup(String name);

    String[] names();
}
