package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scans of remote containers cost O(1) round trips (a batched snapshot), while single reads stay one round trip and
 * never see data older than the last message: see docs/architecture.md, "Scans and snapshots".
 */
class ScanTest extends SvcClient {

    @BeforeEach
    void helpers() {
        Yonder.js(client, "var cost = f => { const before = conn.stats().roundTrips; const r = f(); return [conn.stats().roundTrips - before, r]; };");
    }


    private long[] cost(String body) {
        var r = Yonder.js(client, "cost(() => { " + body + " })");
        return new long[]{r.getArrayElement(0).asLong(), r.getArrayElement(1).isNull() ? 0 : r.getArrayElement(1).asLong()};
    }

    @Test
    void summingATenThousandElementArrayWithForOfTakesAtMostThreeRoundTrips() {
        Yonder.js(client, "var data = svc.data;");
        long[] r = cost("let s = 0; for (const v of data) s += v; return s;");
        assertEquals(49_995_000L, r[1]);
        assertTrue(r[0] <= 3, r[0] + " round trips");
        long[] again = cost("let s = 0; for (let i = 0; i < data.length; i++) s += data[i]; return s;");
        assertEquals(49_995_000L, again[1]);
        assertTrue(again[0] <= 3, "an index loop is a scan too: " + again[0] + " round trips");
    }

    @Test
    void spreadArrayFromAndSortingACopyAreScans() {
        Yonder.js(client, "var data = svc.data;");
        assertTrue(cost("return [...data].length;")[0] <= 3);
        assertTrue(cost("return Array.from(data).reverse()[0];")[0] <= 3);
        long[] sorted = cost("return [...data].sort((a, b) => b - a)[0];");
        assertEquals(9999, sorted[1]);
        assertTrue(sorted[0] <= 3);
    }

    @Test
    void jsonStringifyOfAHundredMembersIsConstantRoundTrips() {
        Yonder.js(client, "var wide = svc.wide;");
        long[] r = cost("return JSON.stringify(wide).length;");
        assertEquals(Yonder.js(client, "JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => ['m' + i, i]))).length").asLong(), r[1]);
        assertTrue(r[0] <= 4, r[0] + " round trips");
        assertTrue(cost("return Object.entries(wide).length;")[0] <= 2);
    }

    @Test
    void iteratingARemoteMapWalksASnapshot() {
        Yonder.js(client, "var table = svc.table;");
        long[] r = cost("let s = 0; for (const [k, v] of table) s += v; return s;");
        assertEquals(499_500L, r[1]);
        assertTrue(r[0] <= 2, r[0] + " round trips");
        assertEquals(1000, Yonder.js(client, "table.size").asInt());
        assertEquals(7, Yonder.js(client, "table.get('k7')").asInt());
    }

    @Test
    void remoteGeneratorsCostOneRoundTripPerElement() {
        long[] r = cost("let s = 0; for (const v of svc.count(10)) s += v; return s;");
        assertEquals(45, r[1]);
        assertTrue(r[0] <= 13, r[0] + " round trips for 10 elements");
    }

    @Test
    void singleReadsAreOneRoundTripAndSeeOtherClientsChanges() throws Exception {
        try (Context other = Yonder.client(server.url())) {
            Yonder.js(client, "var items = svc.items; for (const v of items) ;");
            Yonder.js(other, "Polyglot.import('svc').setItem(0, 99)");
            long[] r = cost("return items[0];");
            assertEquals(99, r[1], "a read after a scan goes to the owner");
            assertEquals(1, r[0]);
            Yonder.js(other, "Polyglot.import('svc').setItem(0, 1)");
            assertEquals(1, cost("return items[0];")[1]);
            assertEquals(2, cost("svc.value; return svc.value;")[0], "reading a member twice costs two");
        }
    }

    @Test
    void aScanThatWritesOrCallsSeesItsOwnChanges() {
        Yonder.js(client, "var items = svc.items;");
        long[] r = cost("""
                        let s = 0;
                        for (let i = 0; i < items.length; i++) { svc.setItem(i, items[i] * 10); s += items[i]; }
                        for (let i = 0; i < items.length; i++) svc.setItem(i, items[i] / 10);
                        return s;""");
        assertEquals(60, r[1], "each read after a call goes to the owner and sees the new value");
    }

    @Test
    void gettersAreNotRunAheadByAScan() {
        Yonder.js(client, "var before = svc.ticks;");
        Yonder.js(client, "JSON.stringify(svc, (k, v) => typeof v === 'bigint' ? String(v) : v); Object.entries(svc);");
        long after = Yonder.js(client, "svc.ticks").asLong();
        long before = Yonder.js(client, "before").asLong();
        assertEquals(before + 3, after, "the getter ran once per actual read (two scans and one read), not ahead");
    }

    @Test
    void frozenArraysOfPrimitivesCrossByValue() {
        long[] r = cost("const f = svc.frozen; let s = 0; for (const v of f) s += v; return s;");
        assertEquals(18, r[1]);
        assertEquals(1, r[0], "one READ_MEMBER; the elements came with it");
        assertEquals("[5,6,7]", Yonder.js(client, "JSON.stringify(svc.frozen)").asString());
    }
}
