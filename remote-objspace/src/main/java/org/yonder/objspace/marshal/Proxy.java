package org.yonder.objspace.marshal;

/** A local stand-in for an object owned by a peer: RemoteObject and RemoteException. */
public interface Proxy {
    /** The session the owner is reached through. */
    Object owner();

    long id();

    Shape shape();

    /** The facts of the remote exception, or null when the object is not one. */
    ExceptionInfo exceptionInfo();

    /** Where the object really lives, or null when the owner did not say. */
    Origin origin();
}
