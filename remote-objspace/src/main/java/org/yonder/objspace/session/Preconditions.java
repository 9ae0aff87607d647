package org.yonder.objspace.session;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnknownKeyException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;

/**
 * The interop contract's preconditions of the messages that change an object, checked before a peer's request runs
 * them. A well-behaved client checks them itself (its proxy asks the member's info first), but a hostile peer can send
 * any request, and a guest language may accept a call the contract forbids (GraalJS removes a missing member without
 * complaint), which Truffle's contract assertions then reject: the answer must be the exception a local caller would
 * get, never a broken contract.
 */
final class Preconditions {
    private Preconditions() {
    }

    static void writeMember(InteropLibrary interop, Object t, String name) throws UnknownIdentifierException, UnsupportedMessageException {
        if (!interop.isMemberModifiable(t, name) && !interop.isMemberInsertable(t, name)) {
            if (interop.isMemberExisting(t, name)) {
                throw UnsupportedMessageException.create();
            }
            throw UnknownIdentifierException.create(name);
        }
    }

    static void removeMember(InteropLibrary interop, Object t, String name) throws UnknownIdentifierException, UnsupportedMessageException {
        if (!interop.isMemberRemovable(t, name)) {
            if (interop.isMemberExisting(t, name)) {
                throw UnsupportedMessageException.create();
            }
            throw UnknownIdentifierException.create(name);
        }
    }

    static void writeArrayElement(InteropLibrary interop, Object t, long index) throws InvalidArrayIndexException, UnsupportedMessageException {
        if (!interop.isArrayElementModifiable(t, index) && !interop.isArrayElementInsertable(t, index)) {
            if (interop.isArrayElementExisting(t, index)) {
                throw UnsupportedMessageException.create();
            }
            throw InvalidArrayIndexException.create(index);
        }
    }

    static void removeArrayElement(InteropLibrary interop, Object t, long index) throws InvalidArrayIndexException, UnsupportedMessageException {
        if (!interop.isArrayElementRemovable(t, index)) {
            if (interop.isArrayElementExisting(t, index)) {
                throw UnsupportedMessageException.create();
            }
            throw InvalidArrayIndexException.create(index);
        }
    }

    static void writeHashEntry(InteropLibrary interop, Object t, Object key) throws UnknownKeyException, UnsupportedMessageException {
        if (!interop.isHashEntryModifiable(t, key) && !interop.isHashEntryInsertable(t, key)) {
            if (interop.isHashEntryExisting(t, key)) {
                throw UnsupportedMessageException.create();
            }
            throw UnknownKeyException.create(key);
        }
    }

    static void removeHashEntry(InteropLibrary interop, Object t, Object key) throws UnknownKeyException, UnsupportedMessageException {
        if (!interop.isHashEntryRemovable(t, key)) {
            if (interop.isHashEntryExisting(t, key)) {
                throw UnsupportedMessageException.create();
            }
            throw UnknownKeyException.create(key);
        }
    }
}
