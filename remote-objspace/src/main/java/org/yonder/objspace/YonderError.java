package org.yonder.objspace;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

/**
 * An error of the object space itself, raised as a guest exception: a disconnected peer, a protocol error, an unknown
 * object id, an exceeded limit. Guest code catches it with its own try/catch; its message says what went wrong.
 */
public final class YonderError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private YonderError(String message, Node location) {
        super(message, location);
    }

    @TruffleBoundary
    public static YonderError create(String message) {
        return new YonderError("yonder: " + message, null);
    }

    @TruffleBoundary
    public static YonderError create(String message, Node location) {
        return new YonderError("yonder: " + message, location);
    }

    @TruffleBoundary
    public static YonderError disconnected(String peer, String why) {
        return new YonderError("yonder: peer disconnected (" + peer + "): " + why, null);
    }
}
