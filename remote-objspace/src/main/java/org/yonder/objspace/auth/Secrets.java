package org.yonder.objspace.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.yonder.objspace.YonderError;

/**
 * Where a shared secret comes from: a file or an environment variable, never the command line (where any user of the
 * machine can read it in the process list). A file that others may read is refused, as ssh refuses such a key.
 */
public final class Secrets {
    /** Shorter secrets are refused: an HMAC proof of a short one can be guessed offline from a recorded handshake. */
    public static final int MIN_BYTES = 16;

    private Secrets() {
    }

    /** The secret in {@code file} (one line; the line end is not part of it). */
    public static byte[] fromFile(Path file) {
        checkPrivate(file, "secret file");
        try {
            return check(Files.readString(file, StandardCharsets.UTF_8).strip(), "the secret file " + file);
        } catch (IOException e) {
            throw YonderError.create("cannot read the secret file " + file + ": " + e.getMessage());
        }
    }

    /** The secret in the environment variable {@code name}. */
    public static byte[] fromEnvironment(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw YonderError.create("the environment variable " + name + " (yonder.SecretEnv) is not set");
        }
        return check(value.strip(), "the environment variable " + name);
    }

    private static byte[] check(String secret, String where) {
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        if (b.length < MIN_BYTES) {
            throw YonderError.create(where + " holds a secret of " + b.length + " bytes; use at least " + MIN_BYTES + " (for example: head -c 32 /dev/urandom | base64)");
        }
        return b;
    }

    /** Refuses a file of secrets that its group or other users may read or write. */
    static void checkPrivate(Path file, String what) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.GROUP_WRITE)
                            || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw YonderError.create("the " + what + " " + file + " may be read or written by other users; make it private (chmod 600)");
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        } catch (IOException e) {
            throw YonderError.create("cannot read the " + what + " " + file + ": " + e.getMessage());
        }
    }
}
