package org.yonder.tests.differential;

import java.util.LinkedHashMap;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Python client (GraalPy) runs resources/differential/probes.py on the fixtures of fixtures.py, once in-process (L)
 * and once served by {@code yonder serve fixtures.py} (R), and the two outputs are compared line by line.
 */
class DifferentialPythonTest {
    @RegisterExtension
    static final Differential.FixtureServer SERVER = new Differential.FixtureServer("fixtures.py");

    static String run(Context context) {
        context.eval(Source.newBuilder("python", Differential.resource("probes.py"), "probes.py").buildLiteral());
        Value py = context.getBindings("python");
        Differential.runAll(py.getMember("run_from"), py.getMember("current"), py.getMember("internal"));
        if (Boolean.getBoolean("differential.timing")) {
            System.out.println("[differential] slow probes: " + py.getMember("slow").execute().asString());
        }
        return py.getMember("output").execute().asString();
    }

    static LinkedHashMap<String, String> local() {
        try (Context context = Differential.local()) {
            context.eval(Source.newBuilder("python", Differential.resource("fixtures.py"), "fixtures.py").buildLiteral());
            return Differential.parse(run(context));
        }
    }

    static LinkedHashMap<String, String> remote(String url) {
        try (Context context = Differential.client(url, "python")) {
            context.getBindings("python").putMember("CONNECTION", context.eval("yonder", url));
            return Differential.parse(run(context));
        }
    }

    @Test
    void pythonProbes() {
        long t0 = System.nanoTime();
        LinkedHashMap<String, String> l1 = local();
        long t1 = System.nanoTime();
        LinkedHashMap<String, String> l2 = local();
        Differential.assertStable("Python", l1, l2);
        long t2 = System.nanoTime();
        LinkedHashMap<String, String> r = remote(SERVER.url());
        long t3 = System.nanoTime();
        System.out.printf("[differential] Python: local %d ms, again %d ms, remote %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        Differential.verify("Python", "py/", l1, r);
    }
}
