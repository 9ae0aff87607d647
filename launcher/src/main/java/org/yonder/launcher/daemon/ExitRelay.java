package org.yonder.launcher.daemon;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script that calls {@code java.lang.System.exit(N)} through host access ends the daemon's JVM, as it ends a fresh
 * one; its client must still exit with N. The JDK (21 and later) logs every {@code Runtime.exit} with its status on
 * the System.Logger {@code java.lang.Runtime} at DEBUG, on the exiting thread before the shutdown hooks run; this
 * handler (JUL's FINE, which DEBUG maps to) hands the status to the daemon, which stops taking runs and tells the
 * client before the JVM goes.
 */
final class ExitRelay extends Handler {
    private static final Pattern STATUS = Pattern.compile("Runtime\\.exit\\((-?\\d+)\\)");
    /** Held here: JUL keeps loggers only weakly, and a collected logger would lose its level and handler. */
    private static Logger runtimeLogger;

    interface Listener {
        void exiting(int status);
    }

    private final Listener listener;

    private ExitRelay(Listener listener) {
        this.listener = listener;
    }

    static void install(Listener listener) {
        runtimeLogger = Logger.getLogger("java.lang.Runtime");
        runtimeLogger.setLevel(Level.FINE);
        runtimeLogger.setUseParentHandlers(false);
        runtimeLogger.addHandler(new ExitRelay(listener));
    }

    @Override
    public void publish(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown == null || thrown.getMessage() == null) {
            return;
        }
        Matcher m = STATUS.matcher(thrown.getMessage());
        if (m.matches()) {
            listener.exiting(Integer.parseInt(m.group(1)));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
