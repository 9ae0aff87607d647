package org.yonder.objspace.session;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnknownKeyException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.Frame;
import org.yonder.objspace.wire.ErrorKind;
import org.yonder.objspace.wire.Opcode;

/**
 * Turns a THROW answer into what the caller's message throws: the remote guest exception itself, the same interop
 * exception with its data, or a YonderError. An interop kind the message does not declare degrades to
 * UnsupportedMessageException, so a peer cannot make us break the interop contract.
 */
final class RemoteErrors {
    private RemoteErrors() {
    }

    @TruffleBoundary
    static RuntimeException raise(Opcode op, Frame answer, Object[] sentArgs) {
        ErrorKind kind;
        try {
            kind = ErrorKind.of(answer.target());
        } catch (Exception e) {
            return YonderError.create("peer answered " + op + " with an unknown error kind " + answer.target());
        }
        Object[] v = answer.values();
        try {
            if (kind == ErrorKind.GUEST) {
                if (v.length == 1 && v[0] instanceof RuntimeException guest) {
                    return guest;
                }
                return YonderError.create("peer answered " + op + " with a guest error that is not an exception");
            }
            if (kind == ErrorKind.YONDER) {
                return YonderError.create(v.length > 0 && v[0] instanceof String s ? s : "peer reported an error for " + op);
            }
            if (!op.allows(kind)) {
                return op.allows(ErrorKind.UNSUPPORTED_MESSAGE) ? sneakyThrow(UnsupportedMessageException.create())
                                : YonderError.create("peer answered " + op + " with " + kind);
            }
            throw switch (kind) {
                case UNSUPPORTED_MESSAGE -> UnsupportedMessageException.create();
                case UNKNOWN_IDENTIFIER -> UnknownIdentifierException.create(string(v, 0));
                case INVALID_ARRAY_INDEX -> InvalidArrayIndexException.create(number(v, 0));
                case ARITY -> ArityException.create((int) number(v, 0), (int) number(v, 1), (int) number(v, 2));
                case UNSUPPORTED_TYPE -> UnsupportedTypeException.create(sentArgs, v.length > 0 && v[0] instanceof String s ? s : null);
                case STOP_ITERATION -> StopIterationException.create();
                case UNKNOWN_KEY -> UnknownKeyException.create(v.length > 0 ? v[0] : "");
                case INVALID_BUFFER_OFFSET -> InvalidBufferOffsetException.create(number(v, 0), number(v, 1));
                default -> YonderError.create("peer answered " + op + " with " + kind);
            };
        } catch (Exception e) {
            return sneakyThrow(e);
        }
    }

    private static String string(Object[] v, int i) {
        return i < v.length && v[i] instanceof String s ? s : String.valueOf(i < v.length ? v[i] : "");
    }

    private static long number(Object[] v, int i) {
        return i < v.length && v[i] instanceof Number n ? n.longValue() : -1;
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
