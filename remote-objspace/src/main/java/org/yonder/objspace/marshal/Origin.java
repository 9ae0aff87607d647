package org.yonder.objspace.marshal;

/**
 * Where an object really lives: the owning context's random space id and the object's serial there. It travels with
 * the first reference to each export of a session, and survives forwarding, so two proxies reached through different
 * sessions (directly, and through a peer that forwards its own proxy) know they stand for the same object.
 */
public record Origin(long space, long serial) {
}
