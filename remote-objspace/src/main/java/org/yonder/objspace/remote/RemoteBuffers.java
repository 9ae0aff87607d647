package org.yonder.objspace.remote;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.wire.Opcode;

/**
 * The buffer messages of {@link RemoteObject}: ranged reads and writes move only the bytes asked for, a read in
 * READ_BUFFERs of at most {@link #BUFFER_CHUNK} bytes.
 */
final class RemoteBuffers {
    /** Largest buffer read in one request; longer reads are split. */
    static final int BUFFER_CHUNK = 1 << 20;

    private RemoteBuffers() {
    }

    static boolean isBufferWritable(RemoteObject o, ShapeOf shapeOf) throws UnsupportedMessageException {
        o.require(Shape.BUFFER);
        return shapeOf.execute(o).has(Shape.BUFFER_WRITABLE);
    }

    static long getBufferSize(RemoteObject o, Node node) throws UnsupportedMessageException {
        o.require(Shape.BUFFER);
        return ((Number) o.call(node, Opcode.GET_BUFFER_SIZE)).longValue();
    }

    /** Bytes {@code offset .. offset + length - 1} of the remote buffer. */
    @TruffleBoundary
    static ByteBuffer read(RemoteObject o, Node node, long offset, int length) throws UnsupportedMessageException, InvalidBufferOffsetException {
        o.require(Shape.BUFFER);
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
