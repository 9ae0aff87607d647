package org.yonder.objspace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.oracle.truffle.api.CompilerDirectives;

/**
 * Which code paths the client side's interop exports take, counted JVM-wide so tests can show that a warmed loop
 * runs compiled on the local (downloaded, cached) paths: these counters stay flat while it does.
 * <ul>
 * <li>{@code interpretedLocalReads}: an element read from downloaded data that ran in the interpreter. Counted only
 * there ({@link CompilerDirectives#inInterpreter()} folds away in compiled code), so a compiled loop adds nothing.</li>
 * <li>{@code remoteElementPaths}: an array size or element read that had to ask the owner (the remote path).</li>
 * <li>{@code genericShapeLookups}: a type check at a megamorphic site (the generic fallback of the shape cache).</li>
 * <li>{@code callerStackWalks}: the receiving language of a value found by walking the stack (several µs), because
 * neither the call's node nor an encapsulating node told it.</li>
 * </ul>
 */
public final class PathCounters {
    private static final AtomicLong INTERPRETED_LOCAL_READS = new AtomicLong();
    private static final AtomicLong REMOTE_ELEMENT_PATHS = new AtomicLong();
    private static final AtomicLong GENERIC_SHAPE_LOOKUPS = new AtomicLong();
    private static final AtomicLong CALLER_STACK_WALKS = new AtomicLong();

    private PathCounters() {
    }

    /** Call on a local read path; counts only when it runs in the interpreter. */
    public static void localRead() {
        if (CompilerDirectives.inInterpreter()) {
            INTERPRETED_LOCAL_READS.incrementAndGet();
        }
    }

    public static void remoteElementPath() {
        REMOTE_ELEMENT_PATHS.incrementAndGet();
    }

    public static void genericShapeLookup() {
        GENERIC_SHAPE_LOOKUPS.incrementAndGet();
    }

    public static void callerStackWalk() {
        CALLER_STACK_WALKS.incrementAndGet();
    }

    public static Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("interpretedLocalReads", INTERPRETED_LOCAL_READS.get());
        m.put("remoteElementPaths", REMOTE_ELEMENT_PATHS.get());
        m.put("genericShapeLookups", GENERIC_SHAPE_LOOKUPS.get());
        m.put("callerStackWalks", CALLER_STACK_WALKS.get());
        return m;
    }
}
