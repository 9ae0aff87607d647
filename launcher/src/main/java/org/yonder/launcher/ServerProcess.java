package org.yonder.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code yonder serve FILE} in a child JVM with this JVM's flags and class path. Starts it, waits for the ready line,
 * and gives its URL. Used by {@code yonder demo} and by the cross-process tests.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String url;
    /** What the process printed besides the ready line, before and after it (the output pump adds to it). */
    private final List<String> output;

    private ServerProcess(Process process, String url, List<String> output) {
        this.process = process;
        this.url = url;
        this.output = output;
    }

    /**
     * Starts a server on {@code listen} (use {@code 127.0.0.1:0}) and waits up to {@code timeoutSeconds} for it to be
     * ready. Lines it prints besides the ready line go to {@code echo} (when not null) and to {@link #output()}.
     * {@code options} are further arguments of {@code yonder serve}, such as {@code --yonder.ExposeAll=true}, or flags of
     * the child JVM after {@code -J} ({@code -J-Xmx256m}).
     */
    public static ServerProcess start(Path script, String listen, PrintStream echo, String echoPrefix, long timeoutSeconds, String... options) throws IOException {
        List<String> command = ChildJvm.command("serve", script.toString(), "--listen", listen);
        for (String option : options) {
            if (option.startsWith("-J")) {
                command.add(command.indexOf("-cp"), option.substring(2));   // a flag of the child JVM (-J-Xmx256m), as javac's -J
            } else {
                command.add(option);
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> early = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!ready.isDone() && line.startsWith(Main.READY_PREFIX)) {
                        ready.complete(line.substring(Main.READY_PREFIX.length()).trim());
                        continue;
                    }
                    early.add(line);
                    if (echo != null) {
                        echo.println(echoPrefix + line);
                    }
                }
            } catch (IOException e) {
                // The process went away.
            }
            ready.completeExceptionally(new IOException("server exited before it was ready: " + String.join("\n", early)));
        }, "yonder-server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ServerProcess(process, ready.get(timeoutSeconds, TimeUnit.SECONDS), early);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            process.destroyForcibly();
            throw new IOException("server was not ready within " + timeoutSeconds + " s: " + String.join("\n", early));
        }
    }

    /** {@code yonder://HOST:PORT} of the server. */
    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<String> output() {
        return output;
    }

    /** Stops the process (SIGTERM), and kills it if it is still there after 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }
}
