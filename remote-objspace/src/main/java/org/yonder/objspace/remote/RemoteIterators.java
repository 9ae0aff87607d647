package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * The iterable and iterator messages of {@link RemoteObject}. A remote iterator costs one ADVANCE_ITERATOR per
 * element: it answers hasNext and brings the element in the same round trip.
 */
final class RemoteIterators {
    private RemoteIterators() {
    }

    static Object getIterator(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.ITERABLE);
        return o.call(node, Opcode.GET_ITERATOR);
    }

    static boolean hasIteratorNextElement(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.ITERATOR);
        return o.pendingNext != null || advance(o, node);
    }

    static Object getIteratorNextElement(RemoteObject o, Node node) throws UnsupportedMessageException, StopIterationException {
        o.require(Shape.ITERATOR);
        if (o.pendingNext == null && !advance(o, node)) {
            throw StopIterationException.create();
        }
        Object next = o.pendingNext;
        o.pendingNext = null;
        return next;
    }

    /**
     * Asks the owner whether its iterator has a next element and takes it in the same round trip (owners such as JS
     * generators must produce the element to answer hasNext anyway), so iterating costs one round trip per element.
     */
    @TruffleBoundary
    private static boolean advance(RemoteObject o, Node node) {
        Object[] answer = o.session.callBatch(node, Opcode.ADVANCE_ITERATOR, o.id);
        if (answer.length == 0) {
            return false;
        }
        o.pendingNext = answer[0];
        return true;
    }
}
