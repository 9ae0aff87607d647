package org.yonder.language;

import java.util.List;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.language.present.GuestFunction;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.session.Session;
import org.yonder.objspace.wire.Opcode;

/** A connection this context opened to a peer, and the root names the peer announced. */
record Peer(Address address, Session session, List<String> rootNames) {
    /** The peer's root {@code name}; one round trip. */
    @TruffleBoundary
    Object root(String name, Node location) {
        if (name.startsWith("@")) {
            Object held = session.publishedReplica(name.substring(1));
            if (held != null) {
                return held;   // revalidated when the connection was made, or looked up before: no round trip
            }
        }
        return session.call(location, Opcode.LOOKUP_ROOT, 0, name);
    }

    /** The guest's view of the connection. */
    @TruffleBoundary
    Object api(Node location) {
        return GuestApi.Record.of("connection " + address.url(),
                        "url", address.url(),
                        "roots", new GuestFunction("roots", 0, args -> ImmutableArray.ofStrings(session.hello(location).toArray(String[]::new))),
                        "root", new GuestFunction("root", 1, args -> root(InteropStrings.of(args[0]), location)),
                        "stats", new GuestFunction("stats", 0, args -> stats()),
                        "isClosed", new GuestFunction("isClosed", 0, args -> session.isClosed()),
                        "close", new GuestFunction("close", 0, args -> {
                            session.close("closed by the guest");
                            return null;
                        }));
    }

    private Object stats() {
        Object[] kv = new Object[4 + 2 * session.stats().snapshot().size()];
        int i = 0;
        kv[i++] = "exports";
        kv[i++] = (long) session.exports().size();
        kv[i++] = "imports";
        kv[i++] = (long) session.imports().size();
        for (var e : session.stats().snapshot().entrySet()) {
            kv[i++] = e.getKey();
            kv[i++] = e.getValue();
        }
        return GuestApi.Record.of("stats", kv);
    }
}
