package org.yonder.objspace.transport;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.yonder.objspace.wire.ProtocolException;

/**
 * Frames over a TCP socket: a 4-byte big-endian length, then that many bytes. TCP_NODELAY is on. The length is checked
 * against the frame limit before anything is allocated.
 */
public final class TcpTransport implements Transport {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int maxFrameBytes;
    private final String peerName;
    private final Object writeLock = new Object();
    private byte[] writeBuffer = new byte[8192];

    public TcpTransport(Socket socket, int maxFrameBytes) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
        this.out = socket.getOutputStream();
        this.maxFrameBytes = maxFrameBytes;
        this.peerName = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    public static TcpTransport connect(String host, int port, int maxFrameBytes, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return new TcpTransport(socket, maxFrameBytes);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] frame, int length) throws IOException {
        synchronized (writeLock) {
            int total = length + 4;
            if (writeBuffer.length < total) {
                writeBuffer = new byte[Math.max(total, writeBuffer.length * 2)];
            }
            putFrame(writeBuffer, 0, frame, length);
            out.write(writeBuffer, 0, total);
        }
    }

    @Override
    public void send(byte[] first, int firstLength, byte[] second, int secondLength) throws IOException {
        synchronized (writeLock) {
            int total = firstLength + secondLength + 8;
            if (writeBuffer.length < total) {
                writeBuffer = new byte[Math.max(total, writeBuffer.length * 2)];
            }
            putFrame(writeBuffer, 0, first, firstLength);
            putFrame(writeBuffer, firstLength + 4, second, secondLength);
            out.write(writeBuffer, 0, total);
        }
    }

    private static void putFrame(byte[] b, int at, byte[] frame, int length) {
        b[at] = (byte) (length >>> 24);
        b[at + 1] = (byte) (length >>> 16);
        b[at + 2] = (byte) (length >>> 8);
        b[at + 3] = (byte) length;
        System.arraycopy(frame, 0, b, at + 4, length);
    }

    @Override
    public byte[] receive() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > maxFrameBytes) {
            throw new ProtocolException("frame of " + Integer.toUnsignedString(length) + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    @Override
    public String peerName() {
        return peerName;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the reader sees the end of the stream either way.
        }
    }
}
