package org.yonder.objspace.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What a session counted. Tests and benchmarks assert round trips from here, not times. */
public final class SessionStats {
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong framesReceived = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    /** Requests this side sent and waited for. */
    final AtomicLong roundTrips = new AtomicLong();
    /** Requests the peer sent that this side served. */
    final AtomicLong requestsServed = new AtomicLong();
    /** Frames read by the session's reader thread, and so handed to a context thread (the rest were read by it). */
    final AtomicLong framesHandedOff = new AtomicLong();
    /** Answers held back to leave in one write with the answers after them (pipelined requests). */
    final AtomicLong answersHeldBack = new AtomicLong();
    /** Asynchronous requests held back to leave in one write with the ones after them. */
    final AtomicLong requestsHeldBack = new AtomicLong();
    final AtomicLong releasesSent = new AtomicLong();
    /** Calls this side gave up on at their deadline (their late answers are dropped). */
    final AtomicLong callsAbandoned = new AtomicLong();
    final AtomicLong releaseFramesSent = new AtomicLong();
    /** Requests sent, by opcode: the breakdown of the round trips. */
    private final java.util.concurrent.atomic.AtomicLongArray requestsByOpcode = new java.util.concurrent.atomic.AtomicLongArray(128);

    /** Requests sent pipelined: on the answer of an earlier request that had not come back yet. */
    final AtomicLong pipelinedSent = new AtomicLong();
    /** Requests served whose target was the answer of an earlier request of the peer's (pipelined). */
    final AtomicLong pipelinedServed = new AtomicLong();
    /** Requests that Truffle's interop contract assertions made (only under -ea); not in {@link #roundTrips}. */
    final AtomicLong assertionProbes = new AtomicLong();
    /** Replicas of the peer's cacheable objects made, UPDATE frames received and sent, states fetched after a gap. */
    final AtomicLong replicasMade = new AtomicLong();
    final AtomicLong updatesReceived = new AtomicLong();
    final AtomicLong updatesSent = new AtomicLong();
    final AtomicLong replicaFetches = new AtomicLong();
    /** Publishable replicas: written to the store, and revalidated by HELLO as fresh, stale or gone. */
    final AtomicLong replicasStored = new AtomicLong();
    final AtomicLong revalidatedFresh = new AtomicLong();
    final AtomicLong revalidatedStale = new AtomicLong();
    final AtomicLong revalidatedGone = new AtomicLong();
    /** SHOUT frames received and sent (docs/multiplex.md). */
    final AtomicLong shoutsReceived = new AtomicLong();
    final AtomicLong shoutsSent = new AtomicLong();
    /**
     * Reads of the socket (docs/performance.md, the tail): those that found nothing after the spin and blocked in the
     * kernel, those that gave up at their timeout with nothing read, and the PINGs the heartbeat sent.
     */
    final AtomicLong readsBlocked = new AtomicLong();
    final AtomicLong readsTimedOut = new AtomicLong();
    final AtomicLong pingsSent = new AtomicLong();

    void countRequest(org.yonder.objspace.wire.Opcode op, boolean assertionProbe) {
        if (assertionProbe) {
            assertionProbes.incrementAndGet();
            return;
        }
        roundTrips.incrementAndGet();
        requestsByOpcode.incrementAndGet(op.code);
    }

    public long roundTrips() {
        return roundTrips.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("roundTrips", roundTrips.get());
        m.put("assertionProbes", assertionProbes.get());
        m.put("requestsServed", requestsServed.get());
        m.put("framesSent", framesSent.get());
        m.put("framesReceived", framesReceived.get());
        m.put("framesHandedOff", framesHandedOff.get());
        m.put("answersHeldBack", answersHeldBack.get());
        m.put("requestsHeldBack", requestsHeldBack.get());
        m.put("bytesSent", bytesSent.get());
        m.put("bytesReceived", bytesReceived.get());
        m.put("releasesSent", releasesSent.get());
        m.put("callsAbandoned", callsAbandoned.get());
        m.put("releaseFramesSent", releaseFramesSent.get());
        m.put("pipelinedSent", pipelinedSent.get());
        m.put("pipelinedServed", pipelinedServed.get());
        m.put("replicasMade", replicasMade.get());
        m.put("updatesReceived", updatesReceived.get());
        m.put("updatesSent", updatesSent.get());
        m.put("replicaFetches", replicaFetches.get());
        m.put("replicasStored", replicasStored.get());
        m.put("revalidatedFresh", revalidatedFresh.get());
        m.put("revalidatedStale", revalidatedStale.get());
        m.put("revalidatedGone", revalidatedGone.get());
        m.put("shoutsReceived", shoutsReceived.get());
        m.put("shoutsSent", shoutsSent.get());
        m.put("readsBlocked", readsBlocked.get());
        m.put("readsTimedOut", readsTimedOut.get());
        m.put("pingsSent", pingsSent.get());
        for (org.yonder.objspace.wire.Opcode op : org.yonder.objspace.wire.Opcode.values()) {
            long n = requestsByOpcode.get(op.code);
            if (n > 0) {
                m.put(op.name(), n);
            }
        }
        return m;
    }
}
