package org.yonder.objspace.local;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The objects of one context that peers may read but not change: those its code marked with
 * {@code Polyglot.eval('yonder', 'readOnly')(obj)}, and what peers read out of them (members, elements, hash values,
 * iterators), so that a read-only configuration's nested arrays are read-only too. What the objects' methods return
 * is the methods' business and is not marked. Held weakly; by the values' own equality, which for guest objects is
 * identity. The owner's code is not affected.
 */
public final class ReadOnly {
    private final Set<Object> marked = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Whether any object was ever marked: until then the check costs one read. */
    private volatile boolean any;

    public void mark(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return;
        }
        any = true;
        marked.add(value);
    }

    public boolean contains(Object value) {
        return any && value != null && marked.contains(value);
    }
}
