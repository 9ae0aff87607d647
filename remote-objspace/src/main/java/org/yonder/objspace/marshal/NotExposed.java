package org.yonder.objspace.marshal;

/**
 * A local value that the exposure rule keeps from peers (the JS global object, {@code eval}, a Python frame or module,
 * a Java {@code Class} or {@code Runtime}: see {@code LocalSpace.refusal}) was about to go by reference. The request
 * that would have handed it out fails with this message; a member read of it finds the member absent.
 */
public final class NotExposed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotExposed(String what) {
        super(what + " is not exposed to peers (the exposure rule; a server can opt out with --yonder.ExposeAll)", null, false, false);
    }
}
