package org.yonder.objspace.local;

/**
 * One exported object: its session-local id, and how many references to it the peer was sent and has not released.
 */
final class LocalObject {
    final long id;
    final Object value;
    final int identityHash;
    final boolean hasIdentity;
    long references;

    LocalObject(long id, Object value, int identityHash, boolean hasIdentity) {
        this.id = id;
        this.value = value;
        this.identityHash = identityHash;
        this.hasIdentity = hasIdentity;
    }
}
