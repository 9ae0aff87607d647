package org.yonder.objspace.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import org.yonder.objspace.marshal.Absent;
import org.yonder.objspace.marshal.ImmutableArray;

/**
 * A cacheable object with members, as its owner holds it: its code reads and writes it natively, and each write is
 * the write barrier ({@link Cacheables}). Function members are kept as they are: replicas call them remotely.
 */
@ExportLibrary(InteropLibrary.class)
public final class Cacheable extends Cacheables.Entry implements TruffleObject {
    private final LinkedHashMap<String, Object> members;
    /** Members written or removed since the last update (guarded by the registry). */
    private final LinkedHashSet<String> changes = new LinkedHashSet<>();
    private final Predicate<Object> isHostObject;

    Cacheable(Cacheables registry, LinkedHashMap<String, Object> members, Predicate<Object> isHostObject) {
        super(registry);
        this.members = members;
        this.isHostObject = isHostObject;
    }

    @Override
    public boolean isArray() {
        return false;
    }

    @Override
    Object[] items(boolean all) {
        List<Object> out = new ArrayList<>();
        if (all) {
            for (Map.Entry<String, Object> e : members.entrySet()) {
                out.add(e.getKey());
                out.add(e.getValue());
            }
        } else {
            for (String name : changes) {
                out.add(name);
                Object v = members.get(name);
                out.add(v == null && !members.containsKey(name) ? Absent.INSTANCE : v);
            }
        }
        return out.toArray();
    }

    @Override
    void clearChanges() {
        changes.clear();
    }

    @TruffleBoundary
    private Object get(String name) {
        synchronized (registry) {
            return members.get(name);
        }
    }

    @TruffleBoundary
    private boolean has(String name) {
        synchronized (registry) {
            return members.containsKey(name);
        }
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        synchronized (registry) {
            return ImmutableArray.ofStrings(members.keySet().toArray(String[]::new));
        }
    }

    @Override
    public boolean inState(String name) {
        return has(name);
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return has(member) || classMember(member) != null;
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        Object v = get(member);
        if (v == null && !has(member)) {
            Object m = classMember(member);
            if (m == null) {
                throw UnknownIdentifierException.create(member);
            }
            return InteropLibrary.getUncached().isExecutable(m) ? new LeafMethod(this, member) : m;
        }
        return v;
    }

    /**
     * A multiplexed object on a hub that registered a leaf class for its tag: a member of that class, which peers reach
     * through their leaf's reference after their own class and the state (docs/multiplex.md); else null.
     */
    @TruffleBoundary
    private Object classMember(String member) {
        Object cls = hubClass;
        if (cls == null || member.startsWith("__")) {
            return null;
        }
        try {
            InteropLibrary interop = InteropLibrary.getUncached(cls);
            return interop.isMemberReadable(cls, member) ? interop.readMember(cls, member) : null;
        } catch (com.oracle.truffle.api.interop.InteropException e) {
            return null;
        }
    }

    /** A method of the hub's leaf class read through a reference: called, it runs on the hub's leaf (its this). */
    @ExportLibrary(InteropLibrary.class)
    static final class LeafMethod implements TruffleObject {
        final Cacheable self;
        final String name;

        LeafMethod(Cacheable self, String name) {
            this.self = self;
            this.name = name;
        }

        @ExportMessage
        boolean isExecutable() {
            return true;
        }

        @ExportMessage
        @TruffleBoundary
        Object execute(Object[] arguments) throws UnsupportedMessageException, ArityException, UnsupportedTypeException {
            try {
                return self.callHubMethod(name, arguments);
            } catch (UnknownIdentifierException e) {
                throw UnsupportedMessageException.create();
            } catch (ArityException | UnsupportedTypeException | UnsupportedMessageException e) {
                throw e;
            } catch (com.oracle.truffle.api.interop.InteropException e) {
                throw UnsupportedMessageException.create(e);
            }
        }

        @ExportMessage
        @TruffleBoundary
        Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
            return "function " + name + "() { [leaf method] }";
        }
    }

    @ExportMessage
    boolean isMemberModifiable(String member) {
        return has(member);
    }

    @ExportMessage
    boolean isMemberInsertable(String member) {
        return !has(member) && classMember(member) == null;
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) {
        Object adopted = registry.adopt(value, isHostObject);
        synchronized (registry) {
            members.put(member, adopted);
            changes.add(member);
            if (key != null) {
                registry.assignKeys(adopted, key + "/" + member);
            }
        }
        changed();
    }

    @ExportMessage
    boolean isMemberRemovable(String member) {
        return has(member);
    }

    @ExportMessage
    @TruffleBoundary
    void removeMember(String member) throws UnknownIdentifierException {
        synchronized (registry) {
            if (!members.containsKey(member)) {
                throw UnknownIdentifierException.create(member);
            }
            members.remove(member);
            changes.add(member);
        }
        changed();
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInvocable(String member) {
        Object v = has(member) ? get(member) : classMember(member);
        return v != null && InteropLibrary.getUncached().isExecutable(v);
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] arguments) throws UnknownIdentifierException, UnsupportedMessageException, ArityException, UnsupportedTypeException {
        Object v = get(member);
        if (v == null && !has(member) && classMember(member) instanceof Object m && InteropLibrary.getUncached().isExecutable(m)) {
            try {
                return callHubMethod(member, arguments);   // the hub's leaf class, with its leaf as this
            } catch (UnknownIdentifierException | UnsupportedMessageException | ArityException | UnsupportedTypeException e) {
                throw e;
            } catch (com.oracle.truffle.api.interop.InteropException e) {
                throw UnsupportedMessageException.create(e);
            }
        }
        if (v == null || !InteropLibrary.getUncached().isExecutable(v)) {
            throw UnknownIdentifierException.create(member);
        }
        return InteropLibrary.getUncached().execute(v, arguments);
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        StringBuilder sb = new StringBuilder(tag == null ? "cacheable {" : "multiplexed " + tag + " {");
        synchronized (registry) {
            members.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? " " : ", ").append(k).append(": ").append(
                            v instanceof String s ? '\'' + s + '\'' : InteropLibrary.getUncached().toDisplayString(v)));
        }
        return sb.append(members.isEmpty() ? "}" : " }").toString();
    }
}
