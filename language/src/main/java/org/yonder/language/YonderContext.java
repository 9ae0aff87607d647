package org.yonder.language;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.language.present.Presenter;
import org.yonder.objspace.YonderError;
import org.yonder.objspace.local.Origins;
import org.yonder.objspace.remote.RemoteProxies;
import org.yonder.objspace.session.Inbox;
import org.yonder.objspace.session.LocalSpace;
import org.yonder.objspace.session.Session;
import org.yonder.objspace.transport.InMemoryTransport;
import org.yonder.objspace.transport.TcpListener;
import org.yonder.objspace.transport.TcpTransport;
import org.yonder.objspace.transport.Transport;
import org.yonder.objspace.wire.Limits;

/**
 * The yonder state of one polyglot context: its inbox (requests for this context run on its threads), the peers it
 * connected to, the sessions its listener accepted, and the named roots it publishes (the polyglot bindings, where
 * {@code Polyglot.export} puts them).
 */
final class YonderContext {
    /** In-memory listeners of this JVM, by name, for tests that run both peers in one process. */
    private static final Map<String, YonderContext> MEMORY_LISTENERS = new ConcurrentHashMap<>();

    private final Env env;
    private final Inbox inbox = new Inbox();
    private final Limits limits;
    private final LocalSpace space;
    private final boolean presentValues;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private TcpListener listener;
    private Address listenAddress;
    private volatile boolean closed;

    private final YonderLanguage language;

    YonderContext(YonderLanguage language, Env env) {
        this.language = language;
        this.env = env;
        this.presentValues = env.getOptions().get(YonderLanguage.Present);
        this.space = new ContextSpace();
        this.limits = new Limits(env.getOptions().get(YonderLanguage.MaxFrameBytes), env.getOptions().get(YonderLanguage.MaxDepth),
                        env.getOptions().get(YonderLanguage.MaxExports), env.getOptions().get(YonderLanguage.MaxInFlight),
                        env.getOptions().get(YonderLanguage.Heartbeat), env.getOptions().get(YonderLanguage.ExposeAll),
                        env.getOptions().get(YonderLanguage.MaxShapes), env.getOptions().get(YonderLanguage.MaxShapeBytes),
                        env.getOptions().get(YonderLanguage.WriteTimeout), env.getOptions().get(YonderLanguage.MaxSessions),
                        env.getOptions().get(YonderLanguage.MaxCallDepth));
    }

    @TruffleBoundary
    void start() {
        String listen = env.getOptions().get(YonderLanguage.Listen);
        if (!listen.isEmpty()) {
            listen(Address.parseListen(listen));
        }
        String connect = env.getOptions().get(YonderLanguage.Connect);
        if (!connect.isEmpty()) {
            Peer peer = connect(Address.parse(connect), null);
            Object bindings = env.getPolyglotBindings();
            for (String name : peer.rootNames()) {
                try {
                    InteropLibrary.getUncached().writeMember(bindings, name, peer.root(name, null));
                } catch (InteropException e) {
                    throw YonderError.create("cannot bind root '" + name + "' of " + peer.address().url() + ": " + e.getMessage());
                }
            }
        }
    }

    // region Connecting and listening

    @TruffleBoundary
    Peer connect(Address address, Node location) {
        String key = address.url();
        Peer existing = peers.get(key);
        if (existing != null && !existing.session().isClosed()) {
            return existing;
        }
        Transport transport = open(address);
        Session session = newSession(transport, key);
        Peer peer = new Peer(address, session, session.hello(location));
        Peer raced = peers.put(key, peer);
        if (raced != null && raced != existing) {
            raced.session().close("replaced by a newer connection");
        }
        return peer;
    }

    private Transport open(Address address) {
        if (address.inMemory()) {
            YonderContext server = MEMORY_LISTENERS.get(address.host());
            if (server == null || server.closed) {
                throw YonderError.create("nothing listens on " + address.url());
            }
            InMemoryTransport[] ends = InMemoryTransport.pair();
            server.accept(ends[1]);
            return ends[0];
        }
        try {
            return TcpTransport.connect(address.host(), address.port(), limits.maxFrameBytes(), env.getOptions().get(YonderLanguage.ConnectTimeout));
        } catch (IOException e) {
            throw YonderError.create("cannot connect to " + address.url() + ": " + e.getMessage());
        }
    }

    private void listen(Address address) {
        if (address.inMemory()) {
            if (MEMORY_LISTENERS.putIfAbsent(address.host(), this) != null) {
                throw YonderError.create("something already listens on " + address.url());
            }
            listenAddress = address;
            return;
        }
        try {
            listener = new TcpListener(address.host(), address.port(), limits.maxFrameBytes(), this::accept);
            listenAddress = new Address(false, listener.host(), listener.port(), null);
        } catch (IOException e) {
            throw YonderError.create("cannot listen on " + address.host() + ":" + address.port() + ": " + e.getMessage());
        }
    }

    private void accept(Transport transport) {
        if (closed) {
            transport.close();
            return;
        }
        if (sessions.size() >= limits.maxSessions()) {
            Session.refuse(transport, "this server already has " + sessions.size() + " sessions, its limit (yonder.MaxSessions); try again later");
            return;
        }
        newSession(transport, transport.peerName());
    }

