package org.yonder.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code yonder demo napkin}: the Multiplex seed's story across real processes (docs/napkin.md). Bob's hub
 * (demo/napkin/hub.js) runs in a {@link ServerProcess}; Alec and Amy run demo/napkin/leaf.js and Angus the text client
 * demo/napkin/angus.py, each in a child JVM connected to the hub. The leaves drive the story themselves, each step
 * following the shout before it in the hub's order; this process prints their lines and tells whether every leaf saw
 * the whole story.
 */
final class NapkinDemo {
    static final String STORY = "amy:move,alec:croak,alec:draw,alec:rotate";
    static final String COMPLETE = "the story is complete";
    private static final long LEAF_SECONDS = 150;

    private NapkinDemo() {
    }

    /** A leaf process and the lines it printed so far. */
    private record Leaf(String name, Process process, List<String> lines) {
        boolean complete() {
            return lines.stream().anyMatch(l -> l.contains(COMPLETE));
        }
    }

    /** Runs the story; with {@code stay}, Amy's napkin page stays up after it until this process is stopped. */
    static int run(PrintStream out, PrintStream err, boolean stay) {
        List<Leaf> leaves = new CopyOnWriteArrayList<>();
        try {
            Path dir = Files.createTempDirectory("yonder-napkin");
            Path hub = Demo.extract(dir, "napkin/hub.js");
            Path leafJs = Demo.extract(dir, "napkin/leaf.js");
            Path angus = Demo.extract(dir, "napkin/angus.py");
            out.println("yonder demo napkin: Bob's hub, and three leaves: Alec and Amy (leaf.js), Angus (angus.py, text only)");
            out.println("yonder demo napkin: the story: Amy moves the red circle; Alec clicks the frog; Alec draws a blot and rotates it");
            try (ServerProcess bob = ServerProcess.start(hub, "127.0.0.1:0", out, "[bob]   ", 60)) {
                Thread stop = new Thread(() -> {   // Ctrl-C (as with --stay) stops the hub and the leaves too
                    leaves.forEach(l -> l.process().destroy());
                    bob.close();
                }, "napkin-stop");
                Runtime.getRuntime().addShutdownHook(stop);
                out.println("yonder demo napkin: Bob's hub (pid " + bob.pid() + ") listens on " + bob.url());
                leaves.add(start("alec", leafJs, bob.url(), out));
                leaves.add(start("amy", leafJs, bob.url(), out, "-Dnapkin.page=true", "-Dnapkin.stay=" + stay));
                leaves.add(start("angus", angus, bob.url(), out));
                try {
                    return finish(leaves, stay, out, err);
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(stop);
                    } catch (IllegalStateException shuttingDown) {
                        // Stopped with Ctrl-C: the hook is running.
                    }
                }
            }
        } catch (IOException e) {
            err.println("yonder demo napkin: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("yonder demo napkin: interrupted");
            return 130;
        } finally {
            for (Leaf l : leaves) {
                l.process().destroyForcibly();
            }
        }
    }

    private static int finish(List<Leaf> leaves, boolean stay, PrintStream out, PrintStream err) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEAF_SECONDS);
        List<String> failed = new ArrayList<>();
        for (Leaf l : leaves) {
            boolean stays = stay && l.name().equals("amy");
            while (stays && !l.complete() && l.process().isAlive() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            boolean ended = stays || l.process().waitFor(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!ended) {
                failed.add(l.name() + " did not finish within " + LEAF_SECONDS + " s");
            } else if (!stays && l.process().exitValue() != 0) {
                failed.add(l.name() + " exited with status " + l.process().exitValue());
            } else if (!l.complete()) {
                failed.add(l.name() + " did not see the whole story");
            }
        }
        if (!failed.isEmpty()) {
            err.println("yonder demo napkin: the story did not complete: " + String.join("; ", failed));
            return 1;
        }
        out.println("yonder demo napkin: done: every leaf saw the whole story, in Bob's order");
        if (stay) {
            out.println("yonder demo napkin: Amy's napkin page stays up (see its address above); stop with Ctrl-C");
            leaves.get(1).process().waitFor();
        }
        return 0;
    }

    private static Leaf start(String name, Path script, String url, PrintStream out, String... props) throws IOException {
        List<String> command = ChildJvm.command("run", script.toString(), "--connect", url);
        int at = command.indexOf("-cp");
        command.add(at, "-Dnapkin.name=" + name);
        command.add(at, "-Dnapkin.story=" + STORY);
        for (String p : props) {
            command.add(at, p);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        String prefix = String.format("%-8s", "[" + name + "]");
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                    out.println(prefix + line);
                }
            } catch (IOException e) {
                // The process went away.
            }
        }, "napkin-" + name);
        pump.setDaemon(true);
        pump.start();
        return new Leaf(name, process, lines);
    }
}
