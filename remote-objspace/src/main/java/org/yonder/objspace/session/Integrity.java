package org.yonder.objspace.session;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;

/**
 * The integrity rule: a peer cannot replace or remove a function-valued member (or hash entry) of an object it was
 * given, so that one client cannot make another's {@code svc.echo(7, token)} run its function and forge the answer.
 * Data members stay writable, as local code expects. The owner's own code is not affected, and a server opts out with
 * {@code yonder.ExposeAll}. A refused write fails with a {@code YONDER} error naming the member; {@code MEMBER_INFO}
 * answers such a member as neither modifiable nor removable.
 */
final class Integrity {
    private Integrity() {
    }

    /** Refuses to {@code verb} member {@code name} of {@code target} when it holds a function now. */
    static void checkMember(Object target, InteropLibrary interop, String name, String verb) throws Dispatcher.BadRequest {
        if (holdsFunction(target, interop, name)) {
            throw new Dispatcher.BadRequest("a peer cannot " + verb + " the method '" + name + "' of an object it was given (the integrity rule; a server can opt out with --yonder.ExposeAll)");
        }
    }

    /** Refuses to {@code verb} the hash entry at {@code key} of {@code target} when it holds a function now. */
    static void checkEntry(Object target, InteropLibrary interop, Object key, String verb) throws Dispatcher.BadRequest {
        try {
            if (interop.isHashEntryReadable(target, key) && isFunction(interop.readHashValue(target, key))) {
                throw new Dispatcher.BadRequest("a peer cannot " + verb + " the function at key '" + key + "' of a hash it was given (the integrity rule; a server can opt out with --yonder.ExposeAll)");
            }
        } catch (InteropException | AbstractTruffleException e) {
            // Not readable: nothing to protect; the write itself answers.
        }
    }

    /** {@code info} without {@code bits} (modifiable, removable) when the member holds a function. */
    static int infoFor(Object target, InteropLibrary interop, String name, int info, int bits) {
        return (info & bits) != 0 && holdsFunction(target, interop, name) ? info & ~bits : info;
    }

    private static boolean holdsFunction(Object target, InteropLibrary interop, String name) {
        try {
            return interop.isMemberReadable(target, name) && !interop.hasMemberReadSideEffects(target, name) && isFunction(interop.readMember(target, name));
        } catch (InteropException | AbstractTruffleException e) {
            return false;
        }
    }

    private static boolean isFunction(Object value) {
        return InteropLibrary.getUncached().isExecutable(value);
    }
}
