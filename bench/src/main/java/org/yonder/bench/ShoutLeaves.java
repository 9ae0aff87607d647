package org.yonder.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A leaf JVM of the Multiplex bench (a child process of {@link Shouts}): it holds many leaves, each a polyglot
 * {@code Context} of its own (one session to the hub or repeater) on one shared {@code Engine}, each served by a thread
 * of its own that blocks in {@code yonder serve}: that thread reads its session's socket itself and runs the shouts'
 * {@code remote_} methods, with no hand-off. Commands on stdin: {@code JOIN URL K [BACKBONE]} (K more leaves of
 * URL's {@code ping}), {@code LEAVE} (close them all). On stdout: {@code JOINED n}, {@code LEFT}; {@code ACK id nanos} once
 * every leaf here ran {@code remote_ping(id)}, with the slowest one's arrival minus the send time; {@code FLOODED ok}
 * once every leaf here got a burst's last {@code remote_flood}, ok if each got the whole burst.
 */
public final class ShoutLeaves implements PingLeaf.Sink {
    private static final int SLOTS = 1 << 14;
    private final PrintStream out;
    private final AtomicIntegerArray arrived = new AtomicIntegerArray(SLOTS);
    private final AtomicLongArray slowest = new AtomicLongArray(SLOTS);
    private final AtomicInteger flooded = new AtomicInteger();
    private final AtomicInteger floodedBad = new AtomicInteger();
    private final List<Context> leaves = new ArrayList<>();
    private final List<Thread> servers = new ArrayList<>();
    /** The leaves themselves, held as an application holds the objects whose shouts it wants to hear. */
    private final List<Value> held = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile int count;

    private ShoutLeaves(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        ShoutLeaves here = new ShoutLeaves(out);
        PingLeaf.sink = here;
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            reply(out, "ENGINE " + engine.getImplementationName());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.trim().split(" ");
                switch (w[0]) {
                    case "JOIN" -> reply(out, "JOINED " + here.join(engine, w[1], Integer.parseInt(w[2]), w.length > 3 ? w[3] : null));
                    case "LEAVE" -> {
                        here.leave();
                        reply(out, "LEFT");
                    }
                    default -> reply(out, "ERROR unknown command " + line);
                }
            }
            here.leave();
        }
        System.exit(0);
    }

    private static void reply(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * Adds {@code k} leaves of {@code url}'s ping, each joined (its leaf made) before this returns; gives how many now.
     * With a {@code backbone} ({@code nats://...}) the leaves follow the hub's NATS stream.
     */
    private int join(Engine engine, String url, int k, String backbone) throws InterruptedException {
        CountDownLatch joined = new CountDownLatch(k);
        List<Throwable> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < k; i++) {
            Context.Builder b = Context.newBuilder().engine(engine).allowAllAccess(true);
            Context c = (backbone == null ? b : b.option("yonder.Backbone", backbone)).build();
            Thread t = new Thread(() -> {
                try {
                    c.eval("yonder", "leaf").execute("bench.Ping", c.asValue(PingLeaf.class));
                    Value ping = c.eval("yonder", url + "/ping");
                    held.add(ping);   // a leaf nobody holds is collected, released, and hears no more shouts
                    if (!ping.getMember("madeWithLeaf").execute().asBoolean()) {
                        throw new IllegalStateException("the leaf is not a PingLeaf made with its leaf: " + ping);
                    }
                } catch (RuntimeException e) {
                    failed.add(e);
                    return;
                } finally {
                    joined.countDown();
                }
                try {
                    c.eval("yonder", "serve");   // until the context closes
                } catch (PolyglotException e) {
                    if (!e.isCancelled() && !e.isInterrupted()) {
                        reply(out, "ERROR a leaf's serve ended: " + e.getMessage());
                    }
                } catch (IllegalStateException e) {
                    // Closed while entering.
                }
            }, "leaf-" + leaves.size());
            t.setDaemon(true);
            leaves.add(c);
            servers.add(t);
            t.start();
        }
        joined.await();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("a leaf could not join: " + failed.get(0), failed.get(0));
        }
        count = leaves.size();
        return count;
    }

    private void leave() throws InterruptedException {
        count = 0;
        for (Context c : leaves) {
            c.close(true);
        }
        for (Thread t : servers) {
            t.join(5_000);
        }
        leaves.clear();
        servers.clear();
        held.clear();
    }

    @Override
    public void ping(int id, long sentNanos, long arrivedNanos) {
        int slot = id & (SLOTS - 1);
        slowest.accumulateAndGet(slot, arrivedNanos - sentNanos, Math::max);
        if (arrived.incrementAndGet(slot) == count) {
            long worst = slowest.getAndSet(slot, 0);
            arrived.set(slot, 0);
            reply(out, "ACK " + id + " " + worst);
        }
    }

    @Override
    public void flooded(boolean gotAll) {
        if (!gotAll) {
            floodedBad.incrementAndGet();
        }
        if (flooded.incrementAndGet() == count) {
            flooded.set(0);
            reply(out, "FLOODED " + (floodedBad.getAndSet(0) == 0));
        }
    }
}