    private Session newSession(Transport transport, String peerName) {
        Session session = new Session(transport, inbox, space, limits, peerName, RemoteProxies.INSTANCE, sessions::remove);
        sessions.add(session);
        return session.start();
    }

    // endregion

    /** Serves incoming requests on the calling thread until the context closes. */
    @TruffleBoundary
    void serve(Node location) {
        inbox.serveUntil(() -> closed, location);
    }

    /** Serves what is queued for this context now (requests, future callbacks), without waiting. */
    @TruffleBoundary
    void poll() {
        inbox.drain();
    }

    @TruffleBoundary
    Object listenerApi() {
        Address a = listenAddress;
        if (a == null) {
            return GuestApi.NULL;
        }
        return GuestApi.Record.of("listener", "url", a.url(), "host", a.host(), "port", a.port());
    }

    @TruffleBoundary
    Object statsApi() {
        long exports = 0;
        long imports = 0;
        Map<String, Long> totals = new java.util.LinkedHashMap<>();
        List<Session> all = new ArrayList<>(sessions);
        for (Session s : all) {
            exports += s.exports().size();
            imports += s.imports().size();
            s.stats().snapshot().forEach((k, v) -> totals.merge(k, v, Long::sum));
        }
        List<Object> kv = new ArrayList<>(List.of("sessions", (long) all.size(), "exports", exports, "imports", imports));
        totals.putAll(org.yonder.objspace.PathCounters.snapshot());
        totals.forEach((k, v) -> {
            kv.add(k);
            kv.add(v);
        });
        return GuestApi.Record.of("stats", kv.toArray());
    }

    void close() {
        closed = true;
        if (listener != null) {
            listener.close();
        }
        if (listenAddress != null && listenAddress.inMemory()) {
            MEMORY_LISTENERS.remove(listenAddress.host(), this);
        }
        for (Session s : new ArrayList<>(sessions)) {
            s.close("the context was closed");
        }
        inbox.wake();
    }

    /** The remote object a value presents (see LocalSpace.original), or the value. */
    Object original(Object value) {
        return space.original(value);
    }

    /** This context as its sessions see it: roots are its polyglot bindings, read at request time. */
    private final class ContextSpace implements LocalSpace {
        private final Origins origins = new Origins();
        private final Presenter presenter = new Presenter(env, presentValues, language);

        @Override
        public Object present(Object value, Node location, Object target) {
            return presenter.present(value, location, target);
        }

        @Override
        public Object presentStored(Object value, Object target) {
            return presenter.presentStored(value, target);
        }

        @Override
        public Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> languageOf(org.yonder.objspace.marshal.Shape shape) {
            return presenter.languageOf(shape);
        }

        @Override
        public Object original(Object value) {
            return presenter.original(value);
        }

        @Override
        public boolean listsArrayIndices(Node location) {
            return presenter.listsArrayIndices(location);
        }

        @Override
        public Object callWithKeywords(Object target, String member, Object[] positional, org.yonder.objspace.marshal.Keywords keywords)
                        throws com.oracle.truffle.api.interop.InteropException {
            return presenter.callWithKeywords(target, member, positional, keywords);
        }

        @Override
        public int languageTraits(Object value) {
            return presenter.languageTraits(value);
        }

        private final org.yonder.language.expose.ExposureRule exposure = new org.yonder.language.expose.ExposureRule(env);

        @Override
        public String refusal(Object value) {
            return exposure.refusal(value);
        }

        @Override
        public void settleJobs(Object target) {
            presenter.settleJobs(target);
        }

        @Override
        public java.util.List<String> methodNames(Object value) {
            return presenter.methodNames(value);
        }

        @Override
        public Object guestOperation(Object target, String name, Object[] args) throws com.oracle.truffle.api.interop.InteropException {
            return presenter.guestOperation(target, name, args);
        }

        @Override
        public RuntimeException presentThrown(RuntimeException thrown, Node location) {
            return presenter.presentThrown(thrown, location);
        }

        @Override
        public boolean isHostObject(Object value) {
            return env.isHostObject(value);
        }

        @Override
        public Origins origins() {
            return origins;
        }

        @Override
        public Object lookup(String name) {
            try {
                Object bindings = env.getPolyglotBindings();
                InteropLibrary interop = InteropLibrary.getUncached(bindings);
                return interop.isMemberReadable(bindings, name) ? interop.readMember(bindings, name) : null;
            } catch (InteropException | SecurityException e) {
                return null;
            }
        }

        @Override
        public String[] names() {
            try {
                Object bindings = env.getPolyglotBindings();
                Object keys = InteropLibrary.getUncached().getMembers(bindings);
                InteropLibrary interop = InteropLibrary.getUncached(keys);
                String[] names = new String[(int) interop.getArraySize(keys)];
                for (int i = 0; i < names.length; i++) {
                    names[i] = InteropLibrary.getUncached().asString(interop.readArrayElement(keys, i));
                }
                return names;
            } catch (InteropException | SecurityException e) {
                return new String[0];
            }
        }
    }
}
