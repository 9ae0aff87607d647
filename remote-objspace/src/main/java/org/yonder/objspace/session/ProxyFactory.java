package org.yonder.objspace.session;

import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Shape;

/**
 * Makes the stand-ins for the peer's objects. The layer above gives one to each {@link Session} (the language
 * passes the remote layer's RemoteProxies), so this layer knows proxies only as {@link ImportedProxy} and remote
 * exceptions only as the RuntimeExceptions this factory makes.
 */
public interface ProxyFactory {
    /** A proxy for object {@code id} of {@code session}'s peer, the first time a reference to it arrives. */
    ImportedProxy newProxy(Session session, long id, Shape shape);

    /** What a reference that carried exception facts stands for: a guest exception around {@code proxy}. */
    Object exception(ImportedProxy proxy, ExceptionInfo info);

    /**
     * What an answer's error throws at {@code location}, the local call site: a guest exception this factory made is
     * made again there, so it carries the local location; anything else is {@code error} itself.
     */
    RuntimeException thrownAt(RuntimeException error, Node location);

    /**
     * A replica of the peer's cacheable object behind {@code proxy}, at version [incarnation, counter] with
     * {@code items} (name, value pairs, or an array's elements), the first time its state arrives in this session.
     */
    ImportedReplica newReplica(Session session, ImportedProxy proxy, boolean array, long incarnation, long counter, Object[] items, String key, String digest, String tag, long seq);
}
