package org.yonder.bench.jmh;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;

/**
 * A JS server context in the benchmark's JVM, serving on its own thread over the in-memory transport
 * ({@code yonder+mem://NAME}), and a client context beside it. Refuses to run without the JIT.
 */
final class InProcessServer implements AutoCloseable {
    final Context server;
    final Context client;

    /** Evaluates {@code js} in a server listening on {@code mem:NAME} (it exports the roots), then serves it. */
    InProcessServer(String name, String js) {
        try (Engine engine = Engine.create()) {
            if (engine.getImplementationName().equals("Interpreted")) {
                throw new IllegalStateException("Truffle runs interpreter-only: the JIT flags are missing");
            }
        }
        server = Context.newBuilder().allowAllAccess(true).option("yonder.Listen", "mem:" + name).build();
        server.eval("js", js);
        server.initialize("yonder");
        Thread serving = new Thread(() -> {
            try {
                server.eval("yonder", "serve");
            } catch (PolyglotException e) {
                // Closed.
            }
        }, "jmh-server-" + name);
        serving.setDaemon(true);
        serving.start();
        client = Context.newBuilder().allowAllAccess(true).build();
    }

    @Override
    public void close() {
        client.close();
        server.close(true);
    }
}
