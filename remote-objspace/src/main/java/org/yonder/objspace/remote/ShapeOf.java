package org.yonder.objspace.remote;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.GenerateUncached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.PathCounters;
import org.yonder.objspace.marshal.Shape;

/**
 * The receiver's shape as a compilation constant: an inline cache keyed on the interned remote type, never on the
 * receiver, shared by all the trait messages of one call site; megamorphic sites read the field.
 */
@GenerateUncached
@GenerateInline(false)
abstract class ShapeOf extends Node {
    abstract Shape execute(RemoteObject receiver);

    @Specialization(guards = "receiver.shape == cached", limit = "4")
    static Shape doCached(@SuppressWarnings("unused") RemoteObject receiver, @Cached("receiver.shape") Shape cached) {
        return cached;
    }

    @Specialization(replaces = "doCached")
    static Shape doGeneric(RemoteObject receiver) {
        PathCounters.genericShapeLookup();
        return receiver.shape;
    }
}
