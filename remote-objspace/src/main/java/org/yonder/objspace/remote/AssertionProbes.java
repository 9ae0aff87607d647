package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;

/**
 * Tells round trips that guest code asked for from those that Truffle's interop contract assertions add under
 * {@code -ea}: before {@code readMember} they ask {@code isMemberReadable}, before {@code readArrayElement}
 * {@code isArrayElementReadable}, and so on. Those probes still go to the owner and get true answers (the owner's
 * objects are checked there); they are only counted apart, so that round-trip counts are the same with and without
 * assertions. Costs nothing unless assertions are on.
 */
final class AssertionProbes {
    private static final boolean ENABLED = InteropLibrary.class.desiredAssertionStatus();
    private static final String ASSERTS = InteropLibrary.class.getName() + "$Asserts";
    private static final String OURS = AssertionProbes.class.getPackageName() + ".";

    private AssertionProbes() {
    }

    /** Whether the info message {@code message} now being answered was asked by the assertion wrapper of another message. */
    @TruffleBoundary
    static boolean isProbe(String message) {
        if (!ENABLED) {
            return false;
        }
        return StackWalker.getInstance().walk(frames -> frames
                        .filter(f -> !f.getClassName().startsWith(OURS) && !(f.getClassName().equals(ASSERTS) && f.getMethodName().equals(message)))
                        .findFirst()
                        .map(f -> f.getClassName().equals(ASSERTS))
                        .orElse(false));
    }
}
