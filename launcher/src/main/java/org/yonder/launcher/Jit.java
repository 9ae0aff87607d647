package org.yonder.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.management.JMException;
import javax.management.ObjectName;

import org.graalvm.polyglot.Context;

/**
 * When this JVM compiles ({@code yonder serve|run --jit MODE}).
 *
 * <p>{@link #BACKGROUND}, the default, is the JVM's: compiler threads compile hot code while the program goes on in the
 * interpreter. On a small machine those threads take the CPU from the calls for milliseconds at a time, long after the
 * warm-up (with jargraal, the Graal compiler is itself Java code that HotSpot compiles as it runs): that is W1's tail
 * (docs/performance-tail.md).
 *
 * <p>{@link #SETTLE}: the thread that needs compiled code waits for it. Truffle compiles guest code in the thread that
 * made it hot ({@code engine.BackgroundCompilation=false}), and HotSpot's C2 compilations block the thread that asked
 * for them (a compiler directive, {@code c2: { BackgroundCompilation: false }}, added at run time through the JVM's
 * diagnostic command MBean, so no VM flag and no line on the console); C1's quick ones stay in the background. So the
 * compilation that a path needs happens while that path first runs (in {@code serve}'s warm-up, in a client's first
 * calls), and once it has run, no compiler thread competes with it. The price: those first runs pause while the code
 * compiles (a server is ready later, a short script may take longer).
 */
public enum Jit {
    BACKGROUND,
    SETTLE;

    /** The directive of {@link #SETTLE}: every C2 compilation blocks the thread that asked for it. */
    static final String SETTLE_DIRECTIVE = "[ { match: \"*.*\", c2: { BackgroundCompilation: false } } ]\n";

    private static boolean directiveAdded;

    /** {@code background} or {@code settle}; a usage error otherwise. */
    public static Jit parse(String text) {
        for (Jit mode : values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(text)) {
                return mode;
            }
        }
        throw new CommandLine.UsageException("--jit takes background or settle, not '" + text + "'");
    }

    /**
     * A context builder that compiles as this mode says; for {@link #SETTLE} the directive is added to this JVM first
     * (once). The builder must make an engine of its own: an engine's options cannot be set on a shared one.
     */
    public Context.Builder configure(Context.Builder builder) {
        if (this == SETTLE) {
            addSettleDirective();
            builder.allowExperimentalOptions(true).option("engine.BackgroundCompilation", "false");
        }
        return builder;
    }

    /** Adds {@link #SETTLE_DIRECTIVE} to this JVM's compiler directives, once; an IllegalStateException saying why not. */
    public static synchronized void addSettleDirective() {
        if (directiveAdded) {
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("yonder-jit-settle", ".json");
            Files.writeString(file, SETTLE_DIRECTIVE);
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "compilerDirectivesAdd", new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            if (!String.valueOf(answer).contains("1 compiler directives added")) {
                throw new IllegalStateException("--jit settle: this JVM refused the compiler directive: " + String.valueOf(answer).trim());
            }
            directiveAdded = true;
        } catch (IOException | JMException e) {
            throw new IllegalStateException("--jit settle: could not add the compiler directive: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A temporary file; the next start does not read it.
                }
            }
        }
    }
}
