package org.yonder.language.present;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;

import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.remote.RemoteException;
import org.yonder.objspace.remote.RemoteSources;

/**
 * The owner's frames of a remote exception joined to the caller's stack, as Truffle sees stacks: the exception is
 * thrown from inside one call target per owner frame (named as the owner's function, its source section at the
 * owner's line, in a source of the owner's name without content), so Truffle's stack trace, which fills in as an
 * exception leaves call targets, has the owner's frames first and then the caller's. A Java caller's
 * {@code PolyglotException.getPolyglotStackTrace()} lists them as guest frames. The targets are kept per frame (at
 * most {@link #MAX_TARGETS}), an exception passes through at most {@link #MAX_FRAMES} of them.
 */
final class OwnerFrames {
    static final int MAX_FRAMES = 64;
    private static final int MAX_TARGETS = 1024;

    private final TruffleLanguage<?> language;
    private final Map<ExceptionInfo.StackFrame, CallTarget> targets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ExceptionInfo.StackFrame, CallTarget> eldest) {
            return size() > MAX_TARGETS;
        }
    };

    OwnerFrames(TruffleLanguage<?> language) {
        this.language = language;
    }

    /** {@code exception}, thrown through the owner's frames (those with a source), innermost first in {@code frames}. */
    @TruffleBoundary
    RuntimeException through(RuntimeException exception, List<ExceptionInfo.StackFrame> frames) {
        List<ExceptionInfo.StackFrame> known = frames.stream().filter(f -> f.source() != null).limit(MAX_FRAMES).toList();
        if (language == null || known.isEmpty()) {
            return exception;
        }
        try {
            target(known.get(known.size() - 1)).call(exception, known, known.size() - 1);
            return exception;
        } catch (RuntimeException thrown) {
            return thrown;
        }
    }

    private synchronized CallTarget target(ExceptionInfo.StackFrame frame) {
        return targets.computeIfAbsent(frame, f -> new OwnerFrame(language, this, f).getCallTarget());
    }

    /** A node at the owner's line. */
    private static final class Site extends Node {
        private final SourceSection section;

        Site(SourceSection section) {
            this.section = section;
        }

        @Override
        public SourceSection getSourceSection() {
            return section;
        }
    }

    /** One frame of the owner's: calls the next inner one, and the innermost throws. */
    private static final class OwnerFrame extends RootNode {
        private final OwnerFrames frames;
        private final String name;
        private final SourceSection section;
        @Child private IndirectCallNode inner = IndirectCallNode.create();
        /** Where the innermost frame throws: the exception's location, so the frame has the owner's line. */
        @Child private Site site;

        OwnerFrame(TruffleLanguage<?> language, OwnerFrames frames, ExceptionInfo.StackFrame frame) {
            super(language);
            this.frames = frames;
            this.name = frame.name() == null || frame.name().isEmpty() ? "<anonymous>" : frame.name();
            this.section = RemoteSources.section(frame.source(), frame.line(), frame.column(), frame.line(), frame.column());
            this.site = new Site(section);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object execute(VirtualFrame frame) {
            Object[] args = frame.getArguments();
            int index = (int) args[2];
            if (index == 0) {
                throw args[0] instanceof RemoteException remote ? remote.thrownAt(site) : (RuntimeException) args[0];
            }
            List<ExceptionInfo.StackFrame> all = (List<ExceptionInfo.StackFrame>) args[1];
            return inner.call(callee(all.get(index - 1)), args[0], all, index - 1);
        }

        @TruffleBoundary
        private CallTarget callee(ExceptionInfo.StackFrame frame) {
            return frames.target(frame);
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public SourceSection getSourceSection() {
            return section;
        }

        @Override
        public boolean isInternal() {
            return false;
        }

        @Override
        public boolean isCaptureFramesForTrace(boolean compiledFrame) {
            return false;
        }
    }
}
