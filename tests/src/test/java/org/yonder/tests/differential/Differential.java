package org.yonder.tests.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.yonder.launcher.ServerProcess;

/**
 * Shared pieces of the differential transparency suite: the fixture servers (one {@code yonder serve} process per
 * fixture file, shared by every test class of the run), local and client contexts, and the comparison of a probe run
 * on local fixtures (L) with the same probe run on the same fixtures served remotely (R).
 */
final class Differential {
    private Differential() {
    }

    /** The text of a resource of {@code resources/differential}. */
    static String resource(String name) {
        try (InputStream in = Differential.class.getResourceAsStream("/differential/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no resource /differential/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on a fixture file, started once per test run (at the first class that needs it) and stopped when the run ends. */
    static final class FixtureServer implements BeforeAllCallback {
        private final String fixtures;
        private final String key;
        private ServerProcess process;

        FixtureServer(String fixtures) {
            this(fixtures, "shared");
        }

        /** A server of its own under {@code key}, for a client whose probes may bring the server down. */
        FixtureServer(String fixtures, String key) {
            this.fixtures = fixtures;
            this.key = key;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            process = server(context, fixtures, key);
        }

        String url() {
            return process.url();
        }
    }

    static ServerProcess server(ExtensionContext context, String fixtures, String key) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(Differential.class));
        return store.getOrComputeIfAbsent("server:" + fixtures + ":" + key, k -> new Server(fixtures), Server.class).process;
    }

    private static final class Server implements ExtensionContext.Store.CloseableResource {
        final ServerProcess process;

        Server(String fixtures) {
            try {
                Path dir = Files.createTempDirectory("yonder-differential");
                Path file = dir.resolve(fixtures);
                try (InputStream in = Differential.class.getResourceAsStream("/differential/" + fixtures)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                process = ServerProcess.start(file, "127.0.0.1:0", System.out, "[server " + fixtures + "] ", 120);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** One engine for all local contexts, so that a second local run reuses the first one's parsed and compiled code. */
    private static Engine localEngine;

    /** An in-process context for the local side. */
    static synchronized Context local() {
        if (localEngine == null) {
            localEngine = Engine.create();
        }
        return Context.newBuilder().engine(localEngine).allowAllAccess(true).build();
    }

    /**
     * A client context whose polyglot bindings hold the server's roots, presented for {@code bindFor} (js or python, as
     * {@code yonder run} binds them for its script's language), or raw for null (a Java client's).
     */
    static Context client(String url, String bindFor) {
        Context.Builder builder = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", url);
        if (bindFor != null) {
            builder.option("yonder.BindFor", bindFor);
        }
        Context context = builder.build();
        context.initialize("yonder");
        return context;
    }

    private static final Pattern VOLATILE = Pattern.compile("type #\\d+|yonder://127\\.0\\.0\\.1:\\d+|127\\.0\\.0\\.1:\\d+|@[0-9a-f]{5,}\\b|0x[0-9a-f]{5,}");

    /** Drops what differs from run to run for no reason of transparency: ports, identity hashes, addresses. */
    static String normalize(String line) {
        return VOLATILE.matcher(line).replaceAll("<volatile>");
    }

    /** The lines {@code id<TAB>result} of a probe run, by id, in order. Fails on a repeated id. */
    static LinkedHashMap<String, String> parse(String output) {
        LinkedHashMap<String, String> result = new LinkedHashMap<>();
        for (String line : output.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String id = tab < 0 ? line : line.substring(0, tab);
            String value = tab < 0 ? "" : normalize(line.substring(tab + 1));
            if (result.put(id, value) != null) {
                throw new IllegalStateException("probe id twice: " + id);
            }
        }
        return result;
    }

    /** One probe whose local and remote lines differ (a missing line is {@code null}). */
    record Difference(String id, String local, String remote) {
    }

    /** The probes whose lines differ, in the local run's order, then those only the remote run has. */
    static List<Difference> compare(Map<String, String> local, Map<String, String> remote) {
        List<Difference> out = new ArrayList<>();
        for (Map.Entry<String, String> e : local.entrySet()) {
            String r = remote.get(e.getKey());
            if (!e.getValue().equals(r)) {
                out.add(new Difference(e.getKey(), e.getValue(), r));
            }
        }
        for (Map.Entry<String, String> e : remote.entrySet()) {
            if (!local.containsKey(e.getKey())) {
                out.add(new Difference(e.getKey(), null, e.getValue()));
            }
        }
        return out;
    }

    /** Local runs must agree with each other, or a probe is not deterministic and has no place in the suite. */
    static List<String> unstable(Map<String, String> first, Map<String, String> second) {
        List<String> out = new ArrayList<>();
        for (Difference d : compare(first, second)) {
            out.add(d.id() + "\n    run 1: " + d.local() + "\n    run 2: " + d.remote());
        }
        return out;
    }

    /** Compares, reports, and fails on a difference not listed in docs/transparency.md or a listed one that is gone. */
    static Expectations.Outcome verify(String language, String prefix, Map<String, String> local, Map<String, String> remote) {
        List<Difference> differences = compare(local, remote);
        Expectations expectations = Expectations.load();
        Expectations.Outcome outcome = expectations.check(language, prefix, local.size(), differences);
        expectations.report(outcome);
        System.out.println("[differential] " + language + ": " + local.size() + " probes, " + differences.size() + " differences " + outcome.byCategory());
        if (!outcome.ok()) {
            org.junit.jupiter.api.Assertions.fail(Expectations.failure(outcome));
        }
        return outcome;
    }

    /** Fails when two local runs disagree. */
    static void assertStable(String language, Map<String, String> first, Map<String, String> second) {
        List<String> unstable = unstable(first, second);
        if (!unstable.isEmpty()) {
            org.junit.jupiter.api.Assertions.fail(language + ": probes whose local output is not stable:\n" + String.join("\n", unstable));
        }
    }

    /**
     * Runs a script's registered probes from index 0 through {@code run}; when a probe ends in an internal error (a
     * host exception that the guest's catch does not see), records it through {@code internal} and goes on with the
     * next one. A context that is gone (closed, cancelled) ends the run: the probes left are missing from the output.
     */
    static void runAll(Value run, Value current, Value internal) {
        int from = 0;
        while (true) {
            try {
                run.execute(from);
                return;
            } catch (PolyglotException e) {
                if (e.isCancelled() || e.isExit() || e.isInterrupted()) {
                    return;
                }
                int at = current.execute().asInt();
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                internal.execute(at, (e.isHostException() ? "host " : e.isInternalError() ? "internal " : "") + message);
                from = at + 1;
            }
        }
    }
}
