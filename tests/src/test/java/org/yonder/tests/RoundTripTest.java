package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Round trips, counted by the client's session: they do not depend on timing. */
class RoundTripTest extends SvcClient {

    @BeforeEach
    void helpers() {
        Yonder.js(client, """
                        var rt = () => conn.stats().roundTrips;
                        var cost = f => { const before = rt(); f(); return rt() - before; };
                        """);
    }


    private long js(String code) {
        return Yonder.js(client, code).asLong();
    }

    @Test
    void typeChecksOnAReceivedReferenceCostNothing() {
        assertEquals(0, js("""
                        const f = svc.add, a = svc.items, P = svc.Point;
                        cost(() => {
                          typeof f; typeof a; typeof P; typeof svc;
                          Array.isArray(a); Array.isArray(svc);
                          f instanceof Object;
                        })"""));
    }

    @Test
    void seedsCallCostsExactlyOneRoundTrip() {
        assertEquals(1, js("const y = { greet: w => 'hi ' + w }; cost(() => svc.foo(1, [1, 2, 3], y))"));
        assertEquals(1, js("cost(() => svc.noop())"));
        assertEquals(1, js("cost(() => svc.add(1, [1, 2, 3], {}))"));
    }

    @Test
    void aSmallArrayArgumentIsReadByTheServerWithoutCallingBack() {
        Yonder.js(client, "var callbacks = f => { const before = svc.serverRoundTrips(); f(); return svc.serverRoundTrips() - before; };");
        assertEquals(0, js("callbacks(() => svc.add(1, [1, 2, 3], {}))"), "W3: the server iterates [1, 2, 3] from the snapshot that came with the call");
        assertEquals(1, js("cost(() => svc.add(1, [1, 2, 3], {}))"), "so W3 is one round trip in all");
        assertEquals(2, js("callbacks(() => svc.foo(1, [1, 2, 3], { greet: w => 'hi ' + w }))"),
                        "foo reads lst from the snapshot, then calls y.greet and writes y.seen: two callbacks");
        long big = js("callbacks(() => svc.add(0, Array.from({ length: 100 }, (_, i) => i), {}))");
        org.junit.jupiter.api.Assertions.assertTrue(big <= 3, "a larger array is scanned by the server in a batch: " + big + " callbacks");
    }

    @Test
    void readingTheSameMemberTwiceCostsTwo() {
        assertEquals(2, js("cost(() => { svc.value; svc.value; })"));
        assertEquals(1, js("cost(() => { svc.counter = 3; })"));
    }

    @Test
    void aFrozenObjectIsCopiedWhenItArrivesThenReadLocally() {
        assertEquals(3, js("cost(() => { globalThis.s = svc.settings; })"),
                        "its reference, then its member names and their values in one batch: a frozen object's data members never change");
        assertEquals(0, js("cost(() => { if (s.mode !== 'fast' || s.mode !== 'fast' || s.limit !== 3 || s.limit !== 3 || s.mode !== 'fast') throw new Error(); })"));
        assertEquals(0, js("cost(() => { for (let i = 0; i < 100; i++) if (s.mode !== 'fast') throw new Error(); })"));
        assertEquals(true, Yonder.js(client, "Object.isFrozen(s) && Object.getPrototypeOf(s) === Object.prototype").asBoolean(), "a frozen object of the client's own");
        assertEquals(2, js("cost(() => { s.reads; s.reads; })"), "a getter may answer differently each time: never kept");
        assertEquals(true, Yonder.js(client, "s.reads !== s.reads").asBoolean(), "and it does");
        assertEquals(0, js("cost(() => { s.nested; s.nested; })"), "a reference is kept too");
        assertEquals(2, js("cost(() => { s.nested.a; s.nested.a; })"), "but the members of the object it refers to are not frozen");
        assertEquals(1, js("cost(() => { if (svc.settings !== s) throw new Error(); })"), "the same copy each time it is read");
        assertEquals(2, js("cost(() => { svc.value; svc.value; })"), "nor are those of a plain object");
    }

    @Test
    void aScanOfAFrozenObjectKeepsItsMembers() {
        Yonder.js(client, "var s = svc.settings;");
        long scan = js("cost(() => Object.entries(s))");
        assertTrue(scan <= 3, "getMembers, one batched read, and the getter: " + scan);
        assertEquals(0, js("cost(() => { s.mode; s.limit; s.nested; })"), "the scan brought the fixed members' values and their info bits");
    }

    @Test
    void callbacksAreTheServersRoundTripsNotTheClients() {
        assertEquals(1, js("cost(() => svc.callBack(i => i, 10))"));
        assertEquals(10, js("const before = conn.stats().requestsServed; svc.callBack(i => i, 10); conn.stats().requestsServed - before"));
    }
}
