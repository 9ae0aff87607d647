package org.yonder.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.yonder.launcher.CommandLine.UsageException;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The {@code yonder} command.
 *
 * <pre>
 * yonder serve FILE [--listen HOST:PORT]   run FILE, publish what it exports with Polyglot.export, serve until stopped
 * yonder run FILE [--connect yonder://HOST:PORT]   run a client; with --connect, Polyglot.import finds the server's roots
 * yonder demo                              the seeds' scenario across two processes
 * yonder demo napkin [--stay]              the Multiplex seed's Napkin story: Bob's hub and three leaf processes
 * </pre>
 *
 * Any further {@code --group.Name=value} (such as {@code --yonder.Heartbeat=1000} or {@code --engine.TraceCompilation})
 * is passed to the polyglot context as an option.
 */
public final class Main {
    public static final String READY_PREFIX = "yonder: listening on ";
    static final String DEFAULT_LISTEN = CommandLine.DEFAULT_LISTEN;

    private Main() {
    }

    /**
     * The stack of the thread that runs a command. Guest code that recurses across processes (callbacks that call
     * back) nests one waiting remote call per level, and interpreted Truffle frames are large: the JVM's default of
     * 1 MB for the main thread overflowed a server before {@code yonder.MaxCallDepth}'s 128 levels on a loaded machine
     * (where compiled code comes late). Only what is used is committed.
     */
    public static final long STACK_BYTES = 16L << 20;

    public static void main(String[] args) throws InterruptedException {
        int[] status = {1};
        Thread command = new Thread(null, () -> status[0] = run(args, System.out, System.err), "main", STACK_BYTES);
        command.start();
        command.join();
        System.exit(status[0]);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Launch.STANDALONE, out, err);
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with a run's contexts made as {@code launch} says (the daemon's way). */
    public static int run(String[] args, Launch launch, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return CommandLine.usage(err);
        }
        try {
            switch (args[0]) {
                case "serve":
                    return serve(CommandLine.file(args), CommandLine.option(args, "--listen", DEFAULT_LISTEN), warmup(args), jit(args), CommandLine.polyglotOptions(args), launch, out, err);
                case "run":
                    String[] runArgs = CommandLine.withoutNoDaemon(args);
                    return runClient(CommandLine.file(runArgs), CommandLine.option(runArgs, "--connect", null), jit(runArgs), CommandLine.polyglotOptions(runArgs), launch, out, err);
                case "demo":
                    return demo(args, out, err);
                case "help":
                case "--help":
                case "-h":
                    CommandLine.usage(out);
                    return 0;
                default:
                    err.println("yonder: unknown command '" + args[0] + "'");
                    return CommandLine.usage(err);
            }
        } catch (UsageException e) {
            err.println("yonder: " + e.getMessage());
            return CommandLine.usage(err);
        }
    }

    private static int demo(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1) {
            return Demo.run(out, err);
        }
        if (!args[1].equals("napkin")) {
            throw new UsageException("unknown demo '" + args[1] + "'");
        }
        List<String> rest = List.of(args).subList(2, args.length);
        if (!rest.isEmpty() && !rest.equals(List.of("--stay"))) {
            throw new UsageException("demo napkin takes only --stay, not " + String.join(" ", rest));
        }
        return NapkinDemo.run(out, err, !rest.isEmpty());
    }

    private static double warmup(String[] args) {
        String text = CommandLine.option(args, "--warmup", CommandLine.DEFAULT_WARMUP);
        try {
            double seconds = Double.parseDouble(text);
            if (seconds >= 0 && seconds <= 60) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageException("--warmup takes seconds from 0 to 60, not '" + text + "'");
    }

    /** {@code --jit MODE} (see {@link Jit}); background when not given. */
    private static Jit jit(String[] args) {
        return Jit.parse(CommandLine.option(args, "--jit", "background"));
    }

    static int serve(Path file, String listen, double warmup, Jit jit, Map<String, String> options, Launch launch, PrintStream out, PrintStream err) {
        ServeWarmup.run(warmup, jit, err);
        return inContext(launch.configure(jit.configure(contextBuilder())).options(options).option("yonder.Listen", listen), err, context -> {
            launch.started().accept(context);
            Source script = source(file);
            installEventLoop(context, script);
            context.eval(script);
            context.initialize("yonder");
            Value listener = context.eval("yonder", "listener");
            out.println(READY_PREFIX + listener.getMember("url").asString());
            out.flush();
            context.eval("yonder", "serve");
        });
    }

    static int runClient(Path file, String connect, Map<String, String> options, PrintStream out, PrintStream err) {
        return runClient(file, connect, Jit.BACKGROUND, options, Launch.STANDALONE, out, err);
    }

    static int runClient(Path file, String connect, Jit jit, Map<String, String> options, Launch launch, PrintStream out, PrintStream err) {
        if (jit != Jit.BACKGROUND && launch.engine() != null) {
            throw new UsageException("--jit " + jit.name().toLowerCase(java.util.Locale.ROOT) + " needs a JVM of its own: run it with --no-daemon");
        }
        Context.Builder builder = launch.configure(jit.configure(contextBuilder())).options(options).out(out).err(err);
        Source script = source(file);
        if (connect != null) {
            builder.option("yonder.Connect", connect);
            if (!options.containsKey("yonder.BindFor") && (script.getLanguage().equals("js") || script.getLanguage().equals("python"))) {
                builder.option("yonder.BindFor", script.getLanguage());   // the bound roots in the script's own kinds
            }
        }
        return inContext(builder, err, context -> {
            launch.started().accept(context);
            if (connect != null) {
                context.initialize("yonder");
            }
            installEventLoop(context, script);
            context.eval(script);
            context.eval("yonder", "loop");   // timers, pending calls and remote promises, until none is left
        });
    }

    /**
     * JS scripts get {@code setTimeout}, {@code setInterval}, their {@code clear}s and {@code queueMicrotask}, on the
     * context's event loop ({@code Polyglot.eval('yonder', 'timers')}, asked on first use); ids are numbers, as in
     * browsers. A callback's arguments follow the delay, as everywhere.
     */
    static void installEventLoop(Context context, Source script) {
        if ("js".equals(script.getLanguage())) {
            context.eval("js", JS_EVENT_LOOP);
        }
    }

    private static final String JS_EVENT_LOOP = """
                    (function () {
                      'use strict';
                      let timers;
                      const loop = () => timers || (timers = Polyglot.eval('yonder', 'timers'));
                      const callable = (f, name) => {
                        if (typeof f !== 'function') throw new TypeError(name + ': the callback must be a function, not ' + (f === null ? 'null' : typeof f));
                        return f;
                      };
                      const define = (f) => Object.defineProperty(globalThis, f.name, { value: f, writable: true, configurable: true, enumerable: false });
                      define(function setTimeout(callback, delay, ...args) { callable(callback, 'setTimeout'); return loop().schedule(() => callback(...args), Number(delay), false); });
                      define(function setInterval(callback, delay, ...args) { callable(callback, 'setInterval'); return loop().schedule(() => callback(...args), Number(delay), true); });
                      define(function clearTimeout(id) { if (typeof id === 'number' && timers) timers.cancel(id); });
                      define(function clearInterval(id) { if (typeof id === 'number' && timers) timers.cancel(id); });
                      define(function queueMicrotask(callback) { callable(callback, 'queueMicrotask'); Promise.resolve().then(() => callback()); });
                    })();
                    """;

    /** Runs {@code body} in a new context; 0 on success, else reports the error and returns the exit status. */
    private static int inContext(Context.Builder builder, PrintStream err, Consumer<Context> body) {
        try (Context context = builder.build()) {
            try {
                body.accept(context);
                return 0;
            } catch (PolyglotException e) {
                return reportGuestError(e, context, err);
            }
        } catch (PolyglotException | IllegalArgumentException e) {
            err.println("yonder: " + e.getMessage());
            return 1;
        }
    }

    static Context.Builder contextBuilder() {
        return Context.newBuilder().allowAllAccess(true);
    }

    /** Prints an uncaught guest error: its message, the owner's stack when it came from a peer, and the local stack. */
    static int reportGuestError(PolyglotException e, Context context, PrintStream err) {
        if (e.isExit()) {
            return e.getExitStatus();
        }
        if (e.isCancelled() || e.isInterrupted()) {
            err.println("yonder: stopped");
            return 130;
        }
        err.println("Error: " + e.getMessage());
        Value guest = e.getGuestObject();
        if (guest != null && guest.isException()) {
            try {
                Value frames = context.eval("yonder", "stackOf").execute(guest);
                if (frames.getArraySize() > 0) {
                    err.println("  remote stack:");
                    for (long i = 0; i < frames.getArraySize(); i++) {
                        err.println("    at " + frames.getArrayElement(i).asString());
                    }
                }
            } catch (PolyglotException ignored) {
                // No remote stack to show.
            }
        }
        boolean header = false;
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame()) {
                if (!header) {
                    err.println("  local stack:");
                    header = true;
                }
                err.println("    at " + frame);
            }
        }
        return 1;
    }

    static Source source(Path file) {
        try {
            String language = Source.findLanguage(file.toFile());
            if (language == null || "yonder".equals(language)) {
                language = file.toString().endsWith(".py") ? "python" : "js";
            }
            return Source.newBuilder(language, file.toFile()).build();
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
