package org.yonder.objspace.session;

/**
 * A replica of a peer's cacheable object, as the session that keeps it current sees it: made by its
 * {@link ProxyFactory} (the remote layer's Replica), one per object, held weakly by the session.
 */
public interface ImportedReplica {
    /** The state at version [incarnation, counter] arrived again with a reference: applied if it is newer. */
    void offer(long incarnation, long counter, Object[] items, String digest);

    /**
     * An update from version {@code base} to {@code counter}: applied, and true, if the replica is at {@code base};
     * false if it is not (it missed an update, or the owner restarted), and the session fetches the whole state.
     */
    boolean update(long incarnation, long base, long counter, String digest, Object[] items);

    /** An update waiting to be applied on the context's thread: several merged into one. */
    record Pending(long id, long incarnation, long base, long counter, String digest, Object[] items) {
    }

    /**
     * Keeps an update read by a thread not of the context, merged with any already waiting (the latest value per
     * member, the latest elements); a gap between them keeps the later one alone, which then fetches. Returns true
     * when nothing was waiting (the session must list this replica).
     */
    boolean addPending(long id, long incarnation, long base, long counter, String digest, Object[] items);

    /** The waiting update, now taken, or null. */
    Pending takePending();

    /** The publish key of a publishable object's replica, else null. */
    String publishKey();

    /** The digest of the state it holds (publishable), else null. */
    String digest();

    boolean isArray();

    /** Its state now: name, value pairs, or the elements. */
    Object[] items();

    /** A multiplexed object's copy tag (this replica is a leaf), else null. */
    default String tag() {
        return null;
    }

    /** A shout from the hub with this sequence number: true once, and not for one at or before the last taken. */
    default boolean acceptShout(long seq) {
        return true;
    }

    /** Ends the connection to the hub (a leaf that cannot keep up with its shouts). */
    default void disconnect(String why) {
    }

    /** Passes a shout on to the peers this side relays the replica to (it is their repeater). */
    default void forwardShout(long seq, String name, Object[] args) {
    }

    /** Replaces the {@link org.yonder.objspace.marshal.Link}s of a state rebuilt from the store by the replicas they name. */
    void resolveLinks(java.util.function.Function<String, Object> byKey);
}
