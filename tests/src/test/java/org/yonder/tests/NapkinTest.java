package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yonder.launcher.ChildJvm;
import org.yonder.launcher.ServerProcess;

/**
 * The Napkin demo (docs/napkin.md): a leaf's live napkin page in headless Chromium changes when another leaf process
 * shouts, and {@code yonder demo napkin} plays the whole story across four processes.
 */
class NapkinTest {
    /** A process whose output lines are kept, and whose first line with a prefix can be awaited. */
    record Run(Process process, List<String> lines) implements AutoCloseable {
        static Run start(List<String> command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        lines.add(line);
                        System.out.println("[" + p.pid() + "] " + line);
                    }
                } catch (java.io.IOException e) {
                    // The process went away.
                }
            });
            pump.setDaemon(true);
            pump.start();
            return new Run(p, lines);
        }

        String await(String prefix) throws Exception {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < until) {
                for (String l : lines) {
                    if (l.startsWith(prefix)) {
                        return l.substring(prefix.length());
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no line starting with '" + prefix + "':\n" + String.join("\n", lines));
        }

        int awaitEnd(long seconds) throws Exception {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("did not end within " + seconds + " s:\n" + String.join("\n", lines));
            }
            Thread.sleep(100);   // the pump's last lines
            return process.exitValue();
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** The demo's scripts (resources of the launcher), copied to a new folder. */
    static Path scripts() throws Exception {
        Path dir = Files.createTempDirectory("yonder-napkin-test");
        for (String name : List.of("hub.js", "leaf.js")) {
            try (InputStream in = ChildJvm.class.getResourceAsStream("/demo/napkin/" + name)) {
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    static Run leaf(Path dir, ServerProcess hub, String name, String story, String... props) throws Exception {
        List<String> command = ChildJvm.command("run", dir.resolve("leaf.js").toString(), "--connect", hub.url());
        int at = command.indexOf("-cp");
        command.add(at, "-Dnapkin.name=" + name);
        command.add(at, "-Dnapkin.story=" + story);
        command.add(at, "-Dnapkin.leaves=2");
        for (String p : props) {
            command.add(at, p);
        }
        return Run.start(command);
    }

    @Test
    void aShoutFromAnotherLeafProcessRotatesTheBlotOnALeafsLivePageInHeadlessChromium() throws Exception {
        Path dir = scripts();
        String story = "alec:draw,alec:rotate";
        try (ServerProcess bob = Yonder.serverFile(dir.resolve("hub.js"));
                        Run amy = leaf(dir, bob, "amy", story, "-Dnapkin.page=true", "-Dnapkin.stay=true")) {
            String url = amy.await("amy's napkin page: ");
            try (Chromium page = Chromium.open(url)) {
                String log = "[...document.querySelectorAll('#log li')].map((li) => li.textContent).join('\\n')";
                page.until(log, l -> l.contains("amy joined napkin"), "Amy's hello");
                assertEquals("live 0", page.eval("document.getElementById('status').textContent + ' ' + document.querySelectorAll('#blots g').length"),
                                "the page is subscribed and shows no blot before Alec draws");
                long started = System.nanoTime();
                try (Run alec = leaf(dir, bob, "alec", story)) {
                    assertEquals(0, alec.awaitEnd(120), alec.text());
                    assertTrue(alec.text().contains("alec: the story is complete"), alec.text());
                }
                String transform = page.until("(document.getElementById('blot-alec-1') || { getAttribute: () => 'none' }).getAttribute('transform') || 'none'",
                                t -> t.startsWith("rotate(90 "), "Alec's blot rotated by 90 degrees");
                assertEquals("rotate(90 180 80)", transform, "turned about the blot's centre");
                String shown = page.eval(log);
                assertTrue(shown.contains("blot alec-1: a blue bar at (150, 70), drawn by alec"), shown);
                assertTrue(shown.contains("blot alec-1 rotated to 90 degrees, by alec"), shown);
                assertEquals("blue", page.eval("document.querySelector('#blot-alec-1 rect').getAttribute('fill')"));
                System.out.printf("NapkinTest: Alec's process started, drew, rotated and ended, and the page showed it, in %d ms%n",
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertTrue(amy.text().contains("blot alec-1 turns 90 degrees on amy's napkin, now at 90 (rotated by alec)"), amy.text());
            }
        }
    }

    @Test
    void yonderDemoNapkinPlaysTheWholeStoryAcrossFourProcesses() throws Exception {
        try (Run demo = Run.start(ChildJvm.command("demo", "napkin"))) {
            assertEquals(0, demo.awaitEnd(240), demo.text());
            String out = demo.text();
            for (String line : List.of("[amy]   amy drags the red circle by (+40, +15)",
                            "[alec]  the red circle slides to (100, 75) on alec's napkin (moved by amy)",
                            "[angus] circle: (100,75) [amy]",
                            "[alec]  RIBBIT! a giant \"Ribbit\" echoes through alec's room (alec clicked kermit)",
                            "[amy]   RIBBIT! a giant \"Ribbit\" echoes through amy's room (alec clicked kermit)",
                            "[angus] kermit: *croak*",
                            "[amy]   a blue bar (blot alec-1) appears on amy's napkin at (150, 70), drawn by alec; it is a Blot of this client",
                            "[angus] blot alec-1: bar, 90 deg",
                            "[amy]   blot alec-1 turns 90 degrees on amy's napkin, now at 90 (rotated by alec)",
                            "yonder demo napkin: done: every leaf saw the whole story, in Bob's order")) {
                assertTrue(out.contains(line), "missing: " + line);
            }
            assertTrue(out.matches("(?s).*\\[amy\\] +amy: the story is complete \\(.*\\); Bob has \\d+ leaves of 4 multiplexed objects, 4 shouts sequenced\n.*"),
                            "Bob holds the blot too, and sequenced the four shouts");
        }
    }
}
