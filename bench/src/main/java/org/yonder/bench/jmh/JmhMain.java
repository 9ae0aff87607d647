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
        Options options = new OptionsBuilder().include(System.getProperty("yonder.jmh.include", "org.yonder.bench.jmh.*")).forks(1).warmupIterations(5).warmupTime(
                        org.openjdk.jmh.runner.options.TimeValue.seconds(1)).measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                        .jvmArgsAppend(ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(String[]::new)).build();
        java.util.Collection<org.openjdk.jmh.results.RunResult> results = new Runner(options).run();
        if (args.length > 0) {
            StringBuilder rows = new StringBuilder();
            for (org.openjdk.jmh.results.RunResult r : results) {
                String name = r.getParams().getBenchmark();
                name = name.substring(name.lastIndexOf('.') + 1);
                rows.append(String.format(java.util.Locale.ROOT, "yonder-jmh,%s,ns_per_element,%.3f,ns%n", name, r.getPrimaryResult().getScore()));
                rows.append(String.format(java.util.Locale.ROOT, "yonder-jmh,%s,error,%.3f,ns%n", name, r.getPrimaryResult().getScoreError()));
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), rows, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }
}
