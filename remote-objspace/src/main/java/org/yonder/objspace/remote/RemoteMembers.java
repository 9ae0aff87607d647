package org.yonder.objspace.remote;

import static org.yonder.objspace.wire.InfoBits.MODIFIABLE;
import static org.yonder.objspace.wire.InfoBits.READABLE;
import static org.yonder.objspace.wire.InfoBits.READ_SIDE_EFFECTS;
import static org.yonder.objspace.wire.InfoBits.REMOVABLE;

import java.util.Arrays;
import java.util.List;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.PathCounters;
import org.yonder.objspace.YonderError;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * The member messages of {@link RemoteObject}: reads, writes, invocations and info bits, each one round trip, except
 * a member scan (served from one READ_MEMBERS) and the fixed members (kept after their first read, read with no
 * boundary).
 */
final class RemoteMembers {
    /** Largest member list a scan reads in one batch. */
    static final int MAX_BATCH_MEMBERS = 4096;
    /** Most fixed members one proxy keeps. */
    static final int MAX_FIXED_MEMBERS = 64;

    /**
     * Member values that can never change (read-only, not removable, read without side effects: the members of a
     * frozen JS object, a Java object's methods), kept after their first read. Copy on write, at most
     * {@link #MAX_FIXED_MEMBERS}; read without a boundary.
     */
    record FixedMembers(String[] names, Object[] values) {
    }

    private RemoteMembers() {
    }

    static Object getMembers(RemoteObject o, boolean includeInternal, Node node) throws UnsupportedMessageException {
        o.require(Shape.MEMBERS);
        Object names = o.call(node, Opcode.GET_MEMBERS, includeInternal);
        List<String> list = names instanceof ImmutableArray array ? array.strings() : null;
        if (list != null && !includeInternal && list.size() <= MAX_BATCH_MEMBERS) {
            o.memberWindow = new Snapshot.MemberWindow(o.epoch(), list);
        }
        if (list != null && o.shape.has(Shape.JS) && o.shape.has(Shape.ARRAY) && !o.session.space().listsArrayIndices(node)) {
            return withIndices(o, node, list);
        }
        return names;
    }

    /** Most indices a member list of a remote array holds (a longer one fails, naming the size). */
    static final int MAX_LISTED_INDICES = 1 << 20;

    /**
     * A JS array's members as a local one lists them, its indices first, for a caller that does not add them itself
     * (GET_MEMBERS leaves them out: GraalJS adds them, and listed them twice): one GET_ARRAY_SIZE more.
     */
    @TruffleBoundary
    private static Object withIndices(RemoteObject o, Node node, List<String> names) {
        long size = ((Number) o.call(node, Opcode.GET_ARRAY_SIZE)).longValue();
        if (size > MAX_LISTED_INDICES) {
            throw YonderError.create("the remote array has " + size + " elements; its member list would be longer than " + MAX_LISTED_INDICES);
        }
        String[] all = new String[(int) size + names.size()];
        for (int i = 0; i < size; i++) {
            all[i] = Integer.toString(i);
        }
        for (int i = 0; i < names.size(); i++) {
            all[(int) size + i] = names.get(i);
        }
        return ImmutableArray.ofStrings(all);
    }

    static Object readMember(RemoteObject o, String member, Node node) throws UnsupportedMessageException, UnknownIdentifierException {
        o.require(Shape.MEMBERS);
        // The download flag for members: a value the owner declared fixed is read from the local copy.
        Object fixed = fixedMember(o, member);
        if (fixed != null) {
            PathCounters.localRead();
            return fixed;
        }
        Object scanned = scannedMember(o, member, node);
        return scanned != null ? scanned : remoteReadMember(o, member, node);
    }

