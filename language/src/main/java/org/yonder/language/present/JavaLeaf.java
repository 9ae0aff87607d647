package org.yonder.language.present;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import org.yonder.objspace.YonderError;

/**
 * A leaf whose registered class is a Java class (docs/multiplex.md): an instance of it, made with the leaf as its
 * constructor's one argument (a {@code Value} there) or with none, whose public members come first; then the
 * replicated state, then the reference, through {@code core} (the replica, or the hub's object). Its
 * {@code remote_name} methods run for the shouts.
 */
@ExportLibrary(InteropLibrary.class)
final class JavaLeaf implements TruffleObject {
    final Object core;
    Object instance;

    private JavaLeaf(Object core) {
        this.core = core;
    }

    @TruffleBoundary
    static JavaLeaf of(Object cls, Object core) {
        JavaLeaf leaf = new JavaLeaf(core);
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            try {
                leaf.instance = interop.instantiate(cls, leaf);
            } catch (ArityException | UnsupportedTypeException e) {
                leaf.instance = interop.instantiate(cls);
            }
        } catch (InteropException e) {
            throw YonderError.create("cannot make a leaf of " + interop.toDisplayString(cls) + ": " + e.getMessage());
        }
        return leaf;
    }

    private static InteropLibrary interop() {
        return InteropLibrary.getUncached();
    }

    private boolean own(String member) {
        return interop().isMemberReadable(instance, member);
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(boolean includeInternal) throws UnsupportedMessageException {
        return interop().getMembers(core, includeInternal);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return own(member) || interop().isMemberReadable(core, member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnsupportedMessageException, UnknownIdentifierException {
        return own(member) ? interop().readMember(instance, member) : interop().readMember(core, member);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInvocable(String member) {
        return interop().isMemberInvocable(instance, member) || interop().isMemberInvocable(core, member);
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] args) throws UnsupportedMessageException, UnknownIdentifierException, ArityException, UnsupportedTypeException {
        return interop().isMemberInvocable(instance, member) ? interop().invokeMember(instance, member, args) : interop().invokeMember(core, member, args);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberModifiable(String member) {
        return interop().isMemberModifiable(instance, member) || interop().isMemberModifiable(core, member);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInsertable(String member) {
        return interop().isMemberInsertable(core, member);
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) throws UnsupportedMessageException, UnknownIdentifierException, UnsupportedTypeException {
        if (interop().isMemberModifiable(instance, member)) {
            interop().writeMember(instance, member, value);
        } else {
            interop().writeMember(core, member, value);
        }
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        return interop().toDisplayString(core, allowSideEffects);
    }
}
