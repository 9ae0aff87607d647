package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ChildJvm;
import org.yonder.launcher.ServerProcess;

/**
 * Cacheable objects and their replicas (the Cacheable/Publishable issue): a client gets the state with the reference,
 * reads it at no round trip, and the owner's writes reach every replica, coalesced, before the answer of the request
 * that made them. Owners in JS and Python; clients in JS (in processes of their own), Python and Java.
 */
class ReplicaTest {
    static ServerProcess js;
    static ServerProcess python;

    @BeforeAll
    static void start() throws Exception {
        js = Yonder.server("replicas.js");
        python = Yonder.server("replicas.py");
    }

    @AfterAll
    static void stop() throws Exception {
        js.close();
        python.close();
    }

    @Test
    void threeClientProcessesSeeTheOwnersChangeOfANestedMemberInOneUpdateEachAndReadAtNoRoundTrip() throws Exception {
        Path script = Files.createTempDirectory("yonder-replicas").resolve("replica-watch.js");
        try (var in = ReplicaTest.class.getResourceAsStream("/clients/replica-watch.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Process> processes = new ArrayList<>();
        List<List<String>> outputs = new ArrayList<>();
        try (Context owner = Context.newBuilder().allowAllAccess(true).build()) {
            Value svc = owner.eval("yonder", js.url() + "/svc");
            long pushedBefore = svc.invokeMember("updatesPushed").asLong();
            for (int p = 0; p < 3; p++) {
                Process process = new ProcessBuilder(ChildJvm.command("run", script.toString(), "--connect", js.url())).redirectErrorStream(true).start();
                List<String> lines = new CopyOnWriteArrayList<>();
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null;) {
                            lines.add(line);
                        }
                    } catch (java.io.IOException e) {
                        lines.add("read failed: " + e);
                    }
                });
                reader.setDaemon(true);
                reader.start();
                processes.add(process);
                outputs.add(lines);
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (outputs.stream().anyMatch(o -> !o.contains("ready")) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(outputs.stream().allMatch(o -> o.contains("ready")), "every client holds its replicas: " + outputs);
            // One request of the owner's own code changes two top-level members (one of them twice) and a nested one.
            Value score = owner.eval("yonder", js.url() + "/score");
            int home = score.getMember("home").asInt();
            int away = score.getMember("away").asInt();
            assertEquals(home + 2, svc.invokeMember("halfTime", "stadium").asInt());
            for (Process p : processes) {
                assertTrue(p.waitFor(90, TimeUnit.SECONDS), "a client did not finish");
            }
            for (List<String> out : outputs) {
                assertTrue(out.stream().anyMatch(l -> l.startsWith("round trips for 30000 reads: 0 ")), "reading replicas costs no round trip: " + out);
                assertTrue(out.contains("venue stadium, home " + (home + 2) + ", away " + (away + 1)), "the owner's change reached the replica: " + out);
                assertTrue(out.contains("events [\"score:home,away\",\"meta:venue\"]"), "one update per object, coalesced, and one onChange each: " + out);
            }
            assertEquals(8, svc.invokeMember("updatesPushed").asLong() - pushedBefore, "two updates (score and meta) to each of the four holders: the three clients and this test's own");
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aCallerReadsItsOwnWritesAsSoonAsItsCallReturns() {
        try (Context c = Context.newBuilder().allowAllAccess(true).build()) {
            c.eval("js", "var url = '" + js.url() + "'");
            Value r = c.eval("js", """
                            var score = Polyglot.eval('yonder', url + '/score');
                            var svc = Polyglot.eval('yonder', url + '/svc');
                            var out = [];
                            var home = score.home;
                            out.push(svc.goal('home') === home + 1 && score.home === home + 1);   // changed by the owner's code
                            score.away = 40;                                                        // written through
                            out.push(score.away === 40);
                            var n = score.players.length;
                            score.players.push('zed');                                              // an append, through
                            out.push(score.players.length === n + 1 && score.players[n] === 'zed');
                            out.push(svc.addPlayer('yan') === n + 2 && score.players[n + 1] === 'yan');
                            out.push(JSON.parse(svc.seen()).away === 40);                           // the owner has it too
                            out.join(',');
                            """);
            assertEquals("true,true,true,true,true", r.asString());
        }
    }

    @Test
    void theOwnersOwnCodeOutsideARequestUpdatesReplicasToo() {
        try (Context c = Context.newBuilder().allowAllAccess(true).build()) {
            Value score = c.eval("yonder", js.url() + "/score");
            Value svc = c.eval("yonder", js.url() + "/svc");
            svc.invokeMember("later", 50, 777);   // a timer of the owner's writes, after this call has returned
            long until = System.currentTimeMillis() + 10_000;
            while (score.getMember("home").asInt() != 777 && System.currentTimeMillis() < until) {
                c.eval("yonder", "poll");
            }
            assertEquals(777, score.getMember("home").asInt());
        }
    }

    @Test
    void membersReplacedOrRemovedByTheOwnerAreReplacedOrRemovedInTheReplica() {
        try (Context c = Context.newBuilder().allowAllAccess(true).build()) {
            Value score = c.eval("yonder", js.url() + "/scratch");
            Value svc = c.eval("yonder", js.url() + "/svc");
            Value oldMeta = score.getMember("meta");
            svc.invokeMember("replaceMeta");
            assertEquals("new", score.getMember("meta").getMember("venue").asString(), "a new nested object, replicated in turn");
            assertEquals(2, score.getMember("meta").getMember("round").asInt());
            assertTrue(oldMeta.hasMember("venue"), "the old replica stays readable");
            svc.invokeMember("removeAway");
            assertTrue(!score.hasMember("away"), "a member the owner removed is gone: " + score.getMemberKeys());
        }
    }

    @Test
    void aJavaClientReadsAReplicaThroughValueAtNoRoundTrip() {
        try (Context c = Context.newBuilder().allowAllAccess(true).build()) {
            Value score = c.eval("yonder", python.url() + "/score");
            long before = Yonder.roundTrips(c, python.url());
            int each = score.getMember("meta").getMember("round").asInt() + (int) score.getMember("players").getArraySize();
            int sum = 0;
            for (int i = 0; i < 1000; i++) {
                sum += score.getMember("meta").getMember("round").asInt() + (int) score.getMember("players").getArraySize();
            }
            assertEquals(1000 * each, sum);
            assertEquals(0, Yonder.roundTrips(c, python.url()) - before, "a thousand reads of members and sizes, no round trip");
            assertEquals(java.util.Set.of("home", "away", "players", "meta"), score.getMemberKeys());
        }
    }

    @Test
    void aRelaysClientsGetReplicasThatStayCoherentThroughIt() throws Exception {
        // relay.js serves the roots of the server it connected to as its own: a replica passed on is a replica again,
        // and the relay forwards the owner's updates to its clients.
        try (ServerProcess relay = Yonder.server("relay.js", "--yonder.Connect=" + js.url());
                        Context viaRelay = Context.newBuilder().allowAllAccess(true).build();
                        Context direct = Context.newBuilder().allowAllAccess(true).build()) {
            Value score = viaRelay.eval("yonder", relay.url() + "/score");
            Value svc = direct.eval("yonder", js.url() + "/svc");
            int home = score.getMember("home").asInt();
            svc.invokeMember("goal", "home");   // the owner's change, made by another client
            long until = System.currentTimeMillis() + 10_000;
            while (score.getMember("home").asInt() != home + 1 && System.currentTimeMillis() < until) {
                viaRelay.eval("yonder", "poll");
            }
            assertEquals(home + 1, score.getMember("home").asInt(), "the owner's update reached the relay's client");
            score.putMember("away", 123);   // through the relay to the owner
            assertEquals(123, score.getMember("away").asInt(), "the writer reads its write through the relay as soon as it returns");
            assertEquals(123, direct.eval("yonder", js.url() + "/score").getMember("away").asInt(), "the owner has it");
            long before = Yonder.roundTrips(viaRelay, relay.url());
            for (int i = 0; i < 1000; i++) {
                score.getMember("meta").getMember("venue").asString();
            }
            assertEquals(0, Yonder.roundTrips(viaRelay, relay.url()) - before, "the relay's client reads its own replica");
        }
    }

    @Test
    void aJsClientOfAPythonOwnerAndAPythonClientOfAJsOwner() {
        try (Context c = Context.newBuilder().allowAllAccess(true).build()) {
            c.eval("js", "var url = '" + python.url() + "'");
            Value r = c.eval("js", """
                            var score = Polyglot.eval('yonder', url + '/score');
                            var svc = Polyglot.eval('yonder', url + '/svc');
                            var home = score.home;
                            svc.goal('home');
                            var n = svc.addPlayer('cy');
                            svc.rename('hall');
                            [score.home - home, score.players.length === n, score.players[n - 1], score.meta.venue].join(',');
                            """);
            assertEquals("1,true,cy,hall", r.asString());
        }
        try (Context c = Context.newBuilder().allowAllAccess(true).build()) {
            c.eval("python", "url = '" + js.url() + "'");
            Value r = c.eval("python", """
                            import polyglot
                            score = polyglot.eval(language='yonder', string=url + '/score')
                            svc = polyglot.eval(language='yonder', string=url + '/svc')
                            home = score.home
                            svc.goal('home')
                            score.away = 9
                            n = len(score.players)
                            score.players.append('py')
                            f"{score.home - home},{score.away},{len(score.players) - n},{score.players[n]}"
                            """);
            assertEquals("1,9,1,py", r.asString());
        }
    }
}
