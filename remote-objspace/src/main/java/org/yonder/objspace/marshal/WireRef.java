package org.yonder.objspace.marshal;

/** An outgoing reference to an object this side exports; its shape is interned when the frame is packed. */
public record WireRef(long id, Shape shape, ExceptionInfo exception) {
}
