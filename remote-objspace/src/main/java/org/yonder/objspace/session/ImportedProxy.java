package org.yonder.objspace.session;

import org.yonder.objspace.marshal.Origin;
import org.yonder.objspace.marshal.Proxy;

/**
 * A proxy as the session's import table holds it: one per id, made by the session's {@link ProxyFactory} (the remote
 * layer's RemoteObject). The session tells it what arrives for it: its origin, and a request argument's snapshot of
 * its elements.
 */
public interface ImportedProxy extends Proxy {
    /** The owner's origin of this object, from the first reference that carried it. */
    void learnOrigin(Origin known);

    /** Called as a frame is decoded (on whichever thread reads it) when a request argument carried this array's elements. */
    void offerArgumentSnapshot(Object[] elements);

    /** Called when the request whose arguments carried the offered elements starts to run. */
    void activateArgumentSnapshot();
}
