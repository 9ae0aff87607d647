package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yonder.launcher.ServerProcess;
import org.yonder.objspace.auth.Tls;

/**
 * A {@code yonder serve} process over TLS 1.3 ({@code --yonder.Tls}, its key made by keytool on first use) with an
 * access file: {@code alice} proves a secret and sees only {@code svc}; {@code bot} is known by its client certificate
 * and sees only {@code greeting}. A client pins the server's certificate by fingerprint; a wrong pin, no pin, and an
 * unlisted client certificate are refused with clear errors; the right ones work, with large frames and many calls.
 */
class TlsTest {
    static final String ALICE_SECRET = "alice-secret-0123456789abcdefghij";
    @TempDir
    static Path dir;
    static ServerProcess server;
    static Path aliceSecret;
    static Path botKey;
    static String url;

    @BeforeAll
    static void start() throws IOException {
        aliceSecret = Yonder.privateFile(dir, "alice", ALICE_SECRET);
        botKey = dir.resolve("bot.p12");
        String botFingerprint = Tls.identity(botKey, "bot", null).fingerprint();
        Path access = Yonder.privateFile(dir, "access", "# principal credential roots\nalice secret:" + ALICE_SECRET + " svc\nbot " + botFingerprint + " greeting\n");
        server = Yonder.server("svc.js", "--yonder.Tls=true", "--yonder.TlsKeyStore=" + dir.resolve("server.p12"), "--yonder.Access=" + access);
        url = server.url();
    }

    @AfterAll
    static void stop() {
        server.close();
    }


    /** The URL of a root: yonders://HOST:PORT/ROOT?fingerprint=... */
    static String root(String name) {
        int q = url.indexOf('?');
        return url.substring(0, q) + "/" + name + url.substring(q);
    }


    @Test
    void theServerPrintsAPinnedTlsUrlAndItsKeyIsPrivate() throws IOException {
        assertTrue(url.matches("yonders://127\\.0\\.0\\.1:\\d+\\?fingerprint=sha256:[0-9a-f]{64}"), url);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.p12"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.p12.pass"))));
        assertTrue(url.endsWith(Tls.identity(dir.resolve("server.p12"), "unused", null).fingerprint()), "the printed pin is the key store's certificate");
    }

    @Test
    void aPrincipalWithASecretSeesItsRootsOnly() {
        try (Context c = Yonder.clientWith("yonder.SecretFile", aliceSecret.toString(), "yonder.Principal", "alice")) {
            Value svc = c.eval("yonder", root("svc"));
            assertEquals(42, svc.getMember("value").asInt());
            String big = "x".repeat(3 << 20);
            assertEquals(big.length(), svc.invokeMember("identity", big).asString().length(), "a 3 MiB string each way over TLS");
            long sum = 0;
            for (int i = 0; i < 2_000; i++) {
                sum += svc.invokeMember("identity", i).asLong();
            }
            assertEquals(1_999_000L, sum, "2,000 calls over TLS");
            Value conn = c.eval("yonder", url);
            assertEquals(List.of("svc"), conn.invokeMember("roots").as(List.class), "HELLO lists only alice's roots");
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", root("greeting")));
            assertTrue(e.getMessage().contains("no root named 'greeting'"), e.getMessage());
        }
    }

    @Test
    void aListedClientCertificateIsItsPrincipal() {
        try (Context c = Yonder.clientWith("yonder.TlsKeyStore", botKey.toString())) {
            assertEquals("hello", c.eval("yonder", root("greeting")).asString());
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", root("svc")));
            assertTrue(e.getMessage().contains("no root named 'svc'"), e.getMessage());
        }
    }

    @Test
    void anUnlistedClientCertificateIsRefused() {
        Path other = dir.resolve("other.p12");
        try (Context c = Yonder.clientWith("yonder.TlsKeyStore", other.toString())) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", root("svc")));
            String fp = Tls.identity(other, "unused", null).fingerprint();
            assertTrue(e.getMessage().contains("the client certificate " + fp + " is not on the access list"), e.getMessage());
        }
    }

    @Test
    void aWrongPinIsRefusedBeforeAnythingIsSent() {
        String wrong = "sha256:" + "0".repeat(64);
        try (Context c = Yonder.clientWith("yonder.SecretFile", aliceSecret.toString(), "yonder.Principal", "alice")) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", url.substring(0, url.indexOf('?')) + "/svc?fingerprint=" + wrong));
            assertTrue(e.getMessage().contains("TLS handshake") && e.getMessage().contains("not the pinned " + wrong), e.getMessage());
        }
    }

    @Test
    void noPinMeansTheJdksTrustStoreWhichDoesNotKnowASelfSignedServer() {
        try (Context c = Yonder.clientWith("yonder.SecretFile", aliceSecret.toString(), "yonder.Principal", "alice")) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", url.substring(0, url.indexOf('?')) + "/svc"));
            String fp = url.substring(url.indexOf("sha256:"));
            assertTrue(e.getMessage().contains("is not trusted by this JDK") && e.getMessage().contains("?fingerprint=" + fp), e.getMessage());
        }
    }

    @Test
    void aWrongSecretOverTlsIsRefused() throws IOException {
        Path wrong = Yonder.privateFile(dir, "wrong", "not-alices-secret-0123456789abcdef");
        try (Context c = Yonder.clientWith("yonder.SecretFile", wrong.toString(), "yonder.Principal", "alice")) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("yonder", root("svc")));
            assertTrue(e.getMessage().contains("the server did not prove the secret"), e.getMessage());
        }
    }

    @Test
    void aPlainClientGetsNoAnswerFromATlsPort() {
        try (Context c = Yonder.clientWith("yonder.SecretFile", aliceSecret.toString(), "yonder.Principal", "alice", "yonder.ConnectTimeout", "3000")) {
            String plain = "yonder://" + url.substring("yonders://".length(), url.indexOf('?')) + "/svc";
            assertThrows(PolyglotException.class, () -> c.eval("yonder", plain));
        }
    }
}
