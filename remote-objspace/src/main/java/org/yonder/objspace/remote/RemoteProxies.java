package org.yonder.objspace.remote;

import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.session.ImportedProxy;
import org.yonder.objspace.session.ProxyFactory;
import org.yonder.objspace.session.Session;

/**
 * The proxies a {@link Session} makes for the peer's objects: a {@link RemoteObject} per id, and a
 * {@link RemoteException} around it for each reference to a guest exception, re-made at each throw.
 */
public final class RemoteProxies implements ProxyFactory {
    public static final RemoteProxies INSTANCE = new RemoteProxies();

    private RemoteProxies() {
    }

    @Override
    public ImportedProxy newProxy(Session session, long id, Shape shape) {
        return new RemoteObject(session, id, shape);
    }

    @Override
    public Object exception(ImportedProxy proxy, ExceptionInfo info) {
        return new RemoteException((RemoteObject) proxy, info, null);
    }

    @Override
    public org.yonder.objspace.session.ImportedReplica newReplica(Session session, ImportedProxy proxy, boolean array, long incarnation, long counter, Object[] items,
                    String key, String digest, String tag, long seq) {
        return new Replica((RemoteObject) proxy, array, incarnation, counter, items, key, digest, tag, seq);
    }

    @Override
    public RuntimeException thrownAt(RuntimeException error, Node location) {
        return error instanceof RemoteException remote ? remote.thrownAt(location) : error;
    }
}
