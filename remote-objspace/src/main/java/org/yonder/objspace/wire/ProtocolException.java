package org.yonder.objspace.wire;

import java.io.IOException;

/** A frame that breaks protocol v1. The connection that sent it gets a PROTOCOL_ERROR frame and is closed. */
public final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
