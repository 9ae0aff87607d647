package org.yonder.objspace.local;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.yonder.objspace.marshal.Origin;

/**
 * The serials of one context's exported objects, shared by all its sessions, held weakly: an object keeps its serial
 * for as long as it lives, whichever session it is exported on. Goes by Java identity. Serials are random 64-bit
 * numbers, not a count: a reference that claims to come home is unwrapped only if it names a serial, and a peer knows
 * a serial only if it was handed the object, so it cannot reach objects exported to others by guessing.
 */
public final class Origins {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long space = RANDOM.nextLong();
    private final HashMap<Integer, List<Entry>> byHash = new HashMap<>();
    private final HashMap<Long, Entry> bySerial = new HashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    /** This context's space id. */
    public long space() {
        return space;
    }

    public synchronized Origin originOf(Object value) {
        purge();
        int hash = System.identityHashCode(value);
        List<Entry> bucket = byHash.computeIfAbsent(hash, h -> new ArrayList<>(1));
        for (Entry e : bucket) {
            if (e.get() == value) {
                return new Origin(space, e.serial);
            }
        }
        long serial;
        do {
            serial = RANDOM.nextLong();
        } while (bySerial.containsKey(serial));
        Entry entry = new Entry(value, serial, hash, cleared);
        bucket.add(entry);
        bySerial.put(entry.serial, entry);
        return new Origin(space, entry.serial);
    }

    /** The live local object with this serial, or null. */
    public synchronized Object lookup(long serial) {
        purge();
        Entry e = bySerial.get(serial);
        return e == null ? null : e.get();
    }

    private void purge() {
        for (Object ref; (ref = cleared.poll()) != null;) {
            Entry e = (Entry) ref;
            bySerial.remove(e.serial);
            List<Entry> bucket = byHash.get(e.hash);
            if (bucket != null) {
                bucket.remove(e);
                if (bucket.isEmpty()) {
                    byHash.remove(e.hash);
                }
            }
        }
    }

    private static final class Entry extends WeakReference<Object> {
        final long serial;
        final int hash;

        Entry(Object value, long serial, int hash, ReferenceQueue<Object> queue) {
            super(value, queue);
            this.serial = serial;
            this.hash = hash;
        }
    }
}
