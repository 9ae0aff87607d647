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
import org.yonder.objspace.auth.AccessList;
import org.yonder.objspace.auth.Handshake;
import org.yonder.objspace.auth.Secrets;
import org.yonder.objspace.auth.Tls;
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
    private final ContextSpace space;
    private final boolean presentValues;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private TcpListener listener;
    private Address listenAddress;
    private volatile boolean closed;
    /** Who may connect to the listener (null: anyone who reaches it), and its TLS context (null: plain TCP). */
    private AccessList access;
    private javax.net.ssl.SSLContext listenerTls;
    private Tls.Identity listenerIdentity;
    /** Connections accepted whose TLS or authentication handshake is not done: they count against MaxSessions. */
    private final java.util.concurrent.atomic.AtomicInteger handshaking = new java.util.concurrent.atomic.AtomicInteger();

    private final YonderLanguage language;
    /** Timers for guest code (setTimeout, setInterval), run in this context's event loop. */
    private final org.yonder.language.loop.EventLoop eventLoop;

    YonderContext(YonderLanguage language, Env env) {
        this.language = language;
        this.env = env;
        this.presentValues = env.getOptions().get(YonderLanguage.Present);
        this.backbones = new ContextBackbones(env.getOptions().get(YonderLanguage.Backbone));
        this.space = new ContextSpace();
        this.limits = new Limits(env.getOptions().get(YonderLanguage.MaxFrameBytes), env.getOptions().get(YonderLanguage.MaxDepth),
                        env.getOptions().get(YonderLanguage.MaxExports), env.getOptions().get(YonderLanguage.MaxInFlight),
                        env.getOptions().get(YonderLanguage.Heartbeat), env.getOptions().get(YonderLanguage.ExposeAll),
                        env.getOptions().get(YonderLanguage.MaxShapes), env.getOptions().get(YonderLanguage.MaxShapeBytes),
                        env.getOptions().get(YonderLanguage.WriteTimeout), env.getOptions().get(YonderLanguage.MaxSessions),
                        env.getOptions().get(YonderLanguage.MaxCallDepth), env.getOptions().get(YonderLanguage.MaxTotalExports),
                        env.getOptions().get(YonderLanguage.MaxQueuedBytes), env.getOptions().get(YonderLanguage.MaxTotalQueuedBytes),
                        env.getOptions().get(YonderLanguage.MaxOutgoingBytes));
        this.eventLoop = new org.yonder.language.loop.EventLoop(inbox, () -> space.presenter.runJobs(), this::log);
    }

    @TruffleBoundary
    void start() {
        inbox.useContext(env.getContext(), env.getOptions().get(YonderLanguage.MaxWorkers), env.getOptions().get(YonderLanguage.HostConcurrency));
        String listen = env.getOptions().get(YonderLanguage.Listen);
        if (!listen.isEmpty()) {
            listen(Address.parseListen(listen));
        }
        String connect = env.getOptions().get(YonderLanguage.Connect);
        if (!connect.isEmpty()) {
            String bindFor = env.getOptions().get(YonderLanguage.BindFor);
            if (!bindFor.isEmpty() && !bindFor.equals("js") && !bindFor.equals("python")) {
                throw YonderError.create("yonder.BindFor takes js or python (or nothing), not '" + bindFor + "'");
            }
            Peer peer = connect(Address.parse(connect), null);
            Object bindings = env.getPolyglotBindings();
            for (String name : peer.rootNames()) {
                try {
                    Object root = peer.root(name, null);
                    InteropLibrary.getUncached().writeMember(bindings, name, bindFor.isEmpty() ? root : space.presenter.presentFor(root, bindFor));
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
        int timeout = env.getOptions().get(YonderLanguage.ConnectTimeout);
        java.nio.channels.SocketChannel plain;
        try {
            plain = TcpTransport.connectChannel(address.host(), address.port(), timeout);
        } catch (IOException e) {
            throw YonderError.create("cannot connect to " + address.url() + ": " + e.getMessage());
        }
        Transport transport;
        try {
            if (address.tls()) {
                String keyStore = env.getOptions().get(YonderLanguage.TlsKeyStore);
                Tls.Identity identity = keyStore.isEmpty() ? null : Tls.identity(java.nio.file.Path.of(keyStore), "yonder client", this::log);
                javax.net.ssl.SSLEngine engine = Tls.clientEngine(address.host(), address.port(), address.fingerprint(), identity);
                try {
                    transport = TcpTransport.tls(plain, engine, Math.max(timeout, Handshake.MILLIS), limits.maxFrameBytes(), limits.maxOutgoingBytes());
                } catch (IOException e) {
                    throw YonderError.create("the TLS handshake with " + address.url() + " failed: " + rootMessage(e));
                }
            } else {
                transport = new TcpTransport(plain, limits.maxFrameBytes(), limits.maxOutgoingBytes());
            }
            byte[] secret = secret();
            if (secret != null) {
                Handshake.client(transport, env.getOptions().get(YonderLanguage.Principal), secret);
            }
            return transport;
        } catch (Handshake.Refused e) {
            close(plain);
            throw YonderError.create("cannot authenticate to " + address.url() + ": " + e.getMessage());
        } catch (IOException e) {
            close(plain);
            throw YonderError.create("cannot connect to " + address.url() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            close(plain);
            throw e;
        }
    }

    private static void close(java.nio.channels.SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Gone already.
        }
    }

    /** Why a TLS handshake failed: the trust manager's reason where there is one, else the innermost message. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof java.security.cert.CertificateException) {
                break;
            }
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** The shared secret of yonder.SecretFile or yonder.SecretEnv, or null. */
    private byte[] secret() {
        String file = env.getOptions().get(YonderLanguage.SecretFile);
        String variable = env.getOptions().get(YonderLanguage.SecretEnv);
        if (!file.isEmpty() && !variable.isEmpty()) {
            throw YonderError.create("give the secret once: yonder.SecretFile or yonder.SecretEnv, not both");
        }
        return !file.isEmpty() ? Secrets.fromFile(java.nio.file.Path.of(file)) : !variable.isEmpty() ? Secrets.fromEnvironment(variable) : null;
    }

    private void log(String message) {
        java.io.PrintStream err = new java.io.PrintStream(env.err(), true);
        err.println("yonder: " + message);
    }

    private void listen(Address address) {
        if (address.inMemory()) {
            if (MEMORY_LISTENERS.putIfAbsent(address.host(), this) != null) {
                throw YonderError.create("something already listens on " + address.url());
            }
            listenAddress = address;
            return;
        }
        access = accessList();
        boolean tls = env.getOptions().get(YonderLanguage.Tls);
        protect(address, tls);
        if (tls) {
            String keyStore = env.getOptions().get(YonderLanguage.TlsKeyStore);
            java.nio.file.Path path = keyStore.isEmpty() ? java.nio.file.Path.of(System.getProperty("user.home"), ".yonder", "tls", "server.p12") : java.nio.file.Path.of(keyStore);
            listenerIdentity = Tls.identity(path, "yonder server", this::log);
            listenerTls = Tls.serverContext(listenerIdentity);
        }
        try {
            listener = new TcpListener(address.host(), address.port(), this::acceptSocket);
            listenAddress = new Address(false, tls, listener.host(), listener.port(), null, tls ? listenerIdentity.fingerprint() : null);
        } catch (IOException e) {
            throw YonderError.create("cannot listen on " + address.host() + ":" + address.port() + ": " + e.getMessage());
        }
    }

    /** Who may connect: the access file's principals, or everyone who proves the shared secret; null: anyone. */
    private AccessList accessList() {
        String file = env.getOptions().get(YonderLanguage.Access);
        byte[] secret = secret();
        if (!file.isEmpty() && secret != null) {
            throw YonderError.create("a listener takes an access file (yonder.Access) or a shared secret (yonder.SecretFile, yonder.SecretEnv), not both");
        }
        return !file.isEmpty() ? AccessList.read(java.nio.file.Path.of(file)) : secret != null ? AccessList.sharedSecret(secret) : null;
    }

    /**
     * Protected mode, as Redis has it: a listener that others on the network can reach does not start without
     * authentication, unless the user says yonder.Insecure. Loopback listeners need none (only this machine reaches them).
     */
    private void protect(Address address, boolean tls) {
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(address.host()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw YonderError.create("cannot listen on " + address.host() + ":" + address.port() + ": unknown host");
        }
        if (!loopback && access == null && !env.getOptions().get(YonderLanguage.Insecure)) {
            throw YonderError.create("refusing to listen on " + address.host() + ":" + address.port() + " without authentication: anyone who reaches that address could call"
                            + " every published object. Give a secret (--yonder.SecretFile=FILE or --yonder.SecretEnv=VAR) or an access file (--yonder.Access=FILE)"
                            + (tls ? "" : ", with --yonder.Tls so that the connection is encrypted too")
                            + "; listen on 127.0.0.1; or pass --yonder.Insecure=true to expose it anyway");
        }
    }

    /** Plain TCP without authentication is accepted right here; TLS and authentication run on a thread per connection. */
    private void acceptSocket(java.nio.channels.SocketChannel socket) throws IOException {
        if (listenerTls == null && access == null) {
            accept(new TcpTransport(socket, limits.maxFrameBytes(), limits.maxOutgoingBytes()));
            return;
        }
        if (closed || sessions.size() + handshaking.get() >= limits.maxSessions()) {
            // Too many already: TLS would cost a handshake to say so, and an unauthenticated flood must not cost threads.
            if (listenerTls == null) {
                Session.refuse(new TcpTransport(socket, limits.maxFrameBytes(), limits.maxOutgoingBytes()), tooMany());
            } else {
                socket.close();
            }
            return;
        }
        handshaking.incrementAndGet();
        Thread t = new Thread(() -> {
            try {
                handshake(socket);
            } finally {
                handshaking.decrementAndGet();
            }
        }, "yonder-handshake-" + socket.socket().getInetAddress().getHostAddress() + ":" + socket.socket().getPort());
        t.setDaemon(true);
        t.start();
    }

    /** The TLS handshake, then the principal: by a listed client certificate, else by the HMAC handshake. */
    private void handshake(java.nio.channels.SocketChannel plain) {
        Transport transport = null;
        try {
            String certificate = null;
            if (listenerTls != null) {
                TcpTransport tls = TcpTransport.tls(plain, Tls.serverEngine(listenerTls, access != null && access.hasCertificates()), Handshake.MILLIS,
                                limits.maxFrameBytes(), limits.maxOutgoingBytes());
                certificate = Tls.peerFingerprint(tls.tlsSession());
                transport = tls;
            } else {
                transport = new TcpTransport(plain, limits.maxFrameBytes(), limits.maxOutgoingBytes());
            }
            AccessList.Entry principal = null;
            if (access != null) {
                principal = certificate != null ? access.byFingerprint(certificate) : null;
                if (principal == null && !access.hasSecrets()) {
                    Session.refuse(transport, certificate != null ? "the client certificate " + certificate + " is not on this server's access list"
                                    : "this server admits only listed TLS client certificates, and the client presented none (yonder.TlsKeyStore)");
                    return;
                }
                if (principal == null) {
                    try {
                        principal = Handshake.server(transport, access);
                    } catch (Handshake.Refused e) {
                        Session.refuse(transport, e.getMessage() + (certificate != null ? " (the client certificate " + certificate + " is not on the access list either)" : ""));
                        return;
                    }
                }
            }
            accept(transport, principal);
        } catch (IOException | RuntimeException e) {
            if (transport != null) {
                transport.close();
            } else {
                close(plain);
            }
        }
    }

    private String tooMany() {
        return "this server already has " + sessions.size() + " sessions, its limit (yonder.MaxSessions); try again later";
    }

    private void accept(Transport transport) {
        accept(transport, null);
    }

    private void accept(Transport transport, AccessList.Entry principal) {
        if (closed) {
            transport.close();
            return;
        }
        if (sessions.size() >= limits.maxSessions()) {
            Session.refuse(transport, tooMany());
            return;
        }
        newSession(transport, transport.peerName(), principal, true);
    }

    private Session newSession(Transport transport, String peerName) {
        return newSession(transport, peerName, null, false);
    }

    private Session newSession(Transport transport, String peerName, AccessList.Entry principal, boolean accepted) {
        Session session = new Session(transport, inbox, space, limits, peerName, RemoteProxies.INSTANCE, sessions::remove);
        session.callTimeout(env.getOptions().get(YonderLanguage.CallTimeout));
        if (principal != null) {
            session.authenticated(principal.principal(), principal::sees);
        }
        if (accepted) {
            session.accepted();
        }
        sessions.add(session);
        return session.start();
    }

    // endregion

    /** Serves incoming requests and timers on the calling thread (its event loop) until the context closes. */
    @TruffleBoundary
    void serve(Node location) {
        loop(() -> closed, location);
    }

    /**
     * The event loop of a script that has run ({@code yonder run}): serves requests and timers until nothing is left
     * to wait for: no timer, no call of this side's that waits for its answer, no presented remote promise that has not
     * settled.
     */
    @TruffleBoundary
    void runLoop(Node location) {
        loop(() -> closed || idle(), location);
    }

    private void loop(java.util.function.BooleanSupplier done, Node location) {
        org.yonder.language.loop.EventLoop.enterLoop();
        try {
            space.presenter.runJobs();
            inbox.serveUntil(done, location);
        } finally {
            org.yonder.language.loop.EventLoop.leaveLoop();
        }
    }

    private boolean idle() {
        if (eventLoop.pending() > 0 || space.presenter.unsettledPromises() > 0 || inbox.hasTasks()) {
            return false;
        }
        for (Session s : sessions) {
            if (!s.isClosed() && s.pendingCalls() > 0) {
                return false;
            }
        }
        return true;
    }

    /** What an async call gives its caller (see Presenter.asyncResult). */
    Object asyncResult(Object future) {
        return space.presenter.asyncResult(future);
    }

    /** {@code Polyglot.eval('yonder', 'deadline')}: {@code deadline(ms, fn)} runs fn with its remote calls bounded to ms. */
    static final org.yonder.language.present.GuestFunction DEADLINE = new org.yonder.language.present.GuestFunction("deadline", 2, a -> {
        double ms = number(a[0]);
        if (!(ms >= 0) || !InteropLibrary.getUncached().isExecutable(a[1])) {
            throw YonderError.create("deadline expects a number of milliseconds and a function to run within them");
        }
        return org.yonder.objspace.session.Deadline.within((long) ms, () -> {
            try {
                return InteropLibrary.getUncached().execute(a[1]);
            } catch (com.oracle.truffle.api.interop.InteropException e) {
                throw YonderError.create("deadline could not call its function: " + e.getMessage());
            }
        });
    });

    /** {@code Polyglot.eval('yonder', 'timers')}: what the launcher's JS globals call. */
    @TruffleBoundary
    Object timersApi() {
        return GuestApi.Record.of("timers",
                        "schedule", new org.yonder.language.present.GuestFunction("schedule", 3, a -> {
                            space.presenter.jsInUse();   // a timer's callback may settle promises: their jobs run after it
                            return eventLoop.schedule(a[0], number(a[1]), InteropLibrary.getUncached().isBoolean(a[2]) && asBoolean(a[2]));
                        }),
                        "cancel", new org.yonder.language.present.GuestFunction("cancel", 1, a -> {
                            eventLoop.cancel((long) number(a[0]));
                            return null;
                        }),
                        "pending", new org.yonder.language.present.GuestFunction("pending", 0, a -> eventLoop.pending()));
    }

    private static double number(Object value) {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            return interop.fitsInDouble(value) ? interop.asDouble(value) : Double.NaN;
        } catch (com.oracle.truffle.api.interop.UnsupportedMessageException e) {
            return Double.NaN;
        }
    }

    private static boolean asBoolean(Object value) {
        try {
            return InteropLibrary.getUncached().asBoolean(value);
        } catch (com.oracle.truffle.api.interop.UnsupportedMessageException e) {
            return false;
        }
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
        if (a.tls()) {
            return GuestApi.Record.of("listener", "url", a.url(), "host", a.host(), "port", a.port(), "fingerprint", a.fingerprint());
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
        long pendingCalls = 0;
        for (Session s : all) {
            pendingCalls += s.pendingCalls();
        }
        List<Object> kv = new ArrayList<>(List.of("sessions", (long) all.size(), "exports", exports, "imports", imports, "pendingCalls", pendingCalls));
        totals.putAll(org.yonder.objspace.PathCounters.snapshot());
        org.yonder.objspace.local.Cacheables c = cacheables;
        totals.put("updatesPushed", c == null ? 0 : c.updatesPushed());   // by this context's cacheables, to every session it ever had
        long[] hub = c == null ? new long[5] : c.multiplexStats();
        totals.put("shoutsSequenced", hub[0]);   // as a hub
        totals.put("leaves", hub[1]);            // of this hub's multiplexed objects, now (a peer counts once per object)
        totals.put("multiplexed", hub[2]);       // objects this context is the hub of, alive
        totals.put("shoutsPublished", hub[3]);   // as a hub, on its NATS backbone (docs/multiplex-nats.md)
        totals.put("shoutsPushed", hub[4]);      // as a hub, SHOUT frames to its leaves' sessions, by the embedded fan-out
        totals.forEach((k, v) -> {
            kv.add(k);
            kv.add(v);
        });
        return GuestApi.Record.of("stats", kv.toArray());
    }

    void close() {
        closed = true;
        backbones.close();
        synchronized (this) {
            if (replicaStore != null) {
                replicaStore.close();
            }
        }
        eventLoop.close();
        if (listener != null) {
            listener.close();
        }
        if (listenAddress != null && listenAddress.inMemory()) {
            MEMORY_LISTENERS.remove(listenAddress.host(), this);
        }
        for (Session s : new ArrayList<>(sessions)) {
            s.close("the context was closed");
        }
        inbox.close();
    }

    /** Marks a local object read-only for peers (see local/ReadOnly), and returns it. */
    Object readOnly(Object value) {
        if (!InteropLibrary.getUncached().hasMembers(value) && !InteropLibrary.getUncached().hasArrayElements(value) && !InteropLibrary.getUncached().hasHashEntries(value)
                        && !InteropLibrary.getUncached().hasBufferElements(value)) {
            throw YonderError.create("readOnly expects an object, an array, a hash or a buffer of this context");
        }
        space.readOnly().mark(value);
        return value;
    }

    /** This context's cacheable objects, made with the first {@code cacheable(init)}; their flushes run in its queue. */
    private volatile org.yonder.objspace.local.Cacheables cacheables;

    /**
     * {@code cacheable(init)}: a cacheable object (or array) holding {@code init}'s state, plain data nested in it made
     * cacheable too (see local/Cacheables).
     */
    private synchronized org.yonder.objspace.local.Cacheables cacheables() {
        if (cacheables == null) {
            cacheables = new org.yonder.objspace.local.Cacheables(inbox::post);
        }
        return cacheables;
    }

    /** {@code publishable(key, init)}: a cacheable object that clients keep on disk, found again by its key. */
    Object publishable(String key, Object init) {
        return cacheables().publishable(key, init, env::isHostObject);
    }

    /** The replica store (opened on first use), or null when the option says none. */
    private org.yonder.objspace.store.ReplicaStore replicaStore;
    private boolean replicaStoreOpened;

    synchronized org.yonder.objspace.store.ReplicaStore replicaStore(boolean create) {
        if (!replicaStoreOpened) {
            String where = env.getOptions().get(YonderLanguage.ReplicaStore);
            java.nio.file.Path file = where.isEmpty() ? org.yonder.objspace.store.ReplicaStore.defaultFile() : java.nio.file.Path.of(where);
            if (!create && !where.equals(":memory:") && !java.nio.file.Files.exists(file)) {
                return null;   // nothing stored yet: a client that never holds a publishable never makes the file
            }
            replicaStoreOpened = true;
            replicaStore = switch (where) {
                case "none" -> null;
                case ":memory:" -> org.yonder.objspace.store.ReplicaStore.inMemory();
                case "" -> org.yonder.objspace.store.ReplicaStore.open(org.yonder.objspace.store.ReplicaStore.defaultFile());
                default -> org.yonder.objspace.store.ReplicaStore.open(java.nio.file.Path.of(where));
            };
        }
        return replicaStore;
    }

    /** This side's identity as a server: the option, or a random one kept in the user's cache folder per port. */
    private String identity;

    synchronized String identity() {
        if (identity == null) {
            String given = env.getOptions().get(YonderLanguage.Identity);
            if (!given.isEmpty()) {
                identity = given;
            } else if (listenAddress != null) {
                java.nio.file.Path file = org.yonder.objspace.store.ReplicaStore.defaultFile().resolveSibling("identity-" + listenAddress.port());
                try {
                    if (java.nio.file.Files.isRegularFile(file)) {
                        identity = java.nio.file.Files.readString(file).strip();
                    }
                    if (identity == null || identity.isEmpty()) {
                        byte[] random = new byte[16];
                        new java.security.SecureRandom().nextBytes(random);
                        identity = java.util.HexFormat.of().formatHex(random);
                        java.nio.file.Files.createDirectories(file.getParent());
                        java.nio.file.Files.writeString(file, identity + "\n");
                    }
                } catch (java.io.IOException e) {
                    System.err.println("yonder: cannot keep this server's identity in " + file + " (" + e.getMessage() + "); clients will not keep its publishable objects");
                    identity = "";
                }
            } else {
                identity = "";
            }
        }
        return identity.isEmpty() ? null : identity;
    }

    /** This context's NATS backbones (option yonder.Backbone, docs/multiplex-nats.md). */
    private final ContextBackbones backbones;

    /** {@code multiplex(tag, init)}: a multiplexed object this context is the hub of (its own leaf, if it registered a class). */
    Object multiplex(String tag, Object init) {
        org.yonder.objspace.local.Cacheables.Entry entry;
        backbones.prepareHub(cacheables());
        synchronized (this) {
            entry = cacheables().multiplex(tag, init, env::isHostObject);
        }
        return leaves().hubObject(entry);
    }

    /**
     * {@code leaf(tag, cls)}: registers the class; roots of that tag already in the polyglot bindings (imported by
     * {@code yonder.Connect} before the script ran) become leaves of it too.
     */
    Object registerLeaf(String tag, Object cls) {
        Object registered = leaves().register(tag, cls);
        try {
            Object bindings = env.getPolyglotBindings();
            InteropLibrary interop = InteropLibrary.getUncached();
            Object keys = interop.getMembers(bindings);
            for (long i = 0; i < interop.getArraySize(keys); i++) {
                String name = interop.asString(interop.readArrayElement(keys, i));
                Object v = interop.readMember(bindings, name);
                if (v instanceof org.yonder.objspace.session.ImportedReplica r && tag.equals(r.tag())) {
                    interop.writeMember(bindings, name, leaves().present(v));
                }
            }
        } catch (com.oracle.truffle.api.interop.InteropException e) {
            throw YonderError.create("cannot make the imported roots leaves: " + e.getMessage());
        }
        return registered;
    }

    org.yonder.language.present.Leaves leaves() {
        return space.presenter.leaves();
    }

    synchronized Object cacheable(Object init) {
        Object made = cacheables().adopt(init, env::isHostObject);
        if (!(made instanceof org.yonder.objspace.local.Cacheables.Entry)) {
            throw YonderError.create("cacheable expects a plain object, an array, a list or a dict of this context, not " + InteropLibrary.getUncached().toDisplayString(init));
        }
        return made;
    }

    /** The remote object a value presents (see LocalSpace.original), or the value. */
    Object original(Object value) {
        return space.original(value);
    }

    /** This context as its sessions see it: roots are its polyglot bindings, read at request time. */
    private final class ContextSpace implements LocalSpace {
        private final Origins origins = new Origins();
        private final org.yonder.objspace.session.SharedBudget budget = new org.yonder.objspace.session.SharedBudget();

        private final org.yonder.objspace.local.ReadOnly readOnly = new org.yonder.objspace.local.ReadOnly();

        @Override
        public org.yonder.objspace.local.ReadOnly readOnly() {
            return readOnly;
        }

        @Override
        public org.yonder.objspace.local.Cacheables cacheables() {
            return cacheables;
        }

        @Override
        public void shoutAtHub(Object object, String name, Object[] args) {
            try {
                if (object instanceof org.yonder.objspace.local.Cacheables.Entry entry) {
                    cacheables().shout(entry, name, args);
                    Object view = entry.hubView();
                    if (view != null) {
                        inTurn(() -> presenter.leaves().run(view, presenter.leaves().classOf(entry.tag()), entry.tag(), name, presentedFor(view, args)));
                    }
                } else if (object instanceof org.yonder.objspace.remote.Replica repeated) {
                    repeated.shout(name, args);   // this side repeats the object: the shout goes up to its hub
                }
            } catch (RuntimeException e) {
                if (!(e instanceof com.oracle.truffle.api.exception.AbstractTruffleException)) {
                    throw e;
                }
                System.err.println("yonder: a shout_" + name + " could not go on: " + e.getMessage());
            }
        }

        @Override
        public void shoutAtLeaf(org.yonder.objspace.session.ImportedReplica leaf, String name, Object[] args) {
            synchronized (handlers) {
                if (handlers.size() >= maxWaitingShouts) {
                    // A handler has waited so long that the shouts behind it would grow without bound: this leaf
                    // cannot keep up, and leaves the hub (as a hub cuts off a leaf whose queue is full).
                    leaf.disconnect("this leaf cannot keep up: " + maxWaitingShouts + " shouts wait for a remote_ handler that has not returned (yonder.MaxWaitingShouts)");
                    return;
                }
            }
            inTurn(() -> {
                Object view = presenter.leaves().present(leaf);
                if (view != leaf) {
                    presenter.leaves().run(view, presenter.leaves().classOf(leaf.tag()), leaf.tag(), name, presentedFor(view, args));
                }
            });
        }

        /** The most shout handlers that may wait for one that has not returned. */
        private final int maxWaitingShouts = env.getOptions().get(YonderLanguage.MaxWaitingShouts);

        /** Shout handlers waiting their turn, in the hub's order. */
        private final java.util.ArrayDeque<Runnable> handlers = new java.util.ArrayDeque<>();
        private boolean handling;

        /**
         * Runs shout handlers one at a time, in the order the shouts came: a handler that waits for a remote answer
         * serves the context's queue meanwhile, and a shout taken then waits here until that handler is done, instead
         * of running inside it.
         */
        private void inTurn(Runnable handler) {
            synchronized (handlers) {
                handlers.add(handler);
                if (handling) {
                    return;
                }
                handling = true;
            }
            try {
                while (true) {
                    Runnable next;
                    synchronized (handlers) {
                        next = handlers.poll();
                        if (next == null) {
                            handling = false;
                            return;
                        }
                    }
                    next.run();
                }
            } catch (RuntimeException | Error e) {
                synchronized (handlers) {
                    handling = false;
                }
                throw e;
            }
        }

        /** A shout's arguments as the leaf's language gets them. */
        private Object[] presentedFor(Object view, Object[] args) {
            Object[] out = args.clone();
            for (int i = 0; i < out.length; i++) {
                if (LocalSpace.presentable(out[i])) {
                    out[i] = presenter.present(out[i], null, view);
                }
            }
            return out;
        }

        @Override
        public Object newMultiplexed(String tag, Object[] items) {
            // The context's own cacheables(), made on first use: this space's cacheables() is null in a context that
            // never held a cacheable object, and a peer's NEW_MULTIPLEXED may be the first.
            org.yonder.objspace.local.Cacheables mine = YonderContext.this.cacheables();
            org.yonder.objspace.local.Cacheables.Entry entry;
            backbones.prepareHub(mine);
            synchronized (YonderContext.this) {
                entry = mine.multiplex(tag, items, env::isHostObject);
            }
            presenter.leaves().hubObject(entry);
            return entry;
        }

        @Override
        public org.yonder.objspace.marshal.NewMultiplexed leafInstance(Object value) {
            return presenter.leaves().leafInstance(value);
        }

        @Override
        public org.yonder.objspace.backbone.NatsBackbone backbone(String url, boolean mayUseNamed) {
            return backbones.leafBackbone(url, mayUseNamed);
        }

        @Override
        public org.yonder.objspace.store.ReplicaStore replicaStore(boolean create) {
            return YonderContext.this.replicaStore(create);
        }

        @Override
        public String identity() {
            return YonderContext.this.identity();
        }

        @Override
        public org.yonder.objspace.session.SharedBudget budget() {
            return budget;
        }
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
        public long languageTraits(Object value) {
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
        public void runJobs() {
            presenter.runJobs();
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
