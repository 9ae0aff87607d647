package org.yonder.bench.jmh;

import java.lang.management.ManagementFactory;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs the JMH benchmarks in a fork with this JVM's flags (the Graal JIT ones among them). */
public final class JmhMain {
    private JmhMain() {
    }

    /**
     * {@code JmhMain [results.csv]}: runs the benchmarks of this package and appends one row per benchmark to the
     * CSV. {@code -Dyonder.jmh.include=REGEX} runs only the matching ones.
     */
    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder().include(System.getProperty("yonder.jmh.include", "org.yonder.bench.jmh.*")).forks(1)
                        .jvmArgsAppend(ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(String[]::new)).build();
        java.util.Collection<org.openjdk.jmh.results.RunResult> results = new Runner(options).run();
        if (args.length > 0) {
            StringBuilder rows = new StringBuilder();
            for (org.openjdk.jmh.results.RunResult r : results) {
                String name = r.getParams().getBenchmark();
                name = name.substring(name.lastIndexOf('.') + 1);
                // ElementReads report ns per element read, MemberCalls µs per call.
                boolean micros = r.getPrimaryResult().getScoreUnit().startsWith("us");
                String metric = micros ? "us_per_call" : "ns_per_element";
                String unit = micros ? "us" : "ns";
                rows.append(String.format(java.util.Locale.ROOT, "yonder-jmh,%s,%s,%.3f,%s%n", name, metric, r.getPrimaryResult().getScore(), unit));
                rows.append(String.format(java.util.Locale.ROOT, "yonder-jmh,%s,error,%.3f,%s%n", name, r.getPrimaryResult().getScoreError(), unit));
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), rows, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }
}
