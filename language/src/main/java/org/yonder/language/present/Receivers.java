package org.yonder.language.present;

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

    /** The language of the guest code whose call site {@code location} is, or null (a host call, an uncached one). */
    static String callerLanguage(Node location) {
        Node node = location != null ? location : EncapsulatingNodeReference.getCurrent().get();
        RootNode root = node == null ? null : node.getRootNode();
        LanguageInfo info = root == null ? null : root.getLanguageInfo();
        return info == null ? null : info.getId();
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
