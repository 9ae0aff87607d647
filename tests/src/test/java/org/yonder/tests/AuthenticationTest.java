package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.yonder.launcher.ServerProcess;

/**
 * A server with a shared secret ({@code --yonder.SecretFile}) admits only peers that prove it, by mutual HMAC-SHA256
 * challenge-response: a wrong secret, no secret and a replayed handshake are each refused with a clear error before
 * any root is reached; the right secret works. Across real processes.
 */
class AuthenticationTest {
    static final String SECRET = "s3cret-of-the-test-0123456789abcdef";
    @TempDir
    static Path dir;
    static ServerProcess server;
    static Path secretFile;

    @BeforeAll
    static void start() throws IOException {
        secretFile = Yonder.privateFile(dir, "secret", SECRET + "\n");
        server = Yonder.server("svc.js", "--yonder.SecretFile=" + secretFile);
    }

    @AfterAll
    static void stop() {
        server.close();
    }



    @Test
    void theRightSecretIsLetIn() {
        try (Context c = Yonder.clientWith("yonder.SecretFile", secretFile.toString(), "yonder.Principal", "alice")) {
            assertEquals(42, c.eval("yonder", server.url() + "/svc").getMember("value").asInt());
        }
    }

    @Test
    void aWrongSecretIsRefusedByTheClientBeforeItProvesAnything() throws IOException {
        Path wrong = Yonder.privateFile(dir, "wrong", "not-the-secret-0123456789abcdef");
        try (Context c = Yonder.clientWith("yonder.SecretFile", wrong.toString())) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", server.url() + "/svc"));
            assertTrue(e.getMessage().contains("cannot authenticate to " + server.url()) && e.getMessage().contains("the server did not prove the secret"), e.getMessage());
        }
    }

    @Test
    void noSecretIsRefusedWithWhatToDo() {
        try (Context c = Yonder.clientWith()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", server.url() + "/svc"));
            assertTrue(e.getMessage().contains("this server requires authentication") && e.getMessage().contains("yonder.SecretFile"), e.getMessage());
        }
    }

    @Test
    void aSecretFileOthersCanReadIsRefused() throws IOException {
        Path open = dir.resolve("open");
        Files.writeString(open, SECRET);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        try (Context c = Yonder.clientWith("yonder.SecretFile", open.toString())) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", server.url() + "/svc"));
            assertTrue(e.getMessage().contains("may be read or written by other users") && e.getMessage().contains("chmod 600"), e.getMessage());
        }
    }

    @Test
    void aShortSecretIsRefused() throws IOException {
        Path shortOne = Yonder.privateFile(dir, "short", "hunter2");
        try (Context c = Yonder.clientWith("yonder.SecretFile", shortOne.toString())) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", server.url() + "/svc"));
            assertTrue(e.getMessage().contains("a secret of 7 bytes; use at least 16"), e.getMessage());
        }
    }

    /**
     * A handshake recorded on the wire and replayed on a new connection fails: the server's nonce is new, so the
     * recorded proof does not match it. The replaying connection gets a PROTOCOL_ERROR, and its HELLO no answer.
     */
    @Test
    void aReplayedHandshakeIsRefused() throws Exception {
        URI uri = URI.create(server.url());
        byte[] one;
        byte[] three;
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            String clientNonce = "ab".repeat(32);
            one = frame(9, 1, "hmac-sha256", "mallory", clientNonce);
            write(out, one);
            Object[] two = RawFrames.readFrame(in);
            assertEquals(9, ((Number) two[0]).intValue(), "AUTH: " + java.util.Arrays.deepToString(two));
            String serverNonce = unquote(((Object[]) two[3])[0]);
            String serverProof = unquote(((Object[]) two[3])[1]);
            assertEquals(hmac("yonder server", "mallory", clientNonce, serverNonce), serverProof, "the server proves the secret");
            three = frame(9, 3, hmac("yonder client", "mallory", serverNonce, clientNonce));
            write(out, three);
            write(out, frame(1, 1, 1L, new Object[]{}));
            Object[] hello = RawFrames.readFrame(in);
            assertEquals(3, ((Number) hello[0]).intValue(), "the honest connection's HELLO is answered: " + java.util.Arrays.deepToString(hello));
        }
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            write(out, one);
            RawFrames.readFrame(in);   // a new server nonce
            write(out, three);
            write(out, frame(1, 1, 1L, new Object[]{}));
            Object[] refused = RawFrames.readFrame(in);
            assertEquals(6, ((Number) refused[0]).intValue(), "PROTOCOL_ERROR, not an answer to HELLO: " + java.util.Arrays.deepToString(refused));
            String message = String.valueOf(((Object[]) refused[3])[0]);
            assertTrue(message.contains("authentication failed for principal 'mallory'"), message);
            InputStream raw = s.getInputStream();
            assertEquals(-1, raw.read(), "then the connection closes, HELLO unanswered");
        }
    }

    /** A client with a secret does not talk to a server that cannot prove it (here: one that has none). */
    @Test
    void aClientWithASecretRefusesAServerWithout() throws IOException {
        try (ServerProcess open = Yonder.server("svc.js"); Context c = Yonder.clientWith("yonder.SecretFile", secretFile.toString())) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", open.url() + "/svc"));
            assertTrue(e.getMessage().contains("cannot authenticate") && e.getMessage().contains("does not authenticate peers"), e.getMessage());
        }
    }

    /** A listener that the network can reach does not start without authentication, unless told to (protected mode). */
    @Test
    void aListenerOnTheNetworkNeedsAuthentication() throws IOException {
        Path script = dir.resolve("tiny.js");
        Files.writeString(script, "Polyglot.export('x', {a: 1});\n");
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(script, "0.0.0.0:0", System.out, "[protected] ", 60).close());
        assertTrue(e.getMessage().contains("refusing to listen on 0.0.0.0:0 without authentication") && e.getMessage().contains("--yonder.Insecure"), e.getMessage());
        try (ServerProcess ok = ServerProcess.start(script, "0.0.0.0:0", System.out, "[protected] ", 60, "--yonder.SecretFile=" + secretFile)) {
            assertTrue(ok.url().startsWith("yonder://"), ok.url());
        }
        try (ServerProcess insecure = ServerProcess.start(script, "0.0.0.0:0", System.out, "[protected] ", 60, "--yonder.Insecure=true")) {
            assertTrue(insecure.url().startsWith("yonder://"), insecure.url());
        }
    }

    private static String unquote(Object msgpackText) {
        String s = String.valueOf(msgpackText);
        return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    static String hmac(String role, String principal, String first, String second) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (String part : new String[]{role, principal, first, second}) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            mac.update(new byte[]{(byte) (b.length >>> 8), (byte) b.length});
            mac.update(b);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** {@code [opcode, requestId, 0, values]}; a {@code long} and an {@code Object[]} as the last two values make a target and values. */
    static byte[] frame(int opcode, long id, Object... values) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4);
        p.packInt(opcode);
        p.packLong(id);
        Object[] vs = values;
        long target = 0;
        if (values.length == 2 && values[0] instanceof Long t && values[1] instanceof Object[] inner) {
            target = t;
            vs = inner;
        }
        p.packLong(target);
        p.packArrayHeader(vs.length);
        for (Object v : vs) {
            if (v instanceof String s) {
                p.packString(s);
            } else {
                p.packLong(((Number) v).longValue());
            }
        }
        return p.toByteArray();
    }

    static void write(DataOutputStream out, byte[] frame) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataOutputStream(b).writeInt(frame.length);
        b.write(frame);
        out.write(b.toByteArray());
        out.flush();
    }
}
