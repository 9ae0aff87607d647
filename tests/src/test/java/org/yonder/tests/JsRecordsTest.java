package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * A remote plain data object reaches a JS client as a JS object of its own (a Proxy whose target is a fresh object):
 * Object.prototype is its prototype, it is extensible and not frozen, writes and deletes reach the owner, it keeps its
 * identity, and it goes back to the owner as the owner's own object. A frozen one stays frozen; with
 * --yonder.Present=false it is the foreign object it was.
 */
class JsRecordsTest extends ReceiversServers {
    @Test
    void aRemoteRecordIsAPlainExtensibleJsObject() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true,true,false,true,a|inner|list", jsRun(client, """
                            const r = fx.record;
                            [Object.getPrototypeOf(r) === Object.prototype, Object.isExtensible(r), Object.isFrozen(r),
                             Object.getPrototypeOf(r.inner) === Object.prototype, Object.keys(r).join('|')].join()"""));
            assertEquals("{\"a\":1,\"inner\":{\"b\":2},\"list\":[1,2]},{\"a\":1,\"inner\":{\"b\":2},\"list\":[1,2]}",
                            jsRun(client, "const r = fx.record; [JSON.stringify(r), JSON.stringify({...r})].join()"));
            assertEquals("true,true,true", jsRun(client, "const r = fx.record; [r === fx.record, r.inner === r.inner, fx.isRecord(r)].join()"),
                            "one presentation per remote object, and it goes back as the owner's own object");
        }
    }

    private static final String[] OPERATIONS = {"JSON.stringify(r)", "({...r})", "Object.keys(r)", "r.a + r.inner.b"};

    /** Round trips of each operation on a fresh record, each in a fresh client. */
    private String roundTrips(boolean present) {
        StringBuilder costs = new StringBuilder();
        for (String operation : OPERATIONS) {
            try (Context client = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", js.url()).option("yonder.Present", String.valueOf(present)).build()) {
                client.initialize("yonder");
                costs.append(costs.length() == 0 ? "" : ",").append(jsRun(client, ("const conn = Polyglot.eval('yonder', '%s'); const r = fx.record;"
                                + "const a = conn.stats().roundTrips; %s; String(conn.stats().roundTrips - a)").formatted(js.url(), operation)));
            }
        }
        return costs.toString();
    }

    @Test
    void aPresentedRecordsRoundTripsAgainstTheForeignOnes() {
        assertEquals("9,2,1,3", roundTrips(false), "the foreign object's round trips");
        assertEquals("10,2,2,3", roundTrips(true), "the presented record's: spread and reads the same; Object.keys reads the batch for the descriptors (+1), JSON.stringify +1");
    }

    @Test
    void membersThatAreNotEnumerableAreOwnButNotListedByKeys() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("a|b|secretish;a|b;false;true;2;{\"a\":1,\"b\":3};8", jsRun(client, """
                            const conn = Polyglot.eval('yonder', '%s');
                            const r = fx.withHidden;
                            const names = Object.getOwnPropertyNames(r).join('|');
                            const before = conn.stats().roundTrips;
                            const keys = Object.keys(r).join('|');
                            const listing = conn.stats().roundTrips - before;
                            [names, keys, r.propertyIsEnumerable('secretish'), Object.hasOwn(r, 'secretish'), r.secretish, JSON.stringify(r),
                             listing].join(';')""".formatted(js.url())), "the owner's order; Object.keys costs 8 round trips (GUEST_OPERATION own_names, GET_MEMBERS, READ_MEMBERS, 4 MEMBER_INFO, READ_MEMBER of the hidden one) against 2 for a record without such members: only objects that have them pay");
            assertEquals("a|b", jsRun(client, "Object.keys(fx.record).join('|') === 'a|inner|list' ? 'a|b' : 'listed wrong'"));
            // Before: Object.defineProperty of a data member was a plain write (enumerable and writable on the owner).
            assertEquals("{\"value\":1,\"writable\":false,\"enumerable\":false,\"configurable\":false} a;a;a|dp;1;"
                            + "{\"value\":2,\"writable\":true,\"enumerable\":true,\"configurable\":true} a|again",
                            jsRun(client, "const r = fx.defining.freshRecord(); Object.defineProperty(r, 'dp', { value: 1, enumerable: false });"
                                            + " const owner = fx.defining.describeOn(r, 'dp'); Object.defineProperty(r, 'again', { value: 2, writable: true, enumerable: true, configurable: true });"
                                            + " [owner, Object.keys(r).filter((k) => k !== 'again').join('|'), Object.getOwnPropertyNames(r).filter((k) => k !== 'again').join('|'), r.dp,"
                                            + " fx.defining.describeOn(r, 'again')].join(';')"),
                            "the owner's object gets the member with the attributes given (absent ones false for a new member), and the client lists it as the owner has it");
        }
    }

    @Test
    void writesAndDeletesReachTheOwner() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("7,true,true,false", jsRun(client, """
                            const r = fx.record;
                            r.a = 7; r.z = 1;
                            const seen = [fx.recordA(), fx.hasZ()];
                            delete r.z;
                            seen.push(!('z' in r), fx.hasZ()); seen.join()"""));
        }
    }

    @Test
    void freezingAPresentedRecordFreezesALocalSnapshot() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true,1,1,false", jsRun(client, """
                            const r = fx.record;
                            Object.freeze(r);
                            let threw = false; try { r.a = 9; } catch (e) { threw = e instanceof TypeError; }
                            [Object.isFrozen(r), r.a, fx.recordA(), threw].join()"""),
                            "the snapshot is frozen; the owner's object is not (a sloppy write is ignored)");
        }
    }

    @Test
    void aFrozenRemoteObjectStaysFrozenAndPresentFalseKeepsItForeign() {
        try (Context client = Yonder.client(js.url())) {
            assertEquals("true", jsRun(client, "String(Object.isFrozen(fx.frozenRecord))"));
        }
        try (Context client = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", js.url()).option("yonder.Present", "false").build()) {
            client.initialize("yonder");
            assertEquals("false,true", jsRun(client, "[Object.getPrototypeOf(fx.record) === Object.prototype, Object.isFrozen(fx.record)].join()"));
        }
    }
}
