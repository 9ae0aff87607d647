package org.yonder.objspace.remote;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.PathCounters;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * The buffer messages of {@link RemoteObject}: ranged reads and writes move only the bytes asked for, a read in
 * READ_BUFFERs of at most {@link #BUFFER_CHUNK} bytes; reads in order are a scan, which downloads (see {@link #read}).
 */
final class RemoteBuffers {
    /** Largest buffer read in one request; longer reads are split. */
    static final int BUFFER_CHUNK = 1 << 20;
    /** Most bytes a scan downloads in one READ_BUFFER. */
    static final int SCAN_BYTES = 1 << 18;

    private RemoteBuffers() {
    }

    static boolean isBufferWritable(RemoteObject o, ShapeOf shapeOf) throws UnsupportedMessageException {
        o.require(Shape.BUFFER);
        return shapeOf.execute(o).has(Shape.BUFFER_WRITABLE);
    }

    /**
     * The size, asked of the owner once per epoch: while the context's epoch stands still nothing could have told this
     * side of a resize, so the answer is as fresh as another round trip's.
     */
    @TruffleBoundary
    static long getBufferSize(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.BUFFER);
        Snapshot.BufferWindow w = o.bufferWindow;
        if (w != null && w.epoch == o.epoch() && w.size >= 0) {
            return w.size;
        }
        long size = ((Number) o.call(node, Opcode.GET_BUFFER_SIZE)).longValue();
        w = o.bufferWindow;
        if (w != null && w.epoch == o.epoch()) {
            w.size = size;
        } else {
            o.bufferWindow = new Snapshot.BufferWindow(o.epoch(), -1, Snapshot.BufferWindow.NONE, -1, size);
        }
        return size;
    }

    /**
     * Bytes {@code offset .. offset + length - 1} of the remote buffer. A read that starts where the last one ended,
     * with nothing in between (a typed array's loop, {@code Array.from}, {@code JSON.stringify}), continues a scan: it
     * downloads up to {@link #SCAN_BYTES} from there in one READ_BUFFER (after a GET_BUFFER_SIZE), and the scan's
     * next reads, in order, are served from them while the context's epoch stands still (the snapshot rule of
     * {@link Snapshot}: each byte served once, random access and re-reads go to the owner).
     */
    @TruffleBoundary
    static ByteBuffer read(RemoteObject o, Node node, long offset, int length) throws UnsupportedMessageException, InvalidBufferOffsetException {
        o.require(Shape.BUFFER);
        Snapshot.BufferWindow w = o.bufferWindow;
        if (w != null && w.epoch == o.epoch()) {
            ByteBuffer next = w.next(offset, length);
            if (next != null) {
                PathCounters.localRead();
                return next;
            }
            if (offset == w.cursor && length <= SCAN_BYTES) {
                long size = getBufferSize(o, node);
                int n = (int) Math.min(SCAN_BYTES, size - offset);
                if (n >= length && o.call(node, Opcode.READ_BUFFER, offset, (long) n) instanceof byte[] bytes && bytes.length >= length) {
                    // (An answer shorter than asked serves what it holds; one too short for this read is ignored.)
                    Snapshot.BufferWindow scan = new Snapshot.BufferWindow(o.epoch(), offset, bytes, offset, size);
                    o.bufferWindow = scan;
                    return scan.next(offset, length);
                }
            }
        }
        ByteBuffer bytes = ranged(o, node, offset, length);
        long size = w != null && w.epoch == o.epoch() ? w.size : -1;
        o.bufferWindow = new Snapshot.BufferWindow(o.epoch(), offset + length, Snapshot.BufferWindow.NONE, offset + length, size);
        return bytes;
    }

    private static ByteBuffer ranged(RemoteObject o, Node node, long offset, int length) {
        if (length <= BUFFER_CHUNK) {
            return ByteBuffer.wrap((byte[]) o.call(node, Opcode.READ_BUFFER, offset, (long) length));
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (int done = 0; done < length; done += BUFFER_CHUNK) {
            int n = Math.min(BUFFER_CHUNK, length - done);
            all.put((byte[]) o.call(node, Opcode.READ_BUFFER, offset + done, (long) n));
        }
        return all.flip();
    }

    /** Writes the {@code length} bytes {@code put} puts, in {@code order}, at {@code offset}: one WRITE_BUFFER. */
    @TruffleBoundary
    static void write(RemoteObject o, Node node, long offset, ByteOrder order, int length, Consumer<ByteBuffer> put)
                    throws UnsupportedMessageException, InvalidBufferOffsetException {
        o.require(Shape.BUFFER_WRITABLE);
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        put.accept(b);
        o.call(node, Opcode.WRITE_BUFFER, offset, b.array());
    }
}
