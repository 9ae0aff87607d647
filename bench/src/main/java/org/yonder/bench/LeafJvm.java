package org.yonder.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.yonder.launcher.ChildJvm;

/**
 * The Multiplex bench's handle on one leaf JVM ({@link ShoutLeaves} in a child process with this JVM's flags and
 * class path): sends it commands and takes its answers, line by line, from a thread that reads its output.
 */
final class LeafJvm implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** The last lines it printed that were not answers (its log), for error messages. */
    private final ArrayDeque<String> log = new ArrayDeque<>();
    final String engine;
    int leaves;

    LeafJvm(String... jvmFlags) throws IOException {
        List<String> cmd = ChildJvm.command();
        cmd.set(cmd.size() - 1, ShoutLeaves.class.getName());
        for (String flag : jvmFlags) {
            cmd.add(1, flag);
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process went away.
            }
            lines.add("EXITED");
        }, "leaf-jvm-output");
        reader.setDaemon(true);
        reader.start();
        engine = await("ENGINE", 120);
    }

    /** Adds {@code k} leaves of {@code url}'s ping (following {@code backbone} when not null); returns once they all joined. */
    void join(String url, int k, String backbone) throws IOException {
        if (k > 0) {
            send("JOIN " + url + " " + k + (backbone == null ? "" : " " + backbone));
            leaves = Integer.parseInt(await("JOINED", 300));
        }
    }

    void leave() throws IOException {
        send("LEAVE");
        await("LEFT", 60);
        leaves = 0;
    }

    void send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }

    /** The rest of the next line that starts with {@code word}; other lines are its log. */
    String await(String word, int seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line;
            try {
                line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + word);
            }
            if (line == null || line.equals("EXITED") || line.startsWith("ERROR")) {
                throw new IOException("leaf JVM: " + (line == null ? "no " + word + " within " + seconds + " s" : line) + "; its log:\n" + String.join("\n", log));
            }
            if (line.equals(word)) {
                return "";
            }
            if (line.startsWith(word + " ")) {
                return line.substring(word.length() + 1);
            }
            log.add(line);
            if (log.size() > 40) {
                log.poll();
            }
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
