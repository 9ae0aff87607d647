package org.yonder.objspace.marshal;

/**
 * An outgoing reference to an object this side exports; its shape is interned when the frame is packed.
 * {@code elements} is a call-scoped snapshot of a small argument array (null when there is none); {@code origin} goes
 * with the first reference to each export of a session.
 */
public record WireRef(long id, Shape shape, ExceptionInfo exception, Object[] elements, Origin origin) {
    public WireRef(long id, Shape shape, ExceptionInfo exception) {
        this(id, shape, exception, null, null);
    }

    public WireRef withElements(Object[] snapshot) {
        return new WireRef(id, shape, exception, snapshot, origin);
    }
}
