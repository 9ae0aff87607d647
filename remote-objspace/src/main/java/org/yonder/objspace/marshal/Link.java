package org.yonder.objspace.marshal;

/**
 * In a stored replica's state only, never on the wire: a nested publishable object, by its publish key (Tag.LINK).
 * The client's store resolves it to that object's replica when it rebuilds the state.
 */
public record Link(String key) {
}
