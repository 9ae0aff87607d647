package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;

/** Source locations in the owner's sources, which this side does not have: named sections without content. */
public final class RemoteSources {
    private RemoteSources() {
    }

    @TruffleBoundary
    public static SourceSection section(String sourceName, int startLine, int startColumn, int endLine, int endColumn) {
        Source source = Source.newBuilder("yonder", "", sourceName).content(Source.CONTENT_NONE).build();
        if (startLine <= 0) {
            return source.createUnavailableSection();
        }
        int first = Math.max(startColumn, 1);
        int lastLine = Math.max(endLine, startLine);
        int last = Math.max(endColumn, 1);
        return source.createSection(startLine, first, lastLine, lastLine == startLine ? Math.max(last, first) : last);
    }
}
