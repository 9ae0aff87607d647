package org.yonder.objspace.remote;

import java.util.List;

import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * A guest exception of another process. The local guest catches it with its own try/catch. Its message, type, exit
 * status and the owner's stack frames travelled with the reference, so they are read locally, also after the call
 * returned or the peer went away. Everything else (members such as {@code e.stack}, display) is the remote object's.
 */
@ExportLibrary(value = InteropLibrary.class, delegateTo = "delegate")
public final class RemoteException extends AbstractTruffleException implements Proxy {
    private static final long serialVersionUID = 1L;

    final RemoteObject delegate;
    private final ExceptionInfo info;

    RemoteException(RemoteObject delegate, ExceptionInfo info, Node location) {
        super(info.message() != null ? info.message() : "remote " + delegate.shape.metaSimpleName(), null, UNLIMITED_STACK_TRACE, location);
        this.delegate = delegate;
        this.info = info;
    }

    /** The same remote exception, to be thrown at {@code location} (the local guest's call site). */
    public RemoteException thrownAt(Node location) {
        return new RemoteException(delegate, info, location);
    }

    @Override
    public Object owner() {
        return delegate.session;
    }

    @Override
    public long id() {
        return delegate.id;
    }

    @Override
    public Shape shape() {
        return delegate.shape;
    }

    @Override
    public ExceptionInfo exceptionInfo() {
        return info;
    }

    @Override
    public org.yonder.objspace.marshal.Origin origin() {
        return delegate.origin();
    }

    /** The owner's stack, innermost frame first. */
    public List<ExceptionInfo.StackFrame> remoteFrames() {
        return info.frames();
    }

    @ExportMessage
    boolean isException() {
        return true;
    }

    @ExportMessage
    RuntimeException throwException() {
        throw this;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        try {
            return ExceptionType.valueOf(info.type());
        } catch (IllegalArgumentException | NullPointerException e) {
            return ExceptionType.RUNTIME_ERROR;
        }
    }

    @ExportMessage
    int getExceptionExitStatus() throws UnsupportedMessageException {
        if (getExceptionType() != ExceptionType.EXIT) {
            throw UnsupportedMessageException.create();
        }
        return info.exitStatus();
    }

    @ExportMessage
    boolean isExceptionIncompleteSource() {
        return false;
    }

    @ExportMessage
    boolean hasExceptionMessage() {
        return info.message() != null;
    }

    @ExportMessage
    Object getExceptionMessage() throws UnsupportedMessageException {
        if (info.message() == null) {
            throw UnsupportedMessageException.create();
        }
        return info.message();
    }

    @ExportMessage
    boolean hasExceptionCause() {
        return info.hasCause();
    }

    @ExportMessage
    Object getExceptionCause(@Bind Node node) throws UnsupportedMessageException {
        if (!info.hasCause()) {
            throw UnsupportedMessageException.create();
        }
        return delegate.session.call(node, Opcode.GET_EXCEPTION_CAUSE, delegate.id);
    }

    @ExportMessage
    boolean hasExceptionStackTrace() {
        return true;
    }

    @ExportMessage
    Object getExceptionStackTrace() {
        return new RemoteStackTrace(info.frames());
    }
}
