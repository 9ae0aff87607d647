package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** Frames written and read by hand, as a hostile peer on a raw socket would (BadInputTest, PythonObjectsTest). */
final class RawFrames {
    private RawFrames() {
    }

    /** A frame's payload behind its 4-byte length prefix. */
    static byte[] framed(byte[] payload) {
        byte[] out = new byte[payload.length + 4];
        out[0] = (byte) (payload.length >>> 24);
        out[1] = (byte) (payload.length >>> 16);
        out[2] = (byte) (payload.length >>> 8);
        out[3] = (byte) payload.length;
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }

    /** [op, id, target, values] with string and integer values. */
    static byte[] frame(int op, long id, long target, Object... values) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packInt(op).packLong(id).packLong(target).packArrayHeader(values.length);
        for (Object v : values) {
            if (v instanceof String s) {
                p.packString(s);
            } else {
                p.packLong(((Number) v).longValue());
            }
        }
        return framed(p.toByteArray());
    }

    /** Reads one frame and returns its [opcode, requestId, target, values as strings]. */
    static Object[] readFrame(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(frame)) {
            assertEquals(4, u.unpackArrayHeader());
            int op = u.unpackInt();
            long id = u.unpackLong();
            long target = u.unpackLong();
            Object[] values = new Object[u.unpackArrayHeader()];
            for (int i = 0; i < values.length; i++) {
                values[i] = u.unpackValue().toString();
            }
            return new Object[]{op, id, target, values};
        }
    }
}
