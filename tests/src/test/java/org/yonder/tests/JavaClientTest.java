package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;

/** A Java program embeds yonder through the polyglot API and uses a JS server's objects as Values. */
class JavaClientTest extends SvcJavaClient {

    @Test
    void readsWritesAndInvokes() {
        assertTrue(svc.hasMembers());
        assertEquals(42, svc.getMember("value").asInt());
        svc.putMember("counter", 10);
        assertEquals(10, svc.getMember("counter").asInt());
        assertEquals(7, svc.invokeMember("add", 1, new int[]{1, 2, 3}, new Object()).asInt());
        assertTrue(svc.getMemberKeys().contains("items"));
        assertTrue(svc.getMember("add").canExecute());
    }

    /** A remote object names its owner's language (when this context has it) and its class, as the local object would. */
    @Test
    void messagesDescribeARemoteObjectAsItsOwnersKindOfValue() {
        Value p = svc.getMember("Point").newInstance(1, 2);
        UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, p::getArraySize);
        assertTrue(e.getMessage().contains("(language: JavaScript, type: Point)"), e.getMessage());
    }

    @Test
    void javaCallbacksAreCalledFromTheServer() {
        List<Integer> seen = new ArrayList<>();
        ProxyExecutable cb = args -> {
            seen.add(args[0].asInt());
            return null;
        };
        assertEquals(4, svc.invokeMember("callBack", cb, 4).asInt());
        assertEquals(List.of(0, 1, 2, 3), seen);
        ProxyObject y = ProxyObject.fromMap(new java.util.HashMap<>(java.util.Map.of("greet", (ProxyExecutable) a -> "hey " + a[0].asString())));
        assertEquals("a=1 sum=6 y=hey server", svc.invokeMember("foo", 1, new int[]{1, 2, 3}, y).asString());
        assertEquals(6, y.getMember("seen") instanceof Value v ? v.asInt() : ((Number) y.getMember("seen")).intValue());
    }

    @Test
    void remoteArraysAsValues() {
        Value items = svc.getMember("items");
        assertTrue(items.hasArrayElements());
        assertEquals(3, items.getArraySize());
        assertEquals(2, items.getArrayElement(1).asInt());
        items.setArrayElement(1, 22);
        assertEquals(22, svc.getMember("items").getArrayElement(1).asInt());
        items.setArrayElement(1, 2);
        assertEquals(List.of(1, 2, 3), items.as(new org.graalvm.polyglot.TypeLiteral<List<Integer>>() {
        }));
        assertEquals(java.util.Set.of("0", "1", "2"), items.getMemberKeys(), "a JS array's member keys are its indices, as for a local one");
        Value keys = svc.getContext().eval("js", "(a) => Object.keys(a).join()");
        assertEquals("0,1,2", keys.execute(items).asString(), "JS lists the indices of a foreign array itself: once");
    }

    @Test
    void guestErrorsArePolyglotExceptionsWithTheServersMessageAndFrames() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> svc.invokeMember("fail", "from java"));
        PolyglotException local = assertThrows(PolyglotException.class, () -> context.eval("js", "throw new Error('from java')"));
        assertEquals(local.getMessage(), e.getMessage(), "the same message a local JS error gives");
        assertEquals("Error: from java", e.getMessage());
        assertTrue(e.isGuestException());
        Value frames = context.eval("yonder", "stackOf").execute(e.getGuestObject());
        assertTrue(frames.toString().matches(".*fail \\(svc\\.js:\\d+:\\d+\\).*"), frames.toString());
        assertTrue(e.getGuestObject().getMember("stack").asString().contains("svc.js"));
    }

    @Test
    void thePolyglotStackTraceListsTheServersFramesThenTheClients() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> svc.invokeMember("fail", "from java"));
        List<String> guest = new ArrayList<>();
        boolean hostAfterGuest = false;
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame()) {
                guest.add(f.getRootName() + " " + (f.getSourceLocation() == null ? "-" : f.getSourceLocation().getSource().getName() + ":" + f.getSourceLocation().getStartLine()));
            } else if (!guest.isEmpty()) {
                hostAfterGuest = true;
            }
        }
        assertFalse(guest.isEmpty(), "no guest frames: " + java.util.Arrays.toString(e.getPolyglotStackTrace().spliterator() == null ? null : new Object[0]));
        assertTrue(guest.get(0).matches("fail svc\\.js:\\d+"), String.valueOf(guest));
        assertTrue(hostAfterGuest, "the client's own (host) frames follow: " + guest);
    }

    @Test
    void interopErrorsMatchThoseOfALocalObject() {
        Value local = context.asValue(ProxyObject.fromMap(new java.util.HashMap<>()));
        RuntimeException remoteError = assertThrows(RuntimeException.class, () -> svc.invokeMember("nope"));
        RuntimeException localError = assertThrows(RuntimeException.class, () -> local.invokeMember("nope"));
        assertEquals(localError.getClass(), remoteError.getClass());
        assertTrue(remoteError.getMessage().contains("nope"), remoteError.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> svc.getMember("value").execute());
        PolyglotException arity = assertThrows(PolyglotException.class, () -> svc.getMember("Point").execute());
        assertFalse(arity.getMessage().isEmpty());
    }

    @Test
    void typeChecksAreAnsweredFromTheShape() {
        Value add = svc.getMember("add");
        Value items = svc.getMember("items");
        Value point = svc.getMember("Point");
        long before = Yonder.roundTrips(context, server.url());
        assertTrue(add.canExecute());
        assertFalse(add.hasArrayElements());
        assertTrue(items.hasArrayElements());
        assertFalse(items.canExecute());
        assertTrue(point.canInstantiate());
        assertFalse(svc.isNull());
        assertFalse(svc.isString());
        assertFalse(svc.isException());
        assertTrue(items.hasIterator());
        assertEquals(before, Yonder.roundTrips(context, server.url()));
    }
}
