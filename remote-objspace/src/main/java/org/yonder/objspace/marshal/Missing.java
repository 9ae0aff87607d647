package org.yonder.objspace.marshal;

/**
 * A HOME reference to an id this side does not export (released, never exported, or from a cleared session). The
 * request or reply that carried it fails with an error naming the id; the connection stays up.
 */
public record Missing(long id) {
}
