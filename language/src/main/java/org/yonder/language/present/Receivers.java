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
     * Whether the guest object a request is for is a Python one. Interop gives an object's language as its
     * TruffleLanguage class, which is GraalPy's {@code PythonLanguage}.
     */
    @SuppressWarnings("deprecation")
    static boolean ownedByPython(Object target) {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            return target != null && interop.hasLanguage(target) && interop.getLanguage(target).getSimpleName().equals("PythonLanguage");
        } catch (UnsupportedMessageException e) {
            return false;
        }
    }
}
