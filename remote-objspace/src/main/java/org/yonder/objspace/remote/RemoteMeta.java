package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.utilities.TriState;

import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.Origin;
import org.yonder.objspace.marshal.Proxy;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * The meta-object, display and identity messages of {@link RemoteObject}. A meta-object's names travel in its shape;
 * identity goes by session and id, or by the owner's origin, with no round trip.
 */
final class RemoteMeta {
    private RemoteMeta() {
    }

    static Object getMetaObject(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.HAS_META_OBJECT);
        return o.call(node, Opcode.GET_META_OBJECT);
    }

    static Object getMetaQualifiedName(RemoteObject o) throws UnsupportedMessageException {
        o.require(Shape.META_OBJECT);
        return o.shape.ownQualifiedName();
    }

    static Object getMetaSimpleName(RemoteObject o) throws UnsupportedMessageException {
        o.require(Shape.META_OBJECT);
        return o.shape.ownSimpleName();
    }

    static Object getMetaParents(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.META_PARENTS);
        return new ImmutableArray(o.session.callBatch(node, Opcode.GET_META_PARENTS, o.id));
    }

    static boolean isMetaInstance(RemoteObject o, Object instance, Node node) throws UnsupportedMessageException {
        o.require(Shape.META_OBJECT);
        return (Boolean) o.call(node, Opcode.IS_META_INSTANCE, instance);
    }

    static Object toDisplayString(RemoteObject o, boolean allowSideEffects, Node node) {
        if (o.session.isClosed()) {
            return displayName(o) + " (disconnected)";
        }
        return o.call(node, Opcode.TO_DISPLAY_STRING, allowSideEffects);
    }

    @TruffleBoundary
    static String displayName(RemoteObject o) {
        Shape shape = o.shape;
        return "remote " + (shape.metaSimpleName() != null ? shape.metaSimpleName() : "object") + " #" + o.id + " of " + o.session.peerName();
    }

    /**
     * Two proxies are the same object when they are one proxy of one session, or proxies of one session whose
     * references carried the same origin (one object of a third party that the peer reached through two paths).
     * Origins from different sessions are never compared: a peer could put another peer's origin on its own object,
     * and identity must agree with where calls go (see docs/security.md, "Identity across sessions"). An object of
     * this context's own that comes home through any session is unwrapped to the original before it is a proxy.
     */
    static TriState isIdenticalOrUndefined(RemoteObject o, Object other) {
        if (other instanceof Proxy p) {
            if (p.owner() != o.session) {
                return TriState.FALSE;
            }
            if (p.id() == o.id) {
                return TriState.TRUE;
            }
            Origin mine = o.origin();
            return TriState.valueOf(mine != null && mine.equals(p.origin()));
        }
        return TriState.UNDEFINED;
    }

    static int identityHashCode(RemoteObject o) {
        Origin mine = o.origin();
        return (mine != null ? mine.hashCode() : Long.hashCode(o.id)) * 31 + System.identityHashCode(o.session);
    }
}
