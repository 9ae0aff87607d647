package org.yonder.objspace.marshal;

import java.util.List;

/**
 * The immutable facts of a guest exception, which travel with its reference so that catching it and reading its
 * message and stack cost no round trip, and stay readable after the call returned or the peer went away.
 */
public record ExceptionInfo(String message, String type, int exitStatus, List<StackFrame> frames, boolean hasCause) {
    /** One frame of the owner's stack: the function's name and where it was in its source. */
    public record StackFrame(String name, String source, int line, int column) {
        @Override
        public String toString() {
            return (name == null || name.isEmpty() ? "<unknown>" : name) + " (" + (source == null ? "<unknown>" : source) +
                            (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ")";
        }
    }
}
