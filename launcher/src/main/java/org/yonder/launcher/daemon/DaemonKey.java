package org.yonder.launcher.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The name of the daemon a {@code yonder run} may use: a hash of everything that makes the daemon's JVM what a fresh
 * JVM would be. A daemon whose JDK, JVM flags, class path, build (every jar's and class file's size and time),
 * environment variables or working folder differ from the client's has another name, so it is never used; it idles
 * out. The working folder is in the key (with its inode) so that relative paths, in the script's name as in host
 * Java's {@code new java.io.File("x")}, resolve as in a fresh JVM.
 */
final class DaemonKey {
    private DaemonKey() {
    }

    static String of(Installation installation, Path cwd, Map<String, String> env) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("protocol ").append(Frames.VERSION).append('\n');
        s.append("java ").append(installation.java()).append(' ').append(System.getProperty("java.runtime.version")).append('\n');
        describe(s, installation.java().toRealPath());
        s.append("flags ").append(String.join(" ", installation.flags())).append('\n');
        s.append("classpath ").append(installation.classPath()).append('\n');
        for (String entry : installation.classPath().split(":")) {
            Path p = Path.of(entry.endsWith("/*") ? entry.substring(0, entry.length() - 2) : entry);
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : files.sorted().toList()) {
                        describe(s, f);
                    }
                }
            } else {
                describe(s, p);
            }
        }
        for (String flag : installation.flags()) {
            int eq = flag.indexOf('=');
            if (flag.startsWith("--upgrade-module-path=")) {
                for (String jar : flag.substring(eq + 1).split(":")) {
                    describe(s, Path.of(jar));
                }
            }
        }
        BasicFileAttributes dir = Files.readAttributes(cwd, BasicFileAttributes.class);
        s.append("cwd ").append(cwd).append(' ').append(dir.fileKey()).append('\n');
        new TreeMap<>(env).forEach((k, v) -> s.append("env ").append(k).append('=').append(v).append('\0'));
        return sha256(s.toString()).substring(0, 24);
    }

    private static void describe(StringBuilder s, Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            s.append("missing ").append(p).append('\n');
            return;
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        s.append("file ").append(p).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis()).append('\n');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The polyglot option groups a daemon context takes; anything else (engine.*, compiler.*, tools) needs an engine of its own. */
    static final List<String> CONTEXT_OPTION_GROUPS = List.of("yonder", "js", "python");
}
