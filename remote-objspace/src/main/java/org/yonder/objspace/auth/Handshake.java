package org.yonder.objspace.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.yonder.objspace.marshal.Frame;
import org.yonder.objspace.marshal.FrameReader;
import org.yonder.objspace.marshal.FrameWriter;
import org.yonder.objspace.transport.Transport;
import org.yonder.objspace.wire.Opcode;
import org.yonder.objspace.wire.ProtocolException;

/**
 * Mutual proof of a shared secret, before a session starts: HMAC-SHA256 challenge-response with a fresh nonce from
 * each side, so neither side ever sends the secret and a recorded handshake cannot be replayed (the other side's nonce
 * is new each time). Three frames, all {@code AUTH}:
 *
 * <pre>
 * client -> server  [AUTH, 1, 0, ["hmac-sha256", principal, clientNonce]]
 * server -> client  [AUTH, 2, 0, [serverNonce, HMAC(secret, "yonder server" | principal | clientNonce | serverNonce)]]
 * client -> server  [AUTH, 3, 0, [HMAC(secret, "yonder client" | principal | serverNonce | clientNonce)]]
 * </pre>
 *
 * The client checks the server's proof before it sends its own, so it never talks to a server that does not know the
 * secret; it does not wait for a fourth frame, but sends HELLO right away (a refusal is the PROTOCOL_ERROR that then
 * answers it). Proofs are compared in constant time. A principal the server does not know gets a proof made with a
 * random key, so names cannot be probed: the client sees the same mismatch as for a wrong secret.
 */
public final class Handshake {
    /** How long each side waits for the other's next handshake frame. */
    public static final int MILLIS = 10_000;
    static final String METHOD = "hmac-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /** Why a handshake failed; the message is meant for the user (and, on the server, for the peer). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The client's side: proves {@code secret} as {@code principal} and checks the server's proof of it. */
    public static void client(Transport transport, String principal, byte[] secret) throws IOException, Refused {
        String clientNonce = nonce();
        send(transport, 1, METHOD, principal, clientNonce);
        Object[] two = expect(transport, 2, "the server");
        String serverNonce = text(two, 0, "the server");
        String serverProof = text(two, 1, "the server");
        if (!equal(serverProof, proof(secret, "yonder server", principal, clientNonce, serverNonce))) {
            throw new Refused("the server did not prove the secret: the secret (or principal '" + principal + "') is wrong, or this is not the server you meant");
        }
        send(transport, 3, proof(secret, "yonder client", principal, serverNonce, clientNonce));
    }

    /**
     * The server's side: reads the client's first frame (which must be AUTH), proves the principal's secret, and
     * checks the client's proof. Returns the principal.
     */
    public static AccessList.Entry server(Transport transport, AccessList access) throws IOException, Refused {
        Object[] one = expect(transport, 1, "the client");
        String method = text(one, 0, "the client");
        if (!METHOD.equals(method)) {
            throw new Refused("this server authenticates with " + METHOD + ", not '" + method + "'");
        }
        String principal = text(one, 1, "the client");
        String clientNonce = text(one, 2, "the client");
        if (clientNonce.length() != 64) {
            throw new Refused("a handshake nonce is 32 bytes (64 hex digits)");
        }
        AccessList.Entry entry = access.bySecret(principal);
        byte[] key = entry != null ? entry.secret() : randomKey();
        String serverNonce = nonce();
        send(transport, 2, serverNonce, proof(key, "yonder server", principal, clientNonce, serverNonce));
        Object[] three = expect(transport, 3, "the client");
        if (entry == null || !equal(text(three, 0, "the client"), proof(key, "yonder client", principal, serverNonce, clientNonce))) {
            throw new Refused("authentication failed for principal '" + principal + "': wrong secret or unknown principal");
        }
        return entry;
    }

    private static void send(Transport transport, int step, Object... values) throws IOException {
        byte[] frame = new FrameWriter().pack(Opcode.AUTH, step, 0, values);
        transport.send(frame, frame.length);
    }

    /** The next frame, which must be handshake step {@code step}; a PROTOCOL_ERROR from the other side is a refusal. */
    private static Object[] expect(Transport transport, int step, String who) throws IOException, Refused {
        byte[] bytes = transport.receive(MILLIS);
        if (bytes == Transport.TIMED_OUT) {
            throw new Refused(who + " sent no handshake frame for " + MILLIS / 1000 + " s");
        }
        if (bytes == null) {
            throw new Refused(who + " closed the connection during the handshake");
        }
        Frame frame;
        try {
            frame = new FrameReader(NO_REFERENCES, 4).read(bytes);
        } catch (ProtocolException e) {
            throw new Refused(who + " sent a malformed handshake frame: " + e.getMessage());
        }
        if (frame.opcode() == Opcode.PROTOCOL_ERROR && frame.values().length > 0) {
            throw new Refused(who + " refused: " + frame.values()[0]);
        }
        if (frame.opcode() != Opcode.AUTH || frame.requestId() != step) {
            if (step == 1) {
                throw new Refused("this server requires authentication, and the client sent " + frame.opcode()
                                + " first; connect with a secret (yonder.SecretFile or yonder.SecretEnv) or a listed TLS client certificate");
            }
            throw new Refused(who + " sent " + frame.opcode() + " where handshake step " + step + " belongs");
        }
        return frame.values();
    }

    private static final FrameReader.Resolver NO_REFERENCES = new FrameReader.Resolver() {
        @Override
        public Object imported(long id, org.yonder.objspace.marshal.Shape shape, org.yonder.objspace.marshal.ExceptionInfo exception, Object[] elements,
                        org.yonder.objspace.marshal.Origin origin) throws ProtocolException {
            throw new ProtocolException("a handshake frame carries no object references");
        }

        @Override
        public Object home(long id) throws ProtocolException {
            throw new ProtocolException("a handshake frame carries no object references");
        }
    };

    private static String text(Object[] values, int i, String who) throws Refused {
        if (i >= values.length || !(values[i] instanceof String s) || s.length() > 256) {
            throw new Refused(who + " sent a handshake frame without field " + i + " (a string of at most 256 characters)");
        }
        return s;
    }

    private static String nonce() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static byte[] randomKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    static String proof(byte[] secret, String role, String principal, String first, String second) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            for (String part : new String[]{role, principal, first, second}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                mac.update((byte) (b.length >>> 8));
                mac.update((byte) b.length);
                mac.update(b);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256", e);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
