package org.yonder.launcher.daemon;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's protocol on its Unix socket: frames of {@code type (1 byte), length (4 bytes, big-endian), payload}.
 * Plain bytes, no Java serialization: a payload is raw output or input bytes, an int, or UTF-8 strings each prefixed
 * by its length. A frame that is too long, of an unknown type or cut short is a {@link BadFrame}.
 *
 * <pre>
 * client -> daemon   RUN(version, key, stdout charset, stderr charset, argv...)   STATUS   STOP
 *                    STDIN(bytes; empty: end of input), the answer to each STDIN_WANTED
 * daemon -> client   STARTED (the script is taken), or BUSY (running another one: run it yourself)
 *                    OUT(bytes)  ERR(bytes)  STDIN_WANTED(int: most bytes)  EXIT(int status, always last)
 *                    INFO(text)  FAILED(text)
 * </pre>
 */
final class Frames {
    static final int VERSION = 1;
    /** Output is sent in chunks of at most this; anything longer from a peer is refused. */
    static final int MAX_PAYLOAD = 1 << 20;

    static final byte RUN = 'R';
    static final byte STATUS = 'S';
    static final byte STOP = 'Q';
    static final byte STDIN = 'I';
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte STDIN_WANTED = 'W';
    static final byte EXIT = 'X';
    static final byte STARTED = 'A';
    static final byte BUSY = 'B';
    static final byte INFO = 'T';
    static final byte FAILED = 'F';

    private static final String TYPES = "RSQIOEWXABTF";

    /** One frame as read. */
    record Frame(byte type, byte[] payload) {
        int asInt() throws BadFrame {
            if (payload.length != 4) {
                throw new BadFrame("frame " + (char) type + " should hold 4 bytes, not " + payload.length);
            }
            return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
        }

        String asText() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The payload as length-prefixed UTF-8 strings. */
        List<String> asStrings() throws BadFrame {
            try {
                DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
                int n = in.readInt();
                if (n < 0 || n > payload.length) {
                    throw new BadFrame("bad string count " + n);
                }
                List<String> strings = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int len = in.readInt();
                    if (len < 0 || len > in.available()) {
                        throw new BadFrame("bad string length " + len);
                    }
                    strings.add(new String(in.readNBytes(len), StandardCharsets.UTF_8));
                }
                if (in.available() != 0) {
                    throw new BadFrame(in.available() + " bytes after the last string");
                }
                return strings;
            } catch (EOFException e) {
                throw new BadFrame("strings cut short");
            } catch (IOException e) {
                throw new BadFrame(e.getMessage());
            }
        }
    }

    /** Input that breaks the protocol. The peer is told (FAILED) and the connection dropped; the daemon serves on. */
    static final class BadFrame extends IOException {
        private static final long serialVersionUID = 1L;

        BadFrame(String message) {
            super(message);
        }
    }

    private Frames() {
    }

    /** The next frame, or null at a clean end of the stream (between frames). */
    static Frame read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (TYPES.indexOf(type) < 0) {
            throw new BadFrame("unknown frame type " + type);
        }
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new BadFrame("frame header cut short");
        }
        int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new BadFrame("frame of " + Integer.toUnsignedString(length) + " bytes (at most " + MAX_PAYLOAD + ")");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new BadFrame("frame cut short");
        }
        return new Frame((byte) type, payload);
    }

    /** Writes one frame and flushes; callers that share a stream synchronize on it. */
    static void write(OutputStream out, byte type, byte[] payload, int off, int len) throws IOException {
        if (len > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + len + " bytes");
        }
        byte[] frame = new byte[5 + len];
        frame[0] = type;
        frame[1] = (byte) (len >>> 24);
        frame[2] = (byte) (len >>> 16);
        frame[3] = (byte) (len >>> 8);
        frame[4] = (byte) len;
        System.arraycopy(payload, off, frame, 5, len);
        out.write(frame);
        out.flush();
    }

    static void write(OutputStream out, byte type, byte[] payload) throws IOException {
        write(out, type, payload, 0, payload.length);
    }

    static void writeInt(OutputStream out, byte type, int value) throws IOException {
        write(out, type, new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static void writeText(OutputStream out, byte type, String text) throws IOException {
        write(out, type, text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeStrings(OutputStream out, byte type, List<String> strings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(strings.size());
        for (String s : strings) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            data.writeInt(b.length);
            data.write(b);
        }
        write(out, type, bytes.toByteArray());
    }
}
