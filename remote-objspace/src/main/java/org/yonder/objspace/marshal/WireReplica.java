package org.yonder.objspace.marshal;

/** A cacheable object on the wire (Tag.REPLICA): its reference and its state at one version. */
public record WireReplica(WireRef ref, long incarnation, long counter, boolean array, Object[] items) {
}
