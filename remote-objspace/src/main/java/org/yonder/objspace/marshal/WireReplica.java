package org.yonder.objspace.marshal;

/**
 * A cacheable object on the wire (Tag.REPLICA): its reference and its state at one version. A publishable one has its
 * publish key and the digest of its state; with a key and no digest it is "fresh": the receiver has that state stored
 * (items empty). A multiplexed one has its copy tag and the sequence number of the last shout its state has seen, and,
 * when its hub runs on a backbone, the channel its shouts come on (else null).
 */
public record WireReplica(WireRef ref, long incarnation, long counter, boolean array, Object[] items, String key, String digest, String tag, long seq, BackboneChannel channel) {
    public WireReplica(WireRef ref, long incarnation, long counter, boolean array, Object[] items) {
        this(ref, incarnation, counter, array, items, null, null, null, 0, null);
    }

    public WireReplica(WireRef ref, long incarnation, long counter, boolean array, Object[] items, String key, String digest) {
        this(ref, incarnation, counter, array, items, key, digest, null, 0, null);
    }
}
