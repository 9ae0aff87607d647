package org.yonder.objspace.remote;

import java.util.List;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.source.SourceSection;

import org.yonder.objspace.marshal.ExceptionInfo;

/** The owner's stack of a remote exception, as the interop stack-trace array guests and tools read. Local data. */
@ExportLibrary(InteropLibrary.class)
final class RemoteStackTrace implements TruffleObject {
    private final List<ExceptionInfo.StackFrame> frames;

    RemoteStackTrace(List<ExceptionInfo.StackFrame> frames) {
        this.frames = frames;
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return frames.size();
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < frames.size();
    }

    @ExportMessage
    @TruffleBoundary
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return new Frame(frames.get((int) index));
    }

    /** One frame: the remote function's name and its location in the owner's source. */
    @ExportLibrary(InteropLibrary.class)
    static final class Frame implements TruffleObject {
        private final ExceptionInfo.StackFrame frame;

        Frame(ExceptionInfo.StackFrame frame) {
            this.frame = frame;
        }

        @ExportMessage
        boolean hasExecutableName() {
            return frame.name() != null;
        }

        @ExportMessage
        Object getExecutableName() throws UnsupportedMessageException {
            if (frame.name() == null) {
                throw UnsupportedMessageException.create();
            }
            return frame.name();
        }

        @ExportMessage
        boolean hasSourceLocation() {
            return frame.source() != null;
        }

        @ExportMessage
        @TruffleBoundary
        SourceSection getSourceLocation() throws UnsupportedMessageException {
            if (frame.source() == null) {
                throw UnsupportedMessageException.create();
            }
            return RemoteSources.section(frame.source(), frame.line(), frame.column(), frame.line(), frame.column());
        }

        @ExportMessage
        @TruffleBoundary
        Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
            return frame.toString();
        }
    }
}
