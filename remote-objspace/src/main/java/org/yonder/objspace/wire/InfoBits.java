package org.yonder.objspace.wire;

/**
 * The bits of a MEMBER_INFO, ARRAY_ELEMENT_INFO or HASH_ENTRY_INFO answer: every info question about one member, index
 * or key, answered at once by the owner.
 */
public final class InfoBits {
    public static final int READABLE = 1;
    public static final int MODIFIABLE = 2;
    public static final int INSERTABLE = 4;
    public static final int REMOVABLE = 8;
    public static final int INVOCABLE = 16;
    public static final int INTERNAL = 32;
    public static final int READ_SIDE_EFFECTS = 64;
    public static final int WRITE_SIDE_EFFECTS = 128;
    public static final int EXISTING = 256;

    private InfoBits() {
    }
}
