package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * The executable and instantiable messages of {@link RemoteObject}, asynchronous calls, and the executable name and
 * source location: immutable, fetched once.
 */
final class RemoteExecutables {
    private RemoteExecutables() {
    }

    static Object execute(RemoteObject o, Object[] arguments, Node node) throws UnsupportedMessageException {
        o.require(Shape.EXECUTABLE);
        return o.call(node, Opcode.EXECUTE, arguments);
    }

    static Object instantiate(RemoteObject o, Object[] arguments, Node node) throws UnsupportedMessageException {
        o.require(Shape.INSTANTIABLE);
        return o.call(node, Opcode.INSTANTIATE, arguments);
    }

    /** See {@link RemoteObject#callAsync}. */
    @TruffleBoundary
    static RemoteFuture callAsync(RemoteObject o, String member, Object[] args) {
        if (member == null) {
            if (!o.shape.has(Shape.EXECUTABLE)) {
                throw YonderError.create("async: " + RemoteMeta.displayName(o) + " is not executable");
            }
            return new RemoteFuture(o.session, o.session.startAsync(Opcode.EXECUTE, o.id, args));
        }
        Object[] withName = new Object[args.length + 1];
        withName[0] = member;
        System.arraycopy(args, 0, withName, 1, args.length);
        return new RemoteFuture(o.session, o.session.startAsync(Opcode.INVOKE_MEMBER, o.id, withName));
    }

    static Object getExecutableName(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.EXECUTABLE_NAME);
        Object name = o.executableName;
        if (name == null) {
            name = o.call(node, Opcode.GET_EXECUTABLE_NAME);
            o.executableName = name;
        }
        return name;
    }

    static SourceSection getSourceLocation(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.SOURCE_LOCATION);
        SourceSection section = o.sourceLocation;
        if (section == null) {
            Object[] l = o.session.callBatch(node, Opcode.GET_SOURCE_LOCATION, o.id);
            section = RemoteSources.section((String) l[0], ((Number) l[1]).intValue(), ((Number) l[2]).intValue(), ((Number) l[3]).intValue(), ((Number) l[4]).intValue());
            o.sourceLocation = section;
        }
        return section;
    }
}
