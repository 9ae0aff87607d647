package org.yonder.tests.tck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.tck.LanguageProvider;
import org.graalvm.polyglot.tck.Snippet;
import org.graalvm.polyglot.tck.TypeDescriptor;

/**
 * The Truffle polyglot TCK's provider for {@code yonder}: its values are remote values of every kind, owned by a JS
 * context in this JVM that serves them over the in-memory transport ({@code servers/tck.js}). The TCK's ValueTest
 * checks each one through the whole polyglot Value API, and IdentityFunctionTest passes every other provider's
 * values through a remote identity function and back.
 */
public final class YonderTck implements LanguageProvider {
    private static final String ADDRESS = "yonder+mem://tck/values";
    private static Context server;

    @Override
    public String getId() {
        return "yonder";
    }

    /** The server context, made once per JVM, serving on a daemon thread until the JVM exits. */
    private static synchronized void startServer() {
        if (server != null) {
            return;
        }
        server = Context.newBuilder().allowAllAccess(true).option("yonder.Listen", "mem:tck").build();
        try (InputStream in = YonderTck.class.getResourceAsStream("/servers/tck.js")) {
            server.eval(Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "tck.js").build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.initialize("yonder");
        Thread serving = new Thread(() -> {
            try {
                server.eval("yonder", "serve");
            } catch (PolyglotException e) {
                // The JVM is going away.
            }
        }, "yonder-tck-server");
        serving.setDaemon(true);
        serving.start();
    }

    private static Value maker(Context context, String name) {
        startServer();
        return context.eval("yonder", ADDRESS).getMember(name);
    }

    @Override
    public Value createIdentityFunction(Context context) {
        return maker(context, "identity").execute();
    }

    @Override
    public Collection<? extends Snippet> createValueConstructors(Context context) {
        List<Snippet> snippets = new ArrayList<>();
        for (String name : List.of("number", "double", "string", "boolean", "null", "object", "array", "mixedArray", "frozenArray", "function", "klass",
                        "instance", "map", "iterator", "date", "buffer", "big")) {
            Value make = maker(context, name);
            // The declared type is what a fresh value reports; the TCK then checks that the whole Value API agrees.
            TypeDescriptor type = TypeDescriptor.forValue(make.execute());
            snippets.add(Snippet.newBuilder(name, make, type).build());
        }
        return snippets;
    }

    @Override
    public Collection<? extends Snippet> createExpressions(Context context) {
        return List.of();
    }

    @Override
    public Collection<? extends Snippet> createStatements(Context context) {
        return List.of();
    }

    @Override
    public Collection<? extends Snippet> createScripts(Context context) {
        return List.of();
    }

    @Override
    public Collection<? extends Source> createInvalidSyntaxScripts(Context context) {
        return List.of();
    }
}
