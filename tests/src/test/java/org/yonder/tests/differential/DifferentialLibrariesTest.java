package org.yonder.tests.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unchanged npm libraries (lodash, underscore, ramda, immutable, handlebars, mustache: the registry tarballs that
 * download-maven-plugin fetched into tests/target/npm, versions and SHA-256 pinned in the root pom) run the probes of
 * resources/differential/libprobes.js on local (L) and remote (R) fixtures of fixtures.js.
 */
class DifferentialLibrariesTest {
    @RegisterExtension
    static final Differential.FixtureServer SERVER = new Differential.FixtureServer("fixtures.js", "lib");

    /** Each library's browser (UMD) bundle, in load order; underscore goes first and is kept as `underscore`. */
    static final String[][] LIBRARIES = {
        {"underscore", "underscore-umd.js"},
        {"lodash", "lodash.js"},
        {"ramda", "dist/ramda.js"},
        {"immutable", "dist/immutable.js"},
        {"handlebars", "dist/handlebars.js"},
        {"mustache", "mustache.js"},
    };

    static void loadLibraries(Context context) {
        for (String[] lib : LIBRARIES) {
            Path file = Expectations.target().resolve("npm").resolve(lib[0]).resolve("package").resolve(lib[1]);
            try {
                context.eval(Source.newBuilder("js", Files.readString(file, StandardCharsets.UTF_8), lib[0] + "/" + lib[1]).build());
            } catch (IOException e) {
                throw new UncheckedIOException("npm library missing (the build downloads it in generate-test-resources): " + file, e);
            }
            if (lib[0].equals("underscore")) {
                context.eval("js", "globalThis.underscore = globalThis._; delete globalThis._;");
            }
        }
        context.eval("js", "if (typeof _ !== 'function' || typeof underscore !== 'function' || typeof R !== 'object' || typeof Immutable !== 'object' "
                        + "|| typeof Handlebars !== 'object' || typeof Mustache !== 'object') throw new Error('a library did not load');");
    }

    @Test
    void libraryProbes() {
        long t0 = System.nanoTime();
        LinkedHashMap<String, String> l1;
        try (Context context = Differential.local()) {
            context.eval(Source.newBuilder("js", Differential.resource("fixtures.js"), "fixtures.js").buildLiteral());
            loadLibraries(context);
            l1 = Differential.parse(DifferentialJsTest.run(context, "lib", "libprobes.js"));
        }
        long t1 = System.nanoTime();
        LinkedHashMap<String, String> l2;
        try (Context context = Differential.local()) {
            context.eval(Source.newBuilder("js", Differential.resource("fixtures.js"), "fixtures.js").buildLiteral());
            loadLibraries(context);
            l2 = Differential.parse(DifferentialJsTest.run(context, "lib", "libprobes.js"));
        }
        Differential.assertStable("Libraries", l1, l2);
        long t2 = System.nanoTime();
        LinkedHashMap<String, String> r;
        try (Context context = Differential.client(SERVER.url(), "js")) {
            DifferentialJsTest.connect(context, SERVER.url());
            loadLibraries(context);
            r = Differential.parse(DifferentialJsTest.run(context, "lib", "libprobes.js"));
        }
        long t3 = System.nanoTime();
        System.out.printf("[differential] Libraries: local %d ms, again %d ms, remote %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        Differential.verify("Libraries", "lib/", l1, r);
    }
}
