package org.yonder.launcher.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a full {@code yonder} JVM is made of, as the {@code yonder} script starts one: this JDK's java, the flags of
 * launcher/target/jvm.flags (the Graal JIT) and the launcher's class path. The thin client starts the daemon, and
 * falls back to a fresh JVM, with exactly these; they are also what the daemon's key is made from.
 *
 * @param home      the repository root (the folder of the {@code yonder} script)
 * @param java      this JDK's java launcher
 * @param flags     the full JVM's flags, split as the script's unquoted {@code $(cat jvm.flags)} splits them
 * @param classPath the full JVM's class path, {@code lib/*} unexpanded as the script passes it
 */
record Installation(Path home, Path java, List<String> flags, String classPath) {

    /** From the system property {@code yonder.home}, which the {@code yonder} script sets. */
    static Installation fromSystemProperties() throws IOException {
        String home = System.getProperty("yonder.home");
        if (home == null) {
            throw new IOException("the system property yonder.home (the repository root) is not set");
        }
        Path root = Path.of(home).toAbsolutePath();
        Path target = root.resolve("launcher/target");
        List<String> flags = new ArrayList<>(List.of(Files.readString(target.resolve("jvm.flags")).trim().split("\\s+")));
        flags.removeIf(String::isEmpty);
        return new Installation(root, Path.of(System.getProperty("java.home"), "bin", "java"), List.copyOf(flags),
                        target.resolve("classes") + ":" + target.resolve("lib") + "/*");
    }

    /** {@code java FLAGS -cp CLASSPATH mainClass args...}. */
    List<String> command(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
