package org.yonder.tests.differential;

import java.util.LinkedHashMap;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JS client runs the probes of resources/differential/probes.js on the fixtures of fixtures.js, once in-process (L)
 * and once served by {@code yonder serve fixtures.js} (R), and the two outputs are compared line by line.
 */
class DifferentialJsTest {
    @RegisterExtension
    static final Differential.FixtureServer SERVER = new Differential.FixtureServer("fixtures.js", "js");

    static String run(Context context, String suite, String... scripts) {
        context.eval("js", "var SUITE = '" + suite + "';");
        context.eval(Source.create("js", Differential.resource("harness.js")));
        for (String script : scripts) {
            context.eval(Source.newBuilder("js", Differential.resource(script), script).buildLiteral());
        }
        Differential.runAll(context.eval("js", "__run"), context.eval("js", "() => __current"), context.eval("js", "__internal"));
        long deadline = System.nanoTime() + 30_000_000_000L;   // promises settle when their owner calls back
        while (context.eval("js", "__unsettled()").asInt() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String out = context.eval("js", "__settle()").asString();
        if (Boolean.getBoolean("differential.timing")) {
            System.out.println("[differential] slow probes: " + context.eval("js", "__times.sort((a, b) => parseInt(b) - parseInt(a)).slice(0, 40).join('\\n')").asString());
        }
        return out;
    }

    static LinkedHashMap<String, String> local(String suite, String... scripts) {
        try (Context context = Differential.local()) {
            context.eval(Source.newBuilder("js", Differential.resource("fixtures.js"), "fixtures.js").buildLiteral());
            return Differential.parse(run(context, suite, scripts));
        }
    }

    /** Gives the probes the connection object ({@code CONNECTION}), through which the harness imports the roots. */
    static void connect(Context context, String url) {
        context.eval("js", "var CONNECTION = Polyglot.eval('yonder', '" + url + "');");
    }

    static LinkedHashMap<String, String> remote(String url, String suite, String... scripts) {
        try (Context context = Differential.client(url, "js")) {
            connect(context, url);
            return Differential.parse(run(context, suite, scripts));
        }
    }

    @Test
    void jsProbes() {
        long t0 = System.nanoTime();
        LinkedHashMap<String, String> l1 = local("js", "probes.js");
        long t1 = System.nanoTime();
        LinkedHashMap<String, String> l2 = local("js", "probes.js");
        Differential.assertStable("JS", l1, l2);
        long t2 = System.nanoTime();
        LinkedHashMap<String, String> r = remote(SERVER.url(), "js", "probes.js");
        long t3 = System.nanoTime();
        System.out.printf("[differential] JS: local %d ms, again %d ms, remote %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        Differential.verify("JS", "js/", l1, r);
    }
}
