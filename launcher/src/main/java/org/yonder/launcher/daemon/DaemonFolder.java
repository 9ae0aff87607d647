package org.yonder.launcher.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;

/**
 * The per-user folder of the daemons' sockets, locks and logs: {@code $YONDER_DAEMON_DIR} if set (the tests give each
 * run a private one), else {@code $XDG_RUNTIME_DIR/yonder}, else {@code ~/.cache/yonder}. It must be the user's own
 * and mode 0700, so no other user can reach a socket or read a log; a folder owned by someone else is refused.
 */
final class DaemonFolder {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DaemonFolder() {
    }

    static Path of(Map<String, String> env) {
        String dir = env.get("YONDER_DAEMON_DIR");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir).toAbsolutePath();
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "yonder");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "yonder");
    }

    /** Creates the folder (mode 0700) if need be, and checks that it is this user's and 0700 (making it so if it is ours). */
    static Path ensure(Map<String, String> env) throws IOException {
        Path dir = of(env);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another client made it at the same time.
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a folder (a symbolic link is refused)");
        }
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        Path probe = Files.createTempFile(dir, "owner", ".tmp");   // a file of ours: whose folder is it?
        try {
            if (!Files.getOwner(probe).equals(owner)) {
                throw new IOException(dir + " belongs to " + owner.getName() + ", not to this user");
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }
}
