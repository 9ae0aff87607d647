package org.yonder.objspace.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.yonder.objspace.YonderError;

/**
 * TLS 1.3 through the JDK: a context's key and certificate (a PKCS#12 key store, made with the JDK's {@code keytool} on
 * first use, its password in a private file beside it), the SHA-256 fingerprint of a certificate, and the socket
 * factories of both sides. A client trusts a server by the fingerprint pinned in its URL, or else by the JDK's trust
 * store and host name. A listener asks for client certificates when its access list names some; any certificate may
 * complete the TLS handshake, and the listener then lets in only the listed ones, so that a refused client reads
 * why (see {@code YonderContext}).
 */
public final class Tls {
    private static final String PROTOCOL = "TLSv1.3";
    private static final String ALIAS = "yonder";

    /** A loaded identity: the key store's key managers and the certificate's fingerprint. */
    public record Identity(Path keyStore, KeyManager[] keyManagers, String fingerprint) {
    }

    private Tls() {
    }

    /** {@code sha256:} and 64 lowercase hex digits, from any case and with or without colons; null if it is not one. */
    public static String normalizeFingerprint(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("sha256:")) {
            s = s.substring(7);
        }
        s = s.replace(":", "");
        return s.matches("[0-9a-f]{64}") ? "sha256:" + s : null;
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a certificate: " + e.getMessage(), e);
        }
    }

    /** The identity in {@code keyStore}, made first (a new EC key and a self-signed certificate) if the file is missing. */
    public static Identity identity(Path keyStore, String commonName, java.util.function.Consumer<String> log) {
        Path passFile = keyStore.resolveSibling(keyStore.getFileName() + ".pass");
        if (!Files.exists(keyStore)) {
            make(keyStore, passFile, commonName);
            if (log != null) {
                log.accept("made a TLS key and certificate in " + keyStore);
            }
        }
        try {
            Secrets.checkPrivate(passFile, "key store password file");
            char[] password = Files.readString(passFile, StandardCharsets.UTF_8).strip().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, password);
            }
            if (!(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
                throw YonderError.create("the key store " + keyStore + " has no entry '" + ALIAS + "' with an X.509 certificate");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return new Identity(keyStore, kmf.getKeyManagers(), fingerprint(certificate));
        } catch (IOException | GeneralSecurityException e) {
            throw YonderError.create("cannot load the TLS key store " + keyStore + ": " + e.getMessage());
        }
    }

    /** Runs the JDK's keytool; the password goes through the environment, not the command line. */
    private static void make(Path keyStore, Path passFile, String commonName) {
        try {
            Path dir = keyStore.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            String password = HexFormat.of().formatHex(raw);
            // Made under temporary names and moved into place, so two processes that start at once do not mix halves.
            Path tmpStore = Files.createTempFile(dir, ".yonder-key", ".p12");
            Path tmpPass = Files.createTempFile(dir, ".yonder-key", ".pass", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.delete(tmpStore);
            Files.writeString(tmpPass, password + "\n");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                            "-sigalg", "SHA256withECDSA", "-dname", "CN=" + commonName, "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-validity", "3650",
                            "-storetype", "PKCS12", "-keystore", tmpStore.toString(), "-storepass:env", "YONDER_KEY_PASS", "-keypass:env", "YONDER_KEY_PASS"));
            pb.environment().put("YONDER_KEY_PASS", password);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw YonderError.create("keytool could not make a key in " + keyStore + ": " + output.strip());
            }
            Files.setPosixFilePermissions(tmpStore, PosixFilePermissions.fromString("rw-------"));
            move(tmpPass, passFile);
            move(tmpStore, keyStore);
        } catch (IOException e) {
            throw YonderError.create("cannot make a TLS key in " + keyStore + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw YonderError.create("interrupted while making a TLS key in " + keyStore);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The server side: its identity; client certificates asked for ({@code wantClients}) and accepted by any chain. */
    public static SSLContext serverContext(Identity identity) {
        return context(identity.keyManagers(), new TrustManager[]{new AnyClient()});
    }

    /** The server's end of TLS for an accepted connection; client certificates asked for when {@code wantClients}. */
    public static SSLEngine serverEngine(SSLContext context, boolean wantClients) {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledProtocols(new String[]{PROTOCOL});
        if (wantClients) {
            e.setWantClientAuth(true);
        }
        return e;
    }

    /**
     * The client side: trusts the server whose certificate has {@code pinned} as fingerprint, or (null) the JDK's trust
     * store with the host name checked; presents {@code identity} when the server asks for a certificate.
     */
    public static SSLEngine clientEngine(String host, int port, String pinned, Identity identity) throws IOException {
        TrustManager trust;
        try {
            trust = pinned != null ? new Pinned(pinned) : new JdkTrust();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the JDK's trust store: " + e.getMessage(), e);
        }
        SSLContext context = context(identity == null ? null : identity.keyManagers(), new TrustManager[]{trust});
        SSLEngine e = context.createSSLEngine(host, port);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[]{PROTOCOL});
        if (pinned == null) {
            SSLParameters p = e.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            e.setSSLParameters(p);
        }
        return e;
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext c = SSLContext.getInstance(PROTOCOL);
            c.init(keys, trust, new SecureRandom());
            return c;
        } catch (GeneralSecurityException e) {
            throw YonderError.create("this JDK cannot make a " + PROTOCOL + " context: " + e.getMessage());
        }
    }

    /** The fingerprint of the certificate the other end of a finished handshake presented, or null if none. */
    public static String peerFingerprint(javax.net.ssl.SSLSession session) {
        try {
            if (session.getPeerCertificates()[0] instanceof X509Certificate c) {
                return fingerprint(c);
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
        return null;
    }

    /**
     * A trust manager as two decisions, one per side; the JDK's three overloads of each (plain, with the socket, with
     * the engine) all come to them.
     */
    private abstract static class Trust extends X509ExtendedTrustManager {
        /** Decides on a server's chain; {@code socket} or {@code engine} is the connection, when the JDK gives it. */
        abstract void server(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine) throws CertificateException;

        abstract void client(X509Certificate[] chain, String authType) throws CertificateException;

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            server(chain, authType, null, null);
        }

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            server(chain, authType, socket, null);
        }

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            server(chain, authType, null, engine);
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            client(chain, authType);
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            client(chain, authType);
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            client(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** A client's trust: it is never asked about client certificates. */
    private abstract static class ClientTrust extends Trust {
        @Override
        final void client(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client trusts no client certificates");
        }
    }

    /** Trusts exactly one server certificate, by fingerprint (no CA, no host name: the pin says which server). */
    private static final class Pinned extends ClientTrust {
        private final String pinned;

        Pinned(String pinned) {
            this.pinned = pinned;
        }

        @Override
        void server(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine) throws CertificateException {
            String presented = fingerprint(chain[0]);
            if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII), pinned.getBytes(StandardCharsets.US_ASCII))) {
                throw new CertificateException("the server's certificate is " + presented + ", not the pinned " + pinned);
            }
        }
    }

    /** The JDK's trust store; a refusal names the certificate's fingerprint, so the user can decide to pin it. */
    private static final class JdkTrust extends ClientTrust {
        private final X509ExtendedTrustManager jdk;

        JdkTrust() throws GeneralSecurityException {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            X509ExtendedTrustManager found = null;
            for (TrustManager t : f.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) {
                    found = x;
                }
            }
            if (found == null) {
                throw new GeneralSecurityException("no X.509 trust manager");
            }
            this.jdk = found;
        }

        @Override
        void server(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine) throws CertificateException {
            try {
                if (socket != null) {
                    jdk.checkServerTrusted(chain, authType, socket);
                } else if (engine != null) {
                    jdk.checkServerTrusted(chain, authType, engine);
                } else {
                    jdk.checkServerTrusted(chain, authType);
                }
            } catch (CertificateException e) {
                throw new CertificateException("the server's certificate (" + fingerprint(chain[0]) + ") is not trusted by this JDK (" + e.getMessage()
                                + "); if that is the fingerprint the server printed, pin it: yonders://HOST:PORT/ROOT?fingerprint=" + fingerprint(chain[0]), e);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
    }

    /**
     * A listener's trust: any client certificate completes the handshake (TLS has proved the client holds its key);
     * the access list decides afterwards, so the refusal can say which certificate was not listed.
     */
    private static final class AnyClient extends Trust {
        @Override
        void server(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a listener trusts no server certificates");
        }

        @Override
        void client(X509Certificate[] chain, String authType) {
            // Any: see above.
        }
    }
}
