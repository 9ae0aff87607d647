package org.yonder.objspace.marshal;

/** A slot of a batch answer that the owner left empty. Never handed to a guest. */
public final class Absent {
    public static final Absent INSTANCE = new Absent();

    private Absent() {
    }
}
