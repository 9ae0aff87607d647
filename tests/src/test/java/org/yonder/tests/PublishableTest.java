package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ChildJvm;
import org.yonder.launcher.ServerProcess;
import org.yonder.objspace.store.ReplicaStore;

/**
 * Publishable objects: clients keep their replicas in a store on disk (SQLite) and, when they connect again, revalidate
 * all of them in the connection's first round trip: fresh ones cost no state bytes and no further round trip, stale ones
 * arrive with their state in that same answer. Across a server restart (same identity) fresh replicas stay fresh; a
 * store killed in the middle of a write stays readable, and a garbage one is reported once and starts empty.
 */
class PublishableTest {
    private static Context client(Path store) {
        return Context.newBuilder().allowAllAccess(true).option("yonder.ReplicaStore", store.toString()).build();
    }

    private static long stat(Context c, String url, String name) {
        return c.eval("yonder", url).invokeMember("stats").getMember(name).asLong();
    }

    /** Looks up item-0 .. item-999 by their stable URLs; answers the sum of their v. */
    private static long readAll(Context c, String url) {
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += c.eval("yonder", url + "/@item-" + i).getMember("v").asLong();
        }
        return sum;
    }

    @Test
    void aClientReconnectingWith1000StoredReplicasOf10ChangedRevalidatesAllInOneRoundTripAndGetsOnlyTheChangedStates() throws Exception {
        Path store = Files.createTempDirectory("yonder-store").resolve("replicas.db");
        try (ServerProcess server = Yonder.server("publishables.js", "--yonder.Identity=publishable-test-1")) {
            String url = server.url();
            try (Context first = client(store)) {
                assertEquals(499_500, readAll(first, url));
                Value world = first.eval("yonder", url + "/@world-7");
                assertEquals("hills", world.getMember("terrain").asString());
                assertEquals(1002, stat(first, url, "replicasStored"), "1,000 items, world-7 and its houses");
            }
            try (Context other = Context.newBuilder().allowAllAccess(true).build()) {
                Value svc = other.eval("yonder", url + "/svc");
                for (int i = 0; i < 10; i++) {
                    svc.invokeMember("change", i * 100);
                }
            }
            try (Context again = client(store)) {
                again.eval("yonder", url);   // connects: HELLO carries the inventory
                assertEquals(1, stat(again, url, "roundTrips"), "one round trip before user code runs");
                assertEquals(992, stat(again, url, "revalidatedFresh"), "990 items, world-7 and its houses");
                assertEquals(10, stat(again, url, "revalidatedStale"), "only the ten changed items carry state");
                long answerBytes = stat(again, url, "bytesReceived");
                assertEquals(499_500 + 10 * 1000, readAll(again, url), "the changed items have their new values");
                assertEquals(1, stat(again, url, "roundTrips"), "and reading all 1,000 by URL costs no round trip more");
                assertTrue(answerBytes < 1000 * 80, "fresh verdicts carry no state: " + answerBytes + " bytes for 1,000 entries");
                // Still kept current: a change now reaches the revalidated replica.
                Value item = again.eval("yonder", url + "/@item-5");
                long v = item.getMember("v").asLong();
                try (Context other = Context.newBuilder().allowAllAccess(true).build()) {
                    other.eval("yonder", url + "/svc").invokeMember("change", 5);
                }
                long until = System.currentTimeMillis() + 10_000;
                while (item.getMember("v").asLong() != v + 1000 && System.currentTimeMillis() < until) {
                    again.eval("yonder", "poll");
                }
                assertEquals(v + 1000, item.getMember("v").asLong());
            }
        }
    }

    @Test
    void afterTheServerRestartsWithTheSameIdentityFreshReplicasStayFresh() throws Exception {
        Path store = Files.createTempDirectory("yonder-store").resolve("replicas.db");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path script = Files.createTempDirectory("yonder-pub").resolve("publishables.js");
        try (var in = PublishableTest.class.getResourceAsStream("/servers/publishables.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String url;
        try (ServerProcess server = ServerProcess.start(script, "127.0.0.1:" + port, System.out, "[server] ", 60, "--yonder.Identity=publishable-test-2");
                        Context first = client(store)) {
            url = server.url();
            assertEquals(499_500, readAll(first, url));
        }
        try (ServerProcess restarted = ServerProcess.start(script, "127.0.0.1:" + port, System.out, "[server] ", 60, "--yonder.Identity=publishable-test-2");
                        Context again = client(store)) {
            assertEquals(url, restarted.url());
            again.eval("yonder", url);
            assertEquals(1000, stat(again, url, "revalidatedFresh"), "a new incarnation with the same states: every replica is fresh");
            assertEquals(0, stat(again, url, "revalidatedStale"));
            assertEquals(499_500, readAll(again, url));
            assertEquals(1, stat(again, url, "roundTrips"));
        }
    }

    @Test
    void aClientKilledWhileWritingItsStoreLeavesItReadable() throws Exception {
        Path store = Files.createTempDirectory("yonder-store").resolve("replicas.db");
        Path script = Files.createTempDirectory("yonder-pub").resolve("churn.js");
        // The client holds every item's replica and the server keeps changing them: the client writes each update to
        // its store, until it is killed (-9) in the middle of that.
        Files.writeString(script, """
                        const url = java.lang.System.getProperty('pub.url');
                        for (let i = 0; i < 1000; i++) Polyglot.eval('yonder', url + '/@item-' + i);
                        const svc = Polyglot.eval('yonder', url + '/svc');
                        console.log('holding');
                        for (;;) svc.churn(500);
                        """);
        try (ServerProcess server = Yonder.server("publishables.js", "--yonder.Identity=publishable-test-3")) {
            List<String> cmd = ChildJvm.command("run", script.toString(), "--yonder.ReplicaStore=" + store);
            cmd.add(1, "-Dpub.url=" + server.url());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null && !line.contains("holding");) {
                // wait until it holds the replicas
            }
            Thread.sleep(1500);
            p.destroyForcibly();   // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            PrintStream err = System.err;
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            try (ReplicaStore reopened = ReplicaStore.open(store)) {
                assertEquals(1000, reopened.entries("publishable-test-3").stream().filter(e -> e.key().startsWith("item-")).count(), "every item is there");
            } finally {
                System.setErr(err);
            }
            assertEquals("", warnings.toString(StandardCharsets.UTF_8), "no warning: the store is intact");
            try (Context again = client(store)) {
                again.eval("yonder", server.url());
                assertEquals(1000, stat(again, server.url(), "revalidatedFresh") + stat(again, server.url(), "revalidatedStale"), "every item revalidated");
            }
        }
    }

    @Test
    void twoClientProcessesShareOneStore() throws Exception {
        Path store = Files.createTempDirectory("yonder-store").resolve("replicas.db");
        Path script = Files.createTempDirectory("yonder-pub").resolve("reader.js");
        Files.writeString(script, """
                        const url = java.lang.System.getProperty('pub.url');
                        let sum = 0;
                        for (let round = 0; round < 3; round++) for (let i = 0; i < 1000; i++) sum += Polyglot.eval('yonder', url + '/@item-' + i).v;
                        Polyglot.eval('yonder', url + '/svc').churn(200);   // updates, which both write to the store
                        console.log('sum ' + sum);
                        """);
        try (ServerProcess server = Yonder.server("publishables.js", "--yonder.Identity=publishable-test-5")) {
            List<Process> ps = new java.util.ArrayList<>();
            for (int k = 0; k < 2; k++) {
                List<String> cmd = ChildJvm.command("run", script.toString(), "--yonder.ReplicaStore=" + store);
                cmd.add(1, "-Dpub.url=" + server.url());
                ps.add(new ProcessBuilder(cmd).redirectErrorStream(true).start());
            }
            for (Process p : ps) {
                assertTrue(p.waitFor(120, TimeUnit.SECONDS));
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.contains("sum "), out);
                assertFalse(out.contains("replica store"), "no store warning: " + out);
            }
            try (Context again = client(store)) {
                again.eval("yonder", server.url());
                assertEquals(1000, stat(again, server.url(), "revalidatedFresh") + stat(again, server.url(), "revalidatedStale"), "both wrote one store of all 1,000");
                assertEquals(1, stat(again, server.url(), "roundTrips"));
            }
        }
    }

    @Test
    void aGarbageStoreFileGivesOneClearWarningAndAnEmptyStore() throws Exception {
        Path dir = Files.createTempDirectory("yonder-store");
        Path store = dir.resolve("replicas.db");
        byte[] garbage = new byte[8192];
        new java.util.Random(42).nextBytes(garbage);
        Files.write(store, garbage);
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try (ServerProcess server = Yonder.server("publishables.js", "--yonder.Identity=publishable-test-4"); Context c = client(store)) {
            assertEquals(499_500, readAll(c, server.url()), "the client works, from an empty store");
            assertEquals(1000, stat(c, server.url(), "replicasStored"), "and keeps its replicas in a new one");
        } finally {
            System.setErr(err);
        }
        String said = warnings.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().filter(l -> l.contains("replica store")).count(), "one warning: " + said);
        assertTrue(said.contains(store + " is unreadable"), said);
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("replicas.db.unreadable-")), "the garbage was set aside, not deleted");
        }
        try (ReplicaStore reopened = ReplicaStore.open(store)) {
            assertFalse(reopened.entries("publishable-test-4").isEmpty(), "the new store holds the replicas");
        }
    }
}
