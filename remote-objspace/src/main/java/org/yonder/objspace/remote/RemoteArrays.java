package org.yonder.objspace.remote;

import static org.yonder.objspace.wire.InfoBits.READABLE;

import java.util.Arrays;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.InlinedBranchProfile;

import org.yonder.objspace.PathCounters;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * The array messages of {@link RemoteObject}, and its array window (the download flag): {@link #getArraySize} and
 * {@link #readArrayElement} check the window before any boundary, so a scan's next element is read inline in compiled
 * guest code, and only a miss crosses the boundary behind the {@code remotePath} profile.
 */
final class RemoteArrays {
    private RemoteArrays() {
    }

    /**
     * Called when the request starts to run: the offered elements serve this request's scan while the context's
     * epoch stands still, i.e. until it sends a request that may change state or serves another (a callback into the
     * caller among them). The caller is blocked meanwhile, so nothing else can change the array.
     */
    static void activateArgumentSnapshot(RemoteObject o) {
        Object[] elements = o.offeredElements;
        if (elements != null) {
            o.offeredElements = null;
            o.arrayWindow = new Snapshot.ArrayWindow(o.epoch(), elements.length, 0, elements);
        }
    }

    static long getArraySize(RemoteObject o, Node node, InlinedBranchProfile remotePath) throws UnsupportedMessageException {
        o.require(Shape.ARRAY);
        Snapshot.ArrayWindow w = o.arrayWindow;
        if (w != null && w.epoch == o.epoch()) {
            long size = w.sizeDuringScan();
            if (size >= 0) {
                PathCounters.localRead();
                return size;
            }
        }
        // The remote path: compiled code that never took it deoptimizes here instead of calling the boundary.
        remotePath.enter(node);
        return remoteArraySize(o, node);
    }

    @TruffleBoundary
    private static long remoteArraySize(RemoteObject o, Node node) {
        PathCounters.remoteElementPath();
        long size = ((Number) o.call(node, Opcode.GET_ARRAY_SIZE)).longValue();
        o.arrayWindow = new Snapshot.ArrayWindow(o.epoch(), size, 0, Snapshot.ArrayWindow.NONE);
        return size;
    }

    static Object readArrayElement(RemoteObject o, long index, Node node, InlinedBranchProfile remotePath)
                    throws UnsupportedMessageException, InvalidArrayIndexException {
        o.require(Shape.ARRAY);
        // The download flag: the scan's next element, read from the local copy. No boundary, so compiled guest
        // loops read downloaded elements inline; everything else goes through the boundary below.
        Snapshot.ArrayWindow w = o.arrayWindow;
        if (w != null && w.epoch == o.epoch()) {
            Object next = w.next(index);
            if (next != null) {
                PathCounters.localRead();
                return next;
            }
        }
        // The remote path: compiled code that never took it deoptimizes here instead of calling the boundary.
        remotePath.enter(node);
        PathCounters.remoteElementPath();
        Object scanned = scannedElement(o, index, node);
        return scanned != null ? scanned : o.call(node, Opcode.READ_ARRAY_ELEMENT, index);
    }

    /**
     * A read right after the size was asked, with nothing in between, is a scan (for..of, spread, JSON.stringify, an
     * index loop): it fetches the elements from there to the end in one round trip (a few for huge arrays), and the
     * scan's following reads, in order, are served from them while nothing else happens. Any other read goes to the
     * owner.
     */
    @TruffleBoundary
    private static Object scannedElement(RemoteObject o, long index, Node node) {
        Snapshot.ArrayWindow w = o.arrayWindow;
        if (w == null || w.epoch != o.epoch()) {
            return null;
        }
        if (!w.sizeJustAsked || index < 0 || index >= w.size) {
            return null;
        }
        Object[] answer = o.session.callBatch(node, Opcode.READ_ARRAY_ELEMENTS, o.id, index, w.size - index);
        w = new Snapshot.ArrayWindow(o.epoch(), ((Number) answer[0]).longValue(), index, Arrays.copyOfRange(answer, 1, answer.length));
        o.arrayWindow = w;
        return w.next(index);
    }

    static void writeArrayElement(RemoteObject o, long index, Object value, Node node) throws UnsupportedMessageException {
        o.require(Shape.ARRAY);
        o.call(node, Opcode.WRITE_ARRAY_ELEMENT, index, value);
    }

    static void removeArrayElement(RemoteObject o, long index, Node node) throws UnsupportedMessageException {
        o.require(Shape.ARRAY);
        o.call(node, Opcode.REMOVE_ARRAY_ELEMENT, index);
    }

    /** Readable with no round trip when {@code index} is the scan's next downloaded element. */
    static boolean isArrayElementReadable(RemoteObject o, long index, Node node) {
        Snapshot.ArrayWindow w = o.arrayWindow;
        if (w != null && w.epoch == o.epoch() && index == w.cursor && index < w.end()) {
            return true;
        }
        return info(o, index, node, "isArrayElementReadable", READABLE);
    }

    /** Whether the owner sets info bit {@code bit} for {@code index}: one ARRAY_ELEMENT_INFO, asked for {@code message}. */
    static boolean info(RemoteObject o, long index, Node node, String message, int bit) {
        return o.shape.has(Shape.ARRAY) && (o.info(node, Opcode.ARRAY_ELEMENT_INFO, index, message) & bit) != 0;
    }
}
