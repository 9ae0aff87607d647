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
            if (!process.waitFor(540, TimeUnit.SECONDS)) {   // beyond the leaf's own waits: 180 s to join, 300 s for the shouts
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

    /** What a shared test checks on its hub before it ends: how the shouts went (the embedded fan-out, or a backbone). */
    interface HubCheck {
        void check(ServerProcess hub, long shouts) throws Exception;
    }

    /** The embedded fan-out: the hub sent every shout to its leaves' sessions, and published none. */
    static final HubCheck EMBEDDED = (hub, shouts) -> {
        Map<String, Long> s = hubStats(hub);
        assertEquals(0L, s.get("published"), "nothing published on a backbone");
        assertTrue(s.get("pushed") >= shouts, "the hub sent the shouts to its leaves' sessions: " + s);
    };

    /** The hub's counts: shouts it sequenced, published on a backbone, and pushed to its leaves' sessions (SHOUT frames). */
    static Map<String, Long> hubStats(ServerProcess hub) {
        try (Context c = Yonder.client(hub.url())) {
            Value api = c.getPolyglotBindings().getMember("hub");
            return Map.of("sequenced", api.invokeMember("sequenced").asLong(), "published", api.invokeMember("published").asLong(),
                            "pushed", api.invokeMember("pushed").asLong());
        }
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
        thousandShoutsInOneOrder(EMBEDDED);
    }

    /** Shared with MultiplexNatsTest: {@code hubOptions} choose the fan-out; {@code check} says how the shouts went. */
    static void thousandShoutsInOneOrder(HubCheck check, String... hubOptions) throws Exception {
        try (ServerProcess hub = Yonder.server("hub.js", hubOptions)) {
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
            check.check(hub, 1000);
        }
    }

    /** A Java leaf class: its own members come first; the leaf (its state, its shouts) comes as the constructor's argument. */
    public static final class JavaLevels {
        private final Value leaf;

        public JavaLevels(Value leaf) {
            this.leaf = leaf;
        }

        public String who() {
            return "the Java leaf class, for " + leaf.getMember("name").asString();
        }
    }

    @Test
    void aLeafsOwnClassComesFirstThenTheStateThenTheHubsObjectInJsPythonAndJava() throws Exception {
        try (ServerProcess hub = Yonder.server("hub.js"); Context c = Yonder.client(hub.url())) {
            Value js = c.eval("js", """
                            class Levels { who() { return 'the leaf class'; } }
                            Polyglot.eval('yonder', 'leaf')('test.Levels', Levels);
                            const l = Polyglot.import('hub').named('levels', 'test.Levels');
                            const trips = () => Polyglot.eval('yonder', 'stats').roundTrips;
                            const before = trips();
                            const local = [l instanceof Levels, l.who(), l.where, l.stateOnly, l.name];
                            const localTrips = trips() - before;
                            [...local, typeof l.nothingAnywhere === 'undefined' ? 'none' : 'some', localTrips > 0 ? 'local members cost round trips' : 'none', l.hubOnly(), JSON.stringify(l)]
                            """);
            assertEquals(List.of("true", "the leaf class", "the state", "the state", "levels", "none"), strings(js).subList(0, 6),
                            "class first (who), then the state (where, over the hub class's where()), then nothing");
            assertEquals("none", js.getArrayElement(6).toString(), "class and state members are read here, at no round trip");
            assertEquals("the hub class, for levels", js.getArrayElement(7).asString(), "a member only the hub's object has, run there");
            assertEquals("{\"name\":\"levels\",\"where\":\"the state\",\"stateOnly\":\"the state\"}", js.getArrayElement(8).asString(),
                            "JSON of a leaf is its state as the leaf sees it: the state's who is hidden by the class's method");
        }
        try (ServerProcess hub = Yonder.server("hub.js"); Context c = Yonder.client(hub.url())) {
            Value py = c.eval("python", """
                            import polyglot
                            class Levels:
                                def who(self):
                                    return 'the leaf class'
                            polyglot.eval(language='yonder', string='leaf')('test.Levels', Levels)
                            l = polyglot.import_value('hub').named('levels', 'test.Levels')
                            [str(isinstance(l, Levels)), l.who(), l.where, l.stateOnly, l.hubOnly(), str(hasattr(l, 'nothingAnywhere'))]
                            """);
            assertEquals(List.of("True", "the leaf class", "the state", "the state", "the hub class, for levels", "False"), strings(py));
        }
        try (ServerProcess hub = Yonder.server("hub.js"); Context c = Yonder.client(hub.url())) {
            c.eval("yonder", "leaf").execute("test.Levels", JavaLevels.class);
            Value l = c.getPolyglotBindings().getMember("hub").invokeMember("named", "levels", "test.Levels");
            assertEquals("the Java leaf class, for levels", l.invokeMember("who").asString());
            assertEquals("the state", l.getMember("where").asString());
            assertEquals("the hub class, for levels", l.invokeMember("hubOnly").asString());
        }
    }

    private static List<String> strings(Value array) {
        List<String> out = new ArrayList<>();
        for (long i = 0; i < array.getArraySize(); i++) {
            Value v = array.getArrayElement(i);
            out.add(v.isString() ? v.asString() : v.toString());
        }
        return out;
    }

    /** The leaf script of the container test: a napkin whose drawn blots are collected, and blots that log their rotations. */
    private static final String NAPKIN_LEAF = """
                    globalThis.drawn = [];
                    globalThis.rotations = [];
                    class Napkin { remote_draw(blot) { drawn.push(blot); } }
                    class Blot {
                      constructor(color) { this.color = color; this.angle = 0; }
                      remote_rotate(deg) { rotations.push(this.color + ' by ' + deg + (this instanceof Blot ? ', a Blot' : '')); }
                    }
                    globalThis.Blot = Blot;
                    Polyglot.eval('yonder', 'leaf')('test.Napkin', Napkin);
                    Polyglot.eval('yonder', 'leaf')('test.Blot', Blot);
                    globalThis.napkin = Polyglot.import('hub').named('napkin', 'test.Napkin');
                    """;

    @Test
    void aBlotDrawnThroughAShoutBecomesALeafOnEveryLeafAndItsOwnShoutsReachThemAll() throws Exception {
        try (ServerProcess hub = Yonder.server("hub.js"); Context a = Yonder.client(hub.url()); Context b = Yonder.client(hub.url())) {
            a.eval("js", NAPKIN_LEAF);
            b.eval("js", NAPKIN_LEAF);
            // A draws a blot of its own class: a plain local instance, committed to the world by the shout.
            a.eval("js", "napkin.shout_draw(new Blot('red'))");
            for (Context c : List.of(a, b)) {
                pollUntil(c, () -> c.eval("js", "drawn.length").asInt() == 1, "the blot drawn on every napkin");
                assertEquals("red true 0", c.eval("js", "`${drawn[0].color} ${drawn[0] instanceof Blot} ${drawn[0].angle}`").asString());
            }
            Value hubApi = a.getPolyglotBindings().getMember("hub");
            assertTrue(hubApi.invokeMember("state", "napkin").asString().contains("napkin"));
            // B rotates the blot it got: every leaf's blot turns, the shouter's too, and the hub holds the blot.
            b.eval("js", "drawn[0].shout_rotate(90)");
            for (Context c : List.of(a, b)) {
                pollUntil(c, () -> c.eval("js", "rotations.length").asInt() == 1, "the rotation on every napkin");
                assertEquals("red by 90, a Blot", c.eval("js", "rotations[0]").asString());
            }
            Value stats = a.eval("js", "Polyglot.import('hub').sequenced()");
            assertEquals(2, stats.asInt(), "two shouts: the draw and the rotation");
            // The state written on one leaf is the blot's state on all.
            a.eval("js", "drawn[0].angle = 90");
            pollUntil(b, () -> b.eval("js", "drawn[0].angle").asInt() == 90, "the blot's state written through the hub");
        }
    }

    @Test
    void aLateJoinerAfter500ShoutsHasTheSameStateAndGetsTheNextShoutOnce() throws Exception {
        lateJoiner(EMBEDDED);
    }

    /** Shared with MultiplexNatsTest. */
    static void lateJoiner(HubCheck check, String... hubOptions) throws Exception {
        String counterLeaf = """
                        globalThis.got = [];
                        Polyglot.eval('yonder', 'leaf')('test.Counter', class Counter { remote_add(from, i) { got.push(from + ':' + i); } });
                        globalThis.counter = Polyglot.import('hub').named('late', 'test.Counter');
                        """;
        try (ServerProcess hub = Yonder.server("hub.js", hubOptions); Context a = Yonder.client(hub.url())) {
            a.eval("js", counterLeaf);
            a.eval("js", "for (let i = 0; i < 500; i++) counter.shout_add('a', i)");
            pollUntil(a, () -> a.eval("js", "got.length").asInt() == 500 && a.eval("js", "counter.count").asInt() == 500, "500 shouts and their state");
            try (Context late = Yonder.client(hub.url())) {
                late.eval("js", counterLeaf);
                assertEquals("500 a:499", late.eval("js", "counter.count + ' ' + counter.last").asString(), "the late joiner starts from the state after 500 shouts");
                a.eval("js", "counter.shout_add('a', 500)");
                pollUntil(late, () -> late.eval("js", "got.length").asInt() >= 1, "the next shout");
                pollUntil(a, () -> a.eval("js", "got.length").asInt() == 501, "the next shout, on the first leaf");
                pollUntil(late, () -> late.eval("js", "counter.count").asInt() == 501, "the state after it");
                Thread.sleep(300);
                late.eval("yonder", "poll");
                assertEquals("a:500", late.eval("js", "got.join(',')").asString(), "nothing before it, and it once");
                assertEquals(a.eval("js", "JSON.stringify(counter)").asString(), late.eval("js", "JSON.stringify(counter)").asString(), "the same state as the others");
            }
            check.check(hub, 501);
        }
    }

    @Test
    void aKilledLeafIsDroppedAtOnceAStalledOneIsCutOffAtItsQueueBoundTheOthersKeepReceivingAndAShoutWithoutAHubSaysDisconnected() throws Exception {
        String leafScript = """
                        globalThis.got = [];
                        Polyglot.eval('yonder', 'leaf')('test.Counter', class Counter {
                          remote_add(from, i, pad) { got.push(from + ':' + i); }
                          local() { return 'still here'; }
                        });
                        globalThis.hub = Polyglot.import('hub');
                        globalThis.counter = hub.named('cut', 'test.Counter');
                        hub.arrive('cut');
                        """;
        ServerProcess hub = Yonder.server("hub.js", "--yonder.MaxOutgoingBytes=2000000");
        LeafProcess killed = null;
        LeafProcess stalled = null;
        try (Context a = Yonder.client(hub.url())) {
            killed = leaf("leaf.js", hub, "name", "k", "object", "cut", "expect", "1000000");
            stalled = leaf("leaf.js", hub, "name", "s", "object", "cut", "expect", "1000000");
            a.eval("js", leafScript);
            Value api = a.getPolyglotBindings().getMember("hub");
            pollUntil(a, () -> api.invokeMember("arrived", "cut").asInt() == 3, "three leaves");
            assertEquals(3, api.invokeMember("leaves").asInt());
            // kill -9: the hub drops the leaf as soon as its connection ends.
            signal("KILL", killed.process().pid());
            long killedAt = System.nanoTime();
            pollUntil(a, () -> api.invokeMember("leaves").asInt() == 2, "the killed leaf dropped");
            long droppedMillis = (System.nanoTime() - killedAt) / 1_000_000;
            assertTrue(droppedMillis < 10_000, "dropped in " + droppedMillis + " ms");
            long heapBefore = api.invokeMember("heapAfterGc").asLong();
            // SIGSTOP: the stalled leaf reads nothing; 40 MB of shouts would wait for it, past its 2 MB bound.
            signal("STOP", stalled.process().pid());
            for (int batch = 0; batch < 20; batch++) {
                a.eval("js", "{ const pad = 'x'.repeat(20000); for (let i = 0; i < 100; i++) counter.shout_add('a', " + batch + " * 100 + i, pad); }");
                int want = (batch + 1) * 100;
                pollUntil(a, () -> a.eval("js", "got.length").asInt() == want, "the shouter's own shouts, batch " + batch);
            }
            assertEquals(2000, a.eval("js", "new Set(got).size").asInt());
            assertTrue(a.eval("js", "got.every((s, i) => s === 'a:' + i)").asBoolean(), "in order");
            pollUntil(a, () -> api.invokeMember("leaves").asInt() == 1, "the stalled leaf cut off");
            long heapAfter = api.invokeMember("heapAfterGc").asLong();
            assertTrue(heapAfter - heapBefore < 16L << 20, "the hub's heap grew by " + (heapAfter - heapBefore) / 1024 + " KiB for 40 MB of shouts");
            signal("CONT", stalled.process().pid());
            // The hub gone: a shout says so; the leaf's own members and its last state still work.
            hub.kill();
            pollUntil(a, () -> a.eval("js", "Polyglot.eval('yonder', 'stats').sessions").asInt() == 0, "the hub gone");
            String error = a.eval("js", "try { counter.shout_add('a', -1); 'no error' } catch (e) { String(e.message) }").asString();
            assertTrue(error.contains("disconnected"), error);
            assertEquals("still here 2000", a.eval("js", "counter.local() + ' ' + counter.count").asString());
        } finally {
            hub.close();
            for (LeafProcess l : new LeafProcess[]{killed, stalled}) {
                if (l != null) {
                    l.process().destroyForcibly();
                }
            }
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
    }

    @Test
    void aChainHubRepeaterRepeaterKeepsTheRootHubsOrderForLeavesAtEveryLevel() throws Exception {
        chainKeepsTheOrder(EMBEDDED);
    }

    /** Shared with MultiplexNatsTest: hub -> repeater -> repeater, a leaf at each level (two below the last). */
    static void chainKeepsTheOrder(HubCheck check, String... hubOptions) throws Exception {
        try (ServerProcess hub = Yonder.server("hub.js", hubOptions);
                        ServerProcess r1 = Yonder.server("relay.js", "--yonder.Connect=" + hub.url());
                        ServerProcess r2 = Yonder.server("relay.js", "--yonder.Connect=" + r1.url())) {
            List<LeafProcess> leaves = List.of(
                            leaf("leaf.js", hub, "name", "x", "object", "chain", "shouts", "100", "expect", "400", "waitLeaves", "4"),
                            leaf("leaf.js", r1, "name", "y", "object", "chain", "shouts", "100", "expect", "400", "waitLeaves", "4"),
                            leaf("leaf.js", r2, "name", "z", "object", "chain", "shouts", "100", "expect", "400", "waitLeaves", "4"),
                            leaf("leaf.js", r2, "name", "w", "object", "chain", "shouts", "100", "expect", "400", "waitLeaves", "4"));
            for (LeafProcess l : leaves) {
                l.awaitEnd();
            }
            List<String> first = leaves.get(0).order();
            assertEquals(400, first.size(), String.join("\n", leaves.get(0).lines()));
            assertEquals(400, new HashSet<>(first).size());
            for (LeafProcess l : leaves.subList(1, 4)) {
                assertEquals(first, l.order(), "a leaf two repeaters down gets the root hub's order");
            }
            for (LeafProcess l : leaves) {
                assertTrue(l.line("STATE").startsWith("400 "), l.line("STATE"));
            }
            check.check(hub, 400);
        }
    }

    @Test
    void aLeafWhoseHandlerNeverReturnsLeavesTheHubOnceItsWaitingShoutsPassTheirBound() throws Exception {
        try (ServerProcess hub = Yonder.server("hub.js");
                        Context a = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", hub.url()).option("yonder.MaxWaitingShouts", "50").build()) {
            a.eval("js", """
                            globalThis.ran = 0;
                            Polyglot.eval('yonder', 'leaf')('test.Counter', class Counter {
                              remote_add(from, i) { ran++; if (i === 0) Polyglot.import('hub').sleep(4000); }   // waits; shouts pile up behind it
                            });
                            globalThis.counter = Polyglot.import('hub').named('slow', 'test.Counter');
                            for (let i = 0; i < 200; i++) counter.shout_add('a', i);
                            """);
            pollUntil(a, () -> a.eval("js", "Polyglot.eval('yonder', 'stats').sessions").asInt() == 0, "the leaf leaving its hub");
            String error = a.eval("js", "try { counter.shout_add('a', -1); 'no error' } catch (e) { String(e.message) }").asString();
            assertTrue(error.contains("this leaf cannot keep up: 50 shouts wait"), error);
            assertTrue(a.eval("js", "ran").asInt() <= 51, "no handler ran inside the waiting one");
        }
    }
}
