package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * A replica that is gone stops the owner's pushes: the owner's next write goes out only to the peers that still hold
 * the object, whether the other one's session closed or its replica was collected and released. Counted by the
 * owner's updatesPushed, one per object and holder.
 */
class ReplicaReleaseTest extends ReplicasServer {

    private static Context client() {
        return Context.newBuilder().allowAllAccess(true).build();
    }

    /** svc's counter {@code name} once it reads {@code want}, or its last reading after ten seconds. */
    private static long await(Value svc, String name, long want) throws InterruptedException {
        long v = svc.invokeMember(name).asLong();
        for (int i = 0; i < 100 && v != want; i++) {
            System.gc();   // collected proxies are released in batches (the Releaser)
            Thread.sleep(100);
            v = svc.invokeMember(name).asLong();
        }
        return v;
    }

    /** How many updates the owner pushed for one goal of the away side (the only write: one update of score). */
    private static long pushesOfOneGoal(Value svc) {
        long before = svc.invokeMember("updatesPushed").asLong();
        svc.invokeMember("goal", "away");
        return svc.invokeMember("updatesPushed").asLong() - before;
    }

    @Test
    void aClosedClientsReplicaGetsNoMorePushes() throws Exception {
        try (Context b = client()) {
            Value svc = b.eval("yonder", server.url() + "/svc");
            Value score = b.eval("yonder", server.url() + "/score");
            int away = score.getMember("away").asInt();
            try (Context a = client()) {
                Value aScore = a.eval("yonder", server.url() + "/score");
                assertEquals(2, await(svc, "sessions", 2), "only a's and b's sessions are open (earlier tests' have closed)");
                assertEquals(2, pushesOfOneGoal(svc), "both holders get the update");
                long until = System.currentTimeMillis() + 10_000;
                while (aScore.getMember("away").asInt() != away + 1 && System.currentTimeMillis() < until) {
                    a.eval("yonder", "poll");
                }
                assertEquals(away + 1, aScore.getMember("away").asInt(), "a's replica got it");
            }
            assertEquals(1, await(svc, "sessions", 1), "the owner saw a's session close");
            assertEquals(1, pushesOfOneGoal(svc), "only b, the live holder, gets the next update");
            assertEquals(away + 2, score.getMember("away").asInt(), "and reads it");
        }
    }

    @Test
    void aCollectedReplicaGetsNoMorePushesWhileItsSessionLivesOn() throws Exception {
        try (Context b = client()) {
            Value svc = b.eval("yonder", server.url() + "/svc");
            Value score = b.eval("yonder", server.url() + "/score");
            assertEquals(1, await(svc, "sessions", 1), "only b's session is open (earlier tests' have closed)");
            long exportsWithoutC = svc.invokeMember("exports").asLong();
            try (Context c = client()) {
                Value cScore = c.eval("yonder", server.url() + "/score");
                assertEquals(score.getMember("meta").getMember("round").asInt(), cScore.getMember("meta").getMember("round").asInt());
                assertTrue(svc.invokeMember("exports").asLong() > exportsWithoutC, "c's session holds score (and its nested objects)");
                assertEquals(2, pushesOfOneGoal(svc), "both holders get the update");
                cScore = null;   // c's only reference to its replica
                assertEquals(exportsWithoutC, await(svc, "exports", exportsWithoutC), "c's replicas were collected and their release reached the owner");
                assertEquals(2, svc.invokeMember("sessions").asLong(), "c's session is still open");
                assertEquals(1, pushesOfOneGoal(svc), "only b, which still holds score, gets the next update");
                assertTrue(c.eval("yonder", server.url() + "/svc").invokeMember("seen").asString().contains("\"home\""), "c's session still works");
            }
        }
    }
}
