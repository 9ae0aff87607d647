package org.yonder.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code yonder} command's arguments and its usage text, without the polyglot API: the thin client of
 * {@code yonder run} (which has no Truffle on its class path) answers {@code --help} and usage errors with the very
 * code {@link Main} uses, so both print the same bytes.
 */
public final class CommandLine {
    static final String DEFAULT_LISTEN = "127.0.0.1:7390";
    /** {@code yonder serve}'s default warm-up, in seconds (see {@link ServeWarmup}). */
    static final String DEFAULT_WARMUP = "2";
    /** The options that take a value: {@code --listen} and {@code --warmup} (serve), {@code --connect} (run), {@code --jit} (both). */
    private static final java.util.Set<String> KNOWN = java.util.Set.of("--listen", "--warmup", "--connect", "--jit");
    /** {@code yonder run --no-daemon}: the thin client's switch, which a fresh JVM accepts and ignores. */
    public static final String NO_DAEMON = "--no-daemon";

    private CommandLine() {
    }

    /** {@code args} without {@link #NO_DAEMON}. */
    public static String[] withoutNoDaemon(String[] args) {
        return java.util.Arrays.stream(args).filter(a -> !a.equals(NO_DAEMON)).toArray(String[]::new);
    }

    /** The FILE argument; a usage error when it is missing or unreadable (relative to this JVM's working folder). */
    public static Path file(String[] args) {
        if (args.length < 2 || args[1].startsWith("--")) {
            throw new UsageException(args[0] + " needs a FILE");
        }
        Path p = Path.of(args[1]);
        if (!Files.isReadable(p)) {
            throw new UsageException("cannot read " + p);
        }
        return p;
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE}; a usage error for an unknown non-polyglot option. */
    public static String option(String[] args, String name, String fallback) {
        List<String> list = List.of(args);
        for (int i = 2; i < list.size(); i++) {
            String a = list.get(i);
            if (a.equals(name)) {
                if (i + 1 >= list.size()) {
                    throw new UsageException(name + " needs a value");
                }
                return list.get(i + 1);
            } else if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            } else if (KNOWN.contains(a)) {
                i++;   // another option of the command, and its value
            } else if (a.startsWith("--") && !isPolyglotOption(a) && !KNOWN.contains(a.split("=", 2)[0])) {
                throw new UsageException("unknown option " + a);
            }
        }
        return fallback;
    }

    static boolean isPolyglotOption(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && arg.substring(2, eq < 0 ? arg.length() : eq).contains(".");
    }

    /** The {@code --group.Name[=value]} arguments, as polyglot options. */
    public static Map<String, String> polyglotOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            if (isPolyglotOption(args[i])) {
                int eq = args[i].indexOf('=');
                options.put(args[i].substring(2, eq < 0 ? args[i].length() : eq), eq < 0 ? "true" : args[i].substring(eq + 1));
            }
        }
        return options;
    }

    /** Prints the usage text; 2, the exit status of a usage error. */
    public static int usage(PrintStream s) {
        s.println("usage: yonder serve FILE [--listen HOST:PORT] [--warmup SECONDS]   (default " + DEFAULT_LISTEN + "; port 0 picks a free port;");
        s.println("       the server warms Yonder's own paths for " + DEFAULT_WARMUP + " s before it listens; --warmup 0 skips that)");
        s.println("       yonder run FILE [--connect yonder://HOST:PORT]   (through the warm daemon; --no-daemon or YONDER_DAEMON=0: a fresh JVM)");
        s.println("       --jit settle (serve, run): a thread that needs compiled code waits for it, so no compiler competes with");
        s.println("       the calls once their paths have run (a p99 of 0.1-0.5 ms, not 4-8 ms; a later start: serve warms up until");
        s.println("       compilation is quiet, 30-60 s here; run: a fresh JVM)");
        s.println("       yonder daemon start|status|stop");
        s.println("       yonder demo");
        s.println("       yonder demo napkin [--stay]   (Bob's hub and three leaves; --stay keeps Amy's napkin page up)");
        s.println("       any --group.Name=value (e.g. --yonder.Heartbeat=1000) is passed to the context as an option");
        return 2;
    }

    /** A usage error: the command prints {@code yonder: MESSAGE} and the usage text, and exits with 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
