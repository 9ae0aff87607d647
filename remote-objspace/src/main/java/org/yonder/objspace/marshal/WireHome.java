package org.yonder.objspace.marshal;

/** An outgoing reference to an object the peer owns: it unwraps to the original on arrival. */
public record WireHome(long id) {
}
