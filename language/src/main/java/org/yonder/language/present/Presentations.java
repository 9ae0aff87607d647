package org.yonder.language.present;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import org.yonder.objspace.marshal.Proxy;

/**
 * The guest objects a context made to stand for remote objects (a JS Proxy for a record, a Python callable for a
 * remote function): one per remote object while it is reachable, so identity holds, and back from each to its remote
 * object, so that it goes to its owner as the owner's own object. Weak both ways: a stale entry (a presentation
 * collected, not yet expunged) must not keep the remote object, whose release the owner waits for; a presentation
 * holds its remote object itself.
 */
final class Presentations {
    private final Map<Object, WeakReference<Object>> byRemote = new WeakHashMap<>();
    private final Map<Object, WeakReference<Object>> originals = new WeakHashMap<>();
    private volatile boolean any;

    /** The presentation of {@code remote}, made by {@code make} (outside the lock: it runs guest code) once. */
    @TruffleBoundary
    Object of(Proxy remote, Function<Proxy, Object> make) {
        synchronized (this) {
            WeakReference<Object> known = byRemote.get(remote);
            Object presented = known == null ? null : known.get();
            if (presented != null) {
                return presented;
            }
        }
        Object presented = make.apply(remote);
        synchronized (this) {
            WeakReference<Object> raced = byRemote.get(remote);
            Object other = raced == null ? null : raced.get();
            if (other != null) {
                return other;
            }
            byRemote.put(remote, new WeakReference<>(presented));
            originals.put(presented, new WeakReference<>(remote));
            any = true;
        }
        return presented;
    }

    /** {@code presented} stands for {@code original} (a leaf for its replica, or for the hub's object): sent as that. */
    synchronized void remember(Object presented, Object original) {
        originals.put(presented, new WeakReference<>(original));
        any = true;
    }

    /**
     * {@code presented} (a JS symbol, which cannot hold anything) keeps {@code remote} alive while it is reachable
     * itself, so that it still goes to its owner as that remote object after the receiver dropped every other
     * reference to it. The remote object does not refer to the symbol, so the entry ends with the symbol.
     */
    synchronized void hold(Object presented, Object remote) {
        held.put(presented, remote);
    }

    private final Map<Object, Object> held = new WeakHashMap<>();

    /** {@code presented} stands for no remote object when sent (it is the receiver's own, such as a standard class). */
    synchronized void forget(Object presented) {
        originals.remove(presented);
    }

    /** The remote object {@code value} presents, or {@code value}. */
    Object original(Object value) {
        if (!any) {
            return value;
        }
        synchronized (this) {
            WeakReference<Object> remote = originals.get(value);
            Object original = remote == null ? null : remote.get();
            return original != null ? original : value;
        }
    }
}
