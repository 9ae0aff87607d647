package org.yonder.objspace.remote;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.wire.Opcode;

/**
 * Operations of the owner's own language on a remote object, beyond interop ({@code GUEST_OPERATION}): a presenter
 * that makes a remote object a guest's own kind of value (a Python object with its class's protocol) asks the owner
 * to apply {@code repr}, {@code ==} or {@code len} by the owner's language's rules. One round trip each; the answer
 * is presented to the caller as any other.
 */
public final class GuestOperations {
    private GuestOperations() {
    }

    /** Whether a value is a remote object this side can ask for guest operations. */
    public static boolean isRemote(Object value) {
        return value instanceof RemoteObject || value instanceof RemoteException;
    }

    @TruffleBoundary
    public static Object apply(Node location, Object remote, String name, Object... args) {
        RemoteObject o = remote instanceof RemoteException e ? e.delegate : remote instanceof RemoteObject r ? r : null;
        if (o == null) {
            throw YonderError.create("not a remote object: " + remote, location);
        }
        Object[] all = new Object[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return o.call(location, Opcode.GUEST_OPERATION, all);
    }
}
