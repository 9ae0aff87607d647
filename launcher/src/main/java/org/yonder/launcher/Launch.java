package org.yonder.launcher;

import java.io.InputStream;
import java.util.function.Consumer;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

/**
 * How {@code yonder run} makes its context. A fresh JVM gives each context an engine of its own and the JVM's stdin
 * ({@link #STANDALONE}); the daemon gives its warm shared engine, the client's stdin streamed over the socket, and
 * wants the context as soon as it exists, to cancel it when the client goes away.
 *
 * @param engine  the engine to share, or null for one of the context's own
 * @param in      the guest's stdin, or null for the JVM's
 * @param started told of the context before the script runs
 */
public record Launch(Engine engine, InputStream in, Consumer<Context> started) {
    public static final Launch STANDALONE = new Launch(null, null, context -> {
    });

    Context.Builder configure(Context.Builder builder) {
        if (engine != null) {
            builder.engine(engine);
        }
        if (in != null) {
            builder.in(in);
        }
        return builder;
    }
}
