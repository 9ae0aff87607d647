package org.yonder.objspace.wire;

/**
 * What a THROW reply carries. {@link #GUEST} is a guest-language exception that crosses by reference; the interop
 * kinds cross by value with their data and are re-thrown as the same InteropException; {@link #YONDER} is an error of
 * the object space itself (unknown id, limit exceeded), raised as a guest-level YonderError.
 */
public enum ErrorKind {
    GUEST,
    UNSUPPORTED_MESSAGE,
    UNKNOWN_IDENTIFIER,
    INVALID_ARRAY_INDEX,
    ARITY,
    UNSUPPORTED_TYPE,
    STOP_ITERATION,
    UNKNOWN_KEY,
    INVALID_BUFFER_OFFSET,
    YONDER;

    private static final ErrorKind[] VALUES = values();

    public static ErrorKind of(long code) throws ProtocolException {
        if (code < 0 || code >= VALUES.length) {
            throw new ProtocolException("unknown error kind " + code);
        }
        return VALUES[(int) code];
    }
}
