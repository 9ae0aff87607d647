package org.yonder.launcher.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.yonder.launcher.Launch;
import org.yonder.launcher.Main;

/**
 * One {@code yonder run} in the daemon: {@link Main#run} itself, the code path of a fresh JVM, in a fresh context on
 * the warm engine, with the client's streams. For its duration the JVM's {@code System.out}, {@code err} and
 * {@code in} are the client's too (runs are serial), so host Java that prints reaches the client as it would in a
 * fresh JVM. If the client goes away (Ctrl-C, killed, socket closed) the context is cancelled and the daemon serves on.
 */
final class DaemonRun {
    /** How long a cancelled script may take to stop before the daemon gives up on itself. */
    private static final long CANCEL_GRACE_MS = 15_000;

    private final Daemon daemon;
    private final InputStream fromClient;
    private final OutputStream toClient;
    private final List<String> args;
    private final PrintStream out;
    private final PrintStream err;
    private final ClientInput in;
    private volatile Context context;
    private volatile boolean finished;
    private volatile boolean exitSent;

    DaemonRun(Daemon daemon, InputStream fromClient, OutputStream toClient, Charset stdout, Charset stderr, List<String> args) {
        this.daemon = daemon;
        this.fromClient = fromClient;
        this.toClient = toClient;
        this.args = args;
        this.out = new PrintStream(new ClientOutput(toClient, Frames.OUT), true, stdout);
        this.err = new PrintStream(new ClientOutput(toClient, Frames.ERR), true, stderr);
        this.in = new ClientInput(toClient);
    }

    /** Runs the script and sends its exit status; returns it. */
    int run(Engine engine) throws IOException {
        synchronized (toClient) {
            Frames.write(toClient, Frames.STARTED, new byte[0]);
        }
        Thread reader = new Thread(this::readClient, "yonder-daemon-client-reader");
        reader.setDaemon(true);
        reader.start();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        InputStream savedIn = System.in;
        int status;
        System.setOut(out);
        System.setErr(err);
        System.setIn(in);
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("main");   // the thread a fresh JVM runs the script on, as host code and stack traces see it
        try {
            status = Main.run(args.toArray(String[]::new), new Launch(engine, in, this::started), out, err);
        } catch (RuntimeException | Error e) {
            err.print("Exception in thread \"main\" ");   // what a fresh JVM's uncaught exception prints
            e.printStackTrace(err);
            status = 1;
        } finally {
            finished = true;
            thread.setName(threadName);
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
        out.flush();
        err.flush();
        sendExit(status);
        return status;
    }

    /**
     * The run's context exists. The yonder language is initialized first: it does not share code between contexts,
     * and a context on a shared engine cannot take such a language lazily (as a script's first Polyglot.eval('yonder',
     * ...) would); initialized or not, it changes nothing a script sees.
     */
    private void started(Context c) {
        context = c;
        c.initialize("yonder");
    }

    /** The script called {@code System.exit(status)}: the JVM is going; the client gets the status first. */
    void exiting(int status) {
        out.flush();
        err.flush();
        sendExit(status);
    }

    private void sendExit(int status) {
        synchronized (toClient) {
            if (exitSent) {
                return;
            }
            exitSent = true;
            try {
                Frames.writeInt(toClient, Frames.EXIT, status);
            } catch (IOException e) {
                // The client is gone.
            }
        }
    }

    /** STDIN answers until the client closes; then the script is cancelled if it still runs. */
    private void readClient() {
        try {
            Frames.Frame f;
            while ((f = Frames.read(fromClient)) != null) {
                if (f.type() != Frames.STDIN) {
                    throw new Frames.BadFrame("unexpected frame " + (char) f.type() + " during a run");
                }
                in.answer(f.payload());
            }
        } catch (IOException e) {
            // The client went away, or broke the protocol: the same for the script.
        }
        in.clientGone();
        if (!finished) {
            cancel("the client went away");
        }
    }

    /** Cancels the script (its context), waiting for it to stop; a script that does not stop takes the daemon down. */
    void cancel(String why) {
        daemon.log("cancelling the running script: " + why);
        long deadline = System.currentTimeMillis() + CANCEL_GRACE_MS;
        while (!finished) {
            Context c = context;
            if (c != null) {
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(Math.max(1, deadline - System.currentTimeMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!finished) {
                        daemon.abandon("a cancelled script did not stop within " + CANCEL_GRACE_MS / 1000 + " s");
                    }
                }, "yonder-daemon-cancel-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
                try {
                    c.close(true);
                } catch (RuntimeException e) {
                    daemon.log("cancel: " + e);
                }
                watchdog.interrupt();
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                daemon.abandon("a cancelled run made no context within " + CANCEL_GRACE_MS / 1000 + " s");
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
