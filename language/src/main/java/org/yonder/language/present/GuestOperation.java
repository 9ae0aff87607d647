package org.yonder.language.present;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.remote.GuestOperations;

/** The presenters' guest-side {@code op(remote, name, ...args)}: one GUEST_OPERATION, for Python and JS presenters alike. */
final class GuestOperation {
    static final GuestFunction FUNCTION = new GuestFunction("operation", -1, GuestOperation::apply);

    private GuestOperation() {
    }

    private static Object apply(Object[] arguments) {
        Object[] args = new Object[arguments.length - 2];
        System.arraycopy(arguments, 2, args, 0, args.length);
        String name;
        try {
            name = InteropLibrary.getUncached().asString(arguments[1]);
        } catch (UnsupportedMessageException e) {
            throw YonderError.create("a guest operation's name is not a string");
        }
        try {
            return GuestOperations.apply(null, arguments[0], name, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {   // an interop error the owner answered, thrown unchecked by the session
            throw YonderError.create("the owner refused " + name + ": " + e.getMessage());
        }
    }
}