    /** The kept value of a fixed member, or null; no boundary, so compiled code reads it inline. */
    static Object fixedMember(RemoteObject o, String member) {
        FixedMembers f = o.fixedMembers;
        if (f == null) {
            return null;
        }
        String[] names = f.names;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == member || names[i].equals(member)) {
                return f.values[i];
            }
        }
        return null;
    }

    @TruffleBoundary
    private static void keepFixedMember(RemoteObject o, String member, Object value) {
        synchronized (o) {
            FixedMembers f = o.fixedMembers;
            int n = f == null ? 0 : f.names.length;
            if (n >= MAX_FIXED_MEMBERS || fixedMember(o, member) != null) {
                return;
            }
            String[] names = f == null ? new String[1] : Arrays.copyOf(f.names, n + 1);
            Object[] values = f == null ? new Object[1] : Arrays.copyOf(f.values, n + 1);
            names[n] = member;
            values[n] = value;
            o.fixedMembers = new FixedMembers(names, values);
        }
    }

    /** One READ_MEMBER: answered [value], or [value, true] when the owner says the value can never change. */
    @TruffleBoundary
    private static Object remoteReadMember(RemoteObject o, String member, Node node) {
        Object[] answer = o.session.callBatch(node, Opcode.READ_MEMBER, o.id, member);
        if (answer.length == 2 && Boolean.TRUE.equals(answer[1])) {
            keepFixedMember(o, member, answer[0]);
        } else if (answer.length != 1) {
            throw YonderError.create("peer answered READ_MEMBER with " + answer.length + " values", node);
        }
        return answer[0];
    }

    /**
     * A read of one of the members the last getMembers listed, with nothing in between, is a scan (JSON.stringify,
     * Object.entries, a for..in loop): the first such read fetches all of them in one round trip, and each value is
     * then served once. Members whose read has side effects (getters) are not fetched ahead.
     */
    @TruffleBoundary
    private static Object scannedMember(RemoteObject o, String member, Node node) {
        Snapshot.MemberWindow w = filledMemberWindow(o, member, node);
        if (w == null) {
            return null;
        }
        Object value = w.take(member);
        int info = w.info(member);
        if (value != null && (info & (READABLE | MODIFIABLE | REMOVABLE | READ_SIDE_EFFECTS)) == READABLE) {
            keepFixedMember(o, member, value);
        } else if (value == null && (info & READ_SIDE_EFFECTS) != 0) {
            // A getter: its read, which goes to the owner, may change what the batch holds, so the batch (and every
            // other downloaded value) is no longer served after it.
            o.session.inbox().advanceEpoch();
        }
        return value;
    }

    /** The live member window listing {@code member}, filled by one READ_MEMBERS the first time; or null. */
    static Snapshot.MemberWindow filledMemberWindow(RemoteObject o, String member, Node node) {
        Snapshot.MemberWindow w = o.memberWindow;
        if (w == null || w.epoch != o.epoch() || !w.lists(member)) {
            return null;
        }
        if (!w.isFilled()) {
            w.fill(o.session.callBatch(node, Opcode.READ_MEMBERS, o.id, w.names.toArray()));
            w.epoch = o.epoch();
        }
        return w;
    }

    static void writeMember(RemoteObject o, String member, Object value, Node node) throws UnsupportedMessageException {
        o.require(Shape.MEMBERS);
        o.call(node, Opcode.WRITE_MEMBER, member, value);
    }

    static void removeMember(RemoteObject o, String member, Node node) throws UnsupportedMessageException {
        o.require(Shape.MEMBERS);
        o.call(node, Opcode.REMOVE_MEMBER, member);
    }

    static Object invokeMember(RemoteObject o, String member, Object[] arguments, Node node) throws UnsupportedMessageException {
        o.require(Shape.MEMBERS);
        Object[] args = new Object[arguments.length + 1];
        args[0] = member;
        System.arraycopy(arguments, 0, args, 1, arguments.length);
        return o.call(node, Opcode.INVOKE_MEMBER, args);
    }

    /** Whether the owner sets info bit {@code bit} for {@code member}: one MEMBER_INFO, asked for {@code message}. */
    static boolean info(RemoteObject o, String member, Node node, String message, int bit) {
        return o.shape.has(Shape.MEMBERS) && (o.info(node, Opcode.MEMBER_INFO, member, message) & bit) != 0;
    }
}
