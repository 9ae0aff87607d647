package org.yonder.launcher;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a {@code yonder} child process: this JVM's java, flags and class path. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java <this JVM's flags> -cp <this class path> org.yonder.launcher.Main <yonderArgs>}. */
    public static List<String> command(String... yonderArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-javaagent") && !arg.startsWith("-Dsurefire") && !arg.startsWith("-Dbasedir")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(yonderArgs));
        return command;
    }
}
