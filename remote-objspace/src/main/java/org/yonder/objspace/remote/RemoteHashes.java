package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * The hash messages of {@link RemoteObject}: one round trip each, except iteration, which walks a snapshot of the
 * entries taken in one round trip.
 */
final class RemoteHashes {
    /** Largest hash whose iteration walks a downloaded snapshot. */
    static final int MAX_HASH_SNAPSHOT = 1 << 16;

    private RemoteHashes() {
    }

    static long getHashSize(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.HASH);
        return ((Number) o.call(node, Opcode.GET_HASH_SIZE)).longValue();
    }

    static Object readHashValue(RemoteObject o, Object key, Node node) throws UnsupportedMessageException {
        o.require(Shape.HASH);
        return o.call(node, Opcode.READ_HASH_VALUE, key);
    }

    static void writeHashEntry(RemoteObject o, Object key, Object value, Node node) throws UnsupportedMessageException {
        o.require(Shape.HASH);
        o.call(node, Opcode.WRITE_HASH_ENTRY, key, value);
    }

    static void removeHashEntry(RemoteObject o, Object key, Node node) throws UnsupportedMessageException {
        o.require(Shape.HASH);
        o.call(node, Opcode.REMOVE_HASH_ENTRY, key);
    }

    /** Whether the owner sets info bit {@code bit} for {@code key}: one HASH_ENTRY_INFO, asked for {@code message}. */
    static boolean info(RemoteObject o, Object key, Node node, String message, int bit) {
        return o.shape.has(Shape.HASH) && (o.info(node, Opcode.HASH_ENTRY_INFO, key, message) & bit) != 0;
    }

    /** getHashEntriesIterator, getHashKeysIterator or getHashValuesIterator, named by its opcode. */
    static Object iterator(RemoteObject o, Node node, Opcode remoteIterator) throws UnsupportedMessageException {
        o.require(Shape.HASH);
        return hashIterator(o, node, remoteIterator);
    }

    /**
     * Iterating a remote hash walks a snapshot of its entries taken in one round trip when the iteration starts.
     * A hash too large for one batch is iterated remotely instead.
     */
    @TruffleBoundary
    private static Object hashIterator(RemoteObject o, Node node, Opcode remoteIterator) {
        Object[] answer = o.session.callBatch(node, Opcode.READ_HASH_ENTRIES, o.id, (long) MAX_HASH_SNAPSHOT);
        if (!(answer.length > 0 && answer[0] instanceof Boolean complete && complete)) {
            return o.call(node, remoteIterator);
        }
        int n = (answer.length - 1) / 2;
        Object[] elements = new Object[n];
        for (int i = 0; i < n; i++) {
            Object key = answer[1 + 2 * i];
            Object value = answer[2 + 2 * i];
            elements[i] = switch (remoteIterator) {
                case GET_HASH_KEYS_ITERATOR -> key;
                case GET_HASH_VALUES_ITERATOR -> value;
                default -> new ImmutableArray(new Object[]{key, value});
            };
        }
        return new SnapshotIterator(elements);
    }
}
