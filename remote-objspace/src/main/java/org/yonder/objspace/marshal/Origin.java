package org.yonder.objspace.marshal;

/**
 * Where an object really lives: the owning context's random space id and the object's serial there. It travels with
 * the first reference to each export of a session, and survives forwarding, so that an object of the receiver's own
 * comes home as itself through a third process, and two proxies of one session reached through two paths know they
 * stand for one object. It is the sender's claim: the receiver never compares origins across sessions.
 */
public record Origin(long space, long serial) {
}
