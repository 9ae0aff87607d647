package org.yonder.objspace.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yonder.objspace.YonderError;

/**
 * Who may connect to a listener, and which roots each one sees. Either one shared secret (every peer that proves it
 * is the principal it names, and sees every root), or an access file with one principal per line:
 *
 * <pre>
 * # principal  credential                        roots (comma-separated; * for all)
 * alice        secret:correct-horse-battery      svc,log
 * build        sha256:9f86d081884c7d659a2feaa0c5 *
 * </pre>
 *
 * A {@code secret:} credential is proved by the HMAC handshake ({@link Handshake}); a {@code sha256:} one is the
 * fingerprint of a TLS client certificate. The file is read once, when the listener starts.
 */
public final class AccessList {
    /** One principal: its secret or certificate fingerprint (one of them is null), and its roots (null: all). */
    public record Entry(String principal, byte[] secret, String fingerprint, Set<String> roots) {
        public boolean sees(String root) {
            return roots == null || roots.contains(root);
        }
    }

    private final Map<String, Entry> bySecret = new LinkedHashMap<>();
    private final Map<String, Entry> byFingerprint = new LinkedHashMap<>();
    /** The one shared secret, when there is no file. */
    private final byte[] shared;

    private AccessList(byte[] shared) {
        this.shared = shared;
    }

    /** Every peer that proves {@code secret} may connect, under the name it gives, and sees every root. */
    public static AccessList sharedSecret(byte[] secret) {
        return new AccessList(secret.clone());
    }

    /** Reads an access file; a line that cannot be read is an error naming the file and line. */
    public static AccessList read(Path file) {
        Secrets.checkPrivate(file, "access file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw YonderError.create("cannot read the access file " + file + ": " + e.getMessage());
        }
        AccessList list = new AccessList(null);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw YonderError.create(where + ": a line is 'PRINCIPAL CREDENTIAL ROOTS' (3 fields), not " + f.length + " fields");
            }
            String name = f[0];
            if (!name.matches("[A-Za-z0-9_.@-]{1,64}")) {
                throw YonderError.create(where + ": '" + name + "' is not a principal name (letters, digits, _ . @ -; at most 64)");
            }
            Set<String> roots = f[2].equals("*") ? null : new LinkedHashSet<>(Arrays.asList(f[2].split(",")));
            if (f[1].startsWith("secret:")) {
                byte[] secret = f[1].substring(7).getBytes(StandardCharsets.UTF_8);
                if (secret.length < Secrets.MIN_BYTES) {
                    throw YonderError.create(where + ": the secret of '" + name + "' has " + secret.length + " bytes; use at least " + Secrets.MIN_BYTES + " (for example 32 random bytes, base64)");
                }
                if (list.bySecret.put(name, new Entry(name, secret, null, roots)) != null) {
                    throw YonderError.create(where + ": principal '" + name + "' has a secret already");
                }
            } else if (f[1].startsWith("sha256:")) {
                String fp = Tls.normalizeFingerprint(f[1]);
                if (fp == null) {
                    throw YonderError.create(where + ": '" + f[1] + "' is not a SHA-256 fingerprint (sha256: and 64 hex digits, colons allowed)");
                }
                list.byFingerprint.put(fp, new Entry(name, null, fp, roots));
            } else {
                throw YonderError.create(where + ": the credential must start with 'secret:' or 'sha256:', not '" + f[1] + "'");
            }
        }
        if (list.bySecret.isEmpty() && list.byFingerprint.isEmpty()) {
            throw YonderError.create("the access file " + file + " names no principal: nobody could connect");
        }
        return list;
    }

    /** Whether peers prove a secret (the HMAC handshake runs on connections that no certificate let in). */
    public boolean hasSecrets() {
        return shared != null || !bySecret.isEmpty();
    }

    /** Whether some principals are known by a TLS client certificate. */
    public boolean hasCertificates() {
        return !byFingerprint.isEmpty();
    }

    /** The principal whose client certificate has this fingerprint, or null. */
    public Entry byFingerprint(String fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** The principal of this name that proves a secret, or null (a shared secret knows every name). */
    Entry bySecret(String principal) {
        if (shared != null) {
            return new Entry(principal, shared, null, null);
        }
        return bySecret.get(principal);
    }

    /** The principals, for messages and docs. */
    public List<String> principals() {
        List<String> all = new ArrayList<>(bySecret.keySet());
        byFingerprint.values().forEach(e -> all.add(e.principal()));
        return all;
    }
}
