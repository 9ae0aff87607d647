package org.yonder.language.present;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.EncapsulatingNodeReference;
import com.oracle.truffle.api.nodes.LanguageInfo;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;

/** Which guest language receives a value or an exception: the one whose code made the call, or owns the callee. */
final class Receivers {
    private Receivers() {
    }

    /**
     * The language of the guest code whose call site {@code location} is. For an uncached call (a language's
     * built-in, such as JSON.stringify, reading members through uncached interop) the encapsulating node, else the
     * innermost guest frame on the stack. Null for a call through the Value API (host code receives the answer), and
     * for a host call with no guest frame.
     */
    static String callerLanguage(Node location) {
        RootNode site = location == null ? null : location.getRootNode();
        if (site != null && site.getLanguageInfo() == null) {
            // The call came through the polyglot Value API (its entry roots belong to no language): the receiving
            // code is the host's, whatever guest code may have called that host code. No stack walk (several µs a
            // call; W6's Java threads paid it for every answer).
            return null;
        }
        String id = languageOf(location);
        if (id == null) {
            id = languageOf(EncapsulatingNodeReference.getCurrent().get());
        }
        if (id == null) {
            org.yonder.objspace.PathCounters.callerStackWalk();
            id = Truffle.getRuntime().iterateFrames(frame -> {
                String frameLanguage = frame.getCallTarget() instanceof RootCallTarget target ? languageOf(target.getRootNode()) : null;
                return frameLanguage;
            });
        }
        return id;
    }

    private static String languageOf(Node node) {
        RootNode root = node == null ? null : node.getRootNode();
        LanguageInfo info = root == null ? null : root.getLanguageInfo();
        return info == null || info.getId().equals("yonder") ? null : info.getId();
    }

    /**
     * The language of the guest object a request is for ("js", "python"), or null. Interop gives an object's language
     * as its TruffleLanguage class: GraalJS's {@code JavaScriptLanguage}, GraalPy's {@code PythonLanguage}.
     */
    @SuppressWarnings("deprecation")
    static String ownerLanguage(Object target) {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            if (target == null || !interop.hasLanguage(target)) {
                return null;
            }
            return switch (interop.getLanguage(target).getSimpleName()) {
                case "JavaScriptLanguage" -> "js";
                case "PythonLanguage" -> "python";
                default -> null;
            };
        } catch (UnsupportedMessageException e) {
            return null;
        }
    }
}
