package org.yonder.launcher.daemon;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.yonder.launcher.CommandLine;
import org.yonder.launcher.CommandLine.UsageException;

/**
 * The thin client: what {@code ./yonder run}, {@code help} and {@code daemon} start. A small JVM with no Truffle on
 * its class path and no JVMCI flags (so the JDK's CDS archive applies) that answers help and usage errors itself, with
 * {@link CommandLine}'s code, and hands a run to the warm daemon of its key ({@link DaemonKey}). It then relays: the
 * daemon's stdout and stderr bytes to its own, its stdin to the daemon on request, and exits with the daemon's exit
 * status. It never waits for a daemon: with none, it starts one for the next runs ({@link DaemonStarter}) and runs
 * this one in a fresh JVM ({@link FreshJvm}), as it does when the daemon is busy with another script.
 */
public final class DaemonClient {

    private final Installation installation;
    private final Map<String, String> env = System.getenv();

    private DaemonClient(Installation installation) {
        this.installation = installation;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return CommandLine.usage(System.err);
        }
        switch (args[0]) {
            case "help", "--help", "-h" -> {
                CommandLine.usage(System.out);
                return 0;
            }
            default -> {
                // handled below
            }
        }
        Installation installation;
        try {
            installation = Installation.fromSystemProperties();
        } catch (IOException e) {
            System.err.println("yonder: " + e.getMessage());
            return 1;
        }
        DaemonClient client = new DaemonClient(installation);
        return switch (args[0]) {
            case "run" -> client.run(List.of(args));
            case "daemon" -> DaemonCommand.run(installation, client.env, List.of(args).subList(1, args.length));
            default -> FreshJvm.run(installation, List.of(args));
        };
    }

    private int run(List<String> argv) {
        List<String> args = new ArrayList<>(argv);
        boolean off = args.removeIf(CommandLine.NO_DAEMON::equals) || "0".equals(env.get("YONDER_DAEMON"));
        String[] a = args.toArray(String[]::new);
        try {
            CommandLine.file(a);
            CommandLine.option(a, "--connect", null);
        } catch (UsageException e) {
            System.err.println("yonder: " + e.getMessage());
            return CommandLine.usage(System.err);
        }
        // Engine options and a JIT mode of its own (--jit) need a JVM of the run's own: the daemon's engine is shared.
        boolean ownJvm = !CommandLine.option(a, "--jit", "background").equals("background");
        if (off || ownJvm || !CommandLine.polyglotOptions(a).keySet().stream().allMatch(DaemonClient::isContextOption)) {
            return FreshJvm.run(installation, args);
        }
        try {
            Path folder = DaemonFolder.ensure(env);
            Path cwd = Path.of("").toAbsolutePath();
            String key = DaemonKey.of(installation, cwd, env);
            DaemonStarter starter = new DaemonStarter(installation, folder, key);
            SocketChannel channel = starter.connect();
            if (channel == null) {
                starter.startInBackground(ProcessHandle.current().pid(), false);   // for the next runs; this one is a fresh JVM's
            } else {
                Integer status = relay(channel, key, args);
                if (status != null) {
                    return status;
                }
            }
        } catch (IOException e) {
            // No daemon for this run: a fresh JVM gives the same answer, a little later.
        }
        return FreshJvm.run(installation, args);
    }

    private static boolean isContextOption(String name) {
        int dot = name.indexOf('.');
        return DaemonKey.CONTEXT_OPTION_GROUPS.contains(name.substring(0, dot));
    }

    /**
     * Runs {@code args} in the daemon and relays its streams. The exit status, or null if the daemon did not take the
     * run (busy, stale, or gone before it started the script), so that a fresh JVM runs it instead.
     */
    private Integer relay(SocketChannel channel, String key, List<String> args) throws IOException {
        try (channel) {
            InputStream in = Channels.newInputStream(channel);
            OutputStream out = Channels.newOutputStream(channel);
            List<String> request = new ArrayList<>();
            request.add(String.valueOf(Frames.VERSION));
            request.add(key);
            request.add(charset("stdout.encoding"));
            request.add(charset("stderr.encoding"));
            request.addAll(args);
            try {
                Frames.writeStrings(out, Frames.RUN, request);
            } catch (IllegalArgumentException e) {
                return null;   // arguments beyond a frame: a fresh JVM takes them
            }
            Frames.Frame first = Frames.read(in);
            if (first == null || first.type() != Frames.STARTED) {
                return null;
            }
            // From here on the script runs: whatever happens, it must not run again in a fresh JVM.
            try {
                return relayRun(in, out);
            } catch (IOException e) {
                System.err.println("yonder: lost the daemon during the run (" + e.getMessage() + "; see " + DaemonFolder.of(env).resolve(key + ".log") + ")");
                return 1;
            }
        }
    }

    private int relayRun(InputStream in, OutputStream out) throws IOException {
        Output stdout = new Output(new FileOutputStream(FileDescriptor.out));
        Output stderr = new Output(new FileOutputStream(FileDescriptor.err));
        ExecutorService stdin = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "yonder-stdin");
            t.setDaemon(true);
            return t;
        });
        FileInputStream stdinFd = new FileInputStream(FileDescriptor.in);
        while (true) {
            Frames.Frame f = Frames.read(in);
            if (f == null) {
                throw new IOException("the daemon went away");
            }
            switch (f.type()) {
                case Frames.OUT -> stdout.write(f.payload());
                case Frames.ERR -> stderr.write(f.payload());
                case Frames.STDIN_WANTED -> {
                    int max = f.asInt();
                    stdin.execute(() -> sendStdin(stdinFd, out, max));
                }
                case Frames.EXIT -> {
                    return f.asInt();
                }
                case Frames.FAILED -> {
                    System.err.println("yonder: the daemon failed: " + f.asText());
                    return 1;
                }
                default -> throw new Frames.BadFrame("unexpected frame " + (char) f.type() + " from the daemon");
            }
        }
    }

    /**
     * This process's stdout or stderr. A write that fails (a closed pipe: {@code yonder run x.js | head -1}) is dropped
     * and the run goes on, as a fresh JVM's {@code System.out} drops it.
     */
    private record Output(FileOutputStream fd) {
        void write(byte[] bytes) {
            try {
                fd.write(bytes);
            } catch (IOException e) {
                // As PrintStream: the error is not the script's.
            }
        }
    }

    /** Reads at most {@code max} bytes of this process's stdin for the script (an empty frame at its end). */
    private static void sendStdin(InputStream stdin, OutputStream out, int max) {
        byte[] buf = new byte[Math.max(1, Math.min(max, 65_536))];
        int n;
        try {
            n = stdin.read(buf);
        } catch (IOException e) {
            n = -1;
        }
        try {
            synchronized (out) {
                Frames.write(out, Frames.STDIN, buf, 0, Math.max(n, 0));
            }
        } catch (IOException e) {
            // The run is over.
        }
    }

    private static String charset(String property) {
        String name = System.getProperty(property);
        return name != null ? name : Charset.defaultCharset().name();
    }

}
