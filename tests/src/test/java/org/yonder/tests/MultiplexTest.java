package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ChildJvm;
import org.yonder.launcher.ServerProcess;

/**
 * Multiplex (docs/multiplex.md): a hub (servers/hub.js, in its own process) and leaves, in processes of their own
 * (clients/leaf.js, leaf.py) and in this JVM. Each test starts its own hub, so the hub's counts are the test's.
 */
class MultiplexTest {
    /** A leaf process: its output, read once it ended. */
    record LeafProcess(Process process, Path out) {
        List<String> lines() throws Exception {
            return Files.readAllLines(out);
        }

        String line(String prefix) throws Exception {
            for (String l : lines()) {
                if (l.startsWith(prefix + " ")) {
                    return l.substring(prefix.length() + 1);
                }
            }
            throw new AssertionError("no " + prefix + " line in the leaf's output:\n" + String.join("\n", lines()));
        }

        List<String> order() throws Exception {
            String o = line("ORDER");
            return o.isEmpty() ? List.of() : Arrays.asList(o.split(","));
        }

        void awaitEnd() throws Exception {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the leaf did not end:\n" + String.join("\n", lines()));
            }
        }
    }

    static LeafProcess leaf(String script, ServerProcess hub, String... props) throws Exception {
        Path dir = Files.createTempDirectory("yonder-leaf");
        Path file = dir.resolve(script);
        try (var in = MultiplexTest.class.getResourceAsStream("/clients/" + script)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = ChildJvm.command("run", file.toString(), "--connect", hub.url());
        for (int i = 0; i < props.length; i += 2) {
            cmd.add(1, "-Dleaf." + props[i] + "=" + props[i + 1]);
        }
        Path out = dir.resolve("out.txt");
        Files.write(dir.resolve("cmd.txt"), cmd);
        return new LeafProcess(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start(), out);
    }

    /** A leaf in this JVM: a JS context connected to the hub. */
    static Context jsLeaf(ServerProcess hub) {
        return Yonder.client(hub.url());
    }

    static void pollUntil(Context c, java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            c.eval("yonder", "poll");
            Thread.sleep(2);
        }
    }

    @Test
    void aThousandShoutsFromThreeLeafProcessesTwoJsOnePythonReachEveryLeafOnceInTheSameOrder() throws Exception {
        try (ServerProcess hub = Yonder.server("hub.js")) {
            int[] shouts = {333, 333, 334};
            List<LeafProcess> leaves = List.of(
                            leaf("leaf.js", hub, "name", "a", "object", "order", "shouts", "333", "expect", "1000", "waitLeaves", "3"),
                            leaf("leaf.js", hub, "name", "b", "object", "order", "shouts", "333", "expect", "1000", "waitLeaves", "3"),
                            leaf("leaf.py", hub, "name", "p", "object", "order", "shouts", "334", "expect", "1000", "waitLeaves", "3"));
            for (LeafProcess l : leaves) {
                l.awaitEnd();
            }
            assertTrue(leaves.get(0).line("JOINED").startsWith("a true"), "a JS leaf is an instance of its own class");
            assertTrue(leaves.get(2).line("JOINED").startsWith("p True"), "a Python leaf is an instance of its own class");
            List<String> first = leaves.get(0).order();
            assertEquals(1000, first.size(), "leaf a got every shout");
            assertEquals(1000, new HashSet<>(first).size(), "leaf a got each shout once");
            // Each sender's shouts in the order it sent them (FIFO), interleaved with the others'.
            Map<String, Integer> next = new HashMap<>();
            for (String s : first) {
                String[] fi = s.split(":");
                int i = Integer.parseInt(fi[1]);
                assertEquals(next.getOrDefault(fi[0], 0), i, "sender " + fi[0] + "'s shouts in its order");
                next.put(fi[0], i + 1);
            }
            assertEquals(Map.of("a", shouts[0], "b", shouts[1], "p", shouts[2]), next);
            assertTrue(first.subList(0, 500).stream().map(s -> s.split(":")[0]).distinct().count() > 1, "the senders' shouts interleave");
            for (LeafProcess l : leaves.subList(1, 3)) {
                assertEquals(first, l.order(), "every leaf got the shouts in the hub's one order");
            }
            // The hub's own class ran for every shout too: its state is what every leaf reads.
            for (LeafProcess l : leaves) {
                assertTrue(l.line("STATE").startsWith("1000 "), l.line("STATE"));
            }
        }
    }
}
