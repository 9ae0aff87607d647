package org.yonder.objspace.session;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import org.yonder.objspace.marshal.ImmutableArray;

/**
 * What the serving side refuses to hand a peer, unless it runs with {@code yonder.ExposeAll}. Transparent access
 * means a peer can walk from a published object to whatever its members reach; in JS, {@code x.constructor.constructor}
 * is the {@code Function} constructor, which turns a string into code on the server (RPyC's and Pyro's CVE histories
 * are of this kind). So by default:
 * <ul>
 * <li>members named {@code constructor}, {@code getClass}, or starting with {@code __} (JS {@code __proto__},
 * Python dunders) look absent: reading one is an unknown identifier, its info bits are 0 and it is not listed,
 * as for a member that does not exist (so {@code x.constructor} is {@code undefined} to a JS peer);</li>
 * <li>a meta-object crosses as a {@link MetaView}: its names and {@code isMetaInstance}, not the constructor itself.
 * Classes a server publishes on purpose (a member holding a class) are still instantiable.</li>
 * </ul>
 */
public final class Exposure {
    private Exposure() {
    }

    public static boolean isHidden(String member) {
        return member.equals("constructor") || member.equals("getClass") || member.startsWith("__");
    }

    /** A meta-object as a peer sees it by default: names and instance checks only. */
    @ExportLibrary(InteropLibrary.class)
    static final class MetaView implements TruffleObject {
        final Object meta;

        MetaView(Object meta) {
            this.meta = meta;
        }

        @ExportMessage
        boolean isMetaObject() {
            return true;
        }

        @ExportMessage
        @TruffleBoundary
        Object getMetaQualifiedName() throws UnsupportedMessageException {
            return InteropLibrary.getUncached().getMetaQualifiedName(meta);
        }

        @ExportMessage
        @TruffleBoundary
        Object getMetaSimpleName() throws UnsupportedMessageException {
            return InteropLibrary.getUncached().getMetaSimpleName(meta);
        }

        @ExportMessage
        @TruffleBoundary
        boolean isMetaInstance(Object instance) throws UnsupportedMessageException {
            return InteropLibrary.getUncached().isMetaInstance(meta, instance);
        }

        @ExportMessage
        @TruffleBoundary
        boolean hasMetaParents() {
            return InteropLibrary.getUncached().hasMetaParents(meta);
        }

        @ExportMessage
        @TruffleBoundary
        Object getMetaParents() throws UnsupportedMessageException {
            InteropLibrary interop = InteropLibrary.getUncached();
            Object parents = interop.getMetaParents(meta);
            Object[] views = new Object[(int) interop.getArraySize(parents)];
            try {
                for (int i = 0; i < views.length; i++) {
                    views[i] = new MetaView(interop.readArrayElement(parents, i));
                }
            } catch (InvalidArrayIndexException e) {
                throw UnsupportedMessageException.create(e);
            }
            return new ImmutableArray(views);
        }

        @ExportMessage
        @TruffleBoundary
        Object toDisplayString(boolean allowSideEffects) {
            return InteropLibrary.getUncached().toDisplayString(meta, allowSideEffects);
        }
    }
}
