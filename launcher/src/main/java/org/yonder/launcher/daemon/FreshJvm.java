package org.yonder.launcher.daemon;

import java.io.IOException;
import java.util.List;

/**
 * The no-daemon path from the thin client: {@code yonder ARGS} in a full JVM of its own, exactly as the script starts
 * one, with this process's stdin, stdout and stderr. Used when the daemon is off, busy, cannot start, or the run
 * needs an engine of its own. Ctrl-C reaches the child too (same process group); a SIGTERM to this process is passed on.
 */
final class FreshJvm {
    private FreshJvm() {
    }

    static int run(Installation installation, List<String> args) {
        try {
            Process child = new ProcessBuilder(installation.command("org.yonder.launcher.Main", args)).inheritIO().start();
            Thread passOn = new Thread(child::destroy, "yonder-pass-sigterm");
            Runtime.getRuntime().addShutdownHook(passOn);
            int status = waitFor(child);
            Runtime.getRuntime().removeShutdownHook(passOn);
            return status;
        } catch (IOException e) {
            System.err.println("yonder: cannot start " + installation.java() + ": " + e.getMessage());
            return 1;
        }
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // Only the child's end ends this process.
            }
        }
    }
}
