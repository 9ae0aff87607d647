package org.yonder.objspace.marshal;

/**
 * A cacheable object on the wire (Tag.REPLICA): its reference and its state at one version. A publishable one has its
 * publish key and the digest of its state; with a key and no digest it is "fresh": the receiver has that state stored
 * (items empty).
 */
public record WireReplica(WireRef ref, long incarnation, long counter, boolean array, Object[] items, String key, String digest) {
    public WireReplica(WireRef ref, long incarnation, long counter, boolean array, Object[] items) {
        this(ref, incarnation, counter, array, items, null, null);
    }
}
