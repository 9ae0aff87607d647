package org.yonder.objspace.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.local.ExportTable;
import org.yonder.objspace.marshal.ExceptionInfo;
import org.yonder.objspace.marshal.Frame;
import org.yonder.objspace.marshal.FrameReader;
import org.yonder.objspace.marshal.FrameWriter;
import org.yonder.objspace.marshal.Marshal;
import org.yonder.objspace.marshal.Missing;
import org.yonder.objspace.marshal.Origin;
import org.yonder.objspace.marshal.Shape;
import org.yonder.objspace.marshal.ImmutableArray;
import org.yonder.objspace.transport.Transport;
import org.yonder.objspace.wire.ErrorKind;
import org.yonder.objspace.wire.Limits;
import org.yonder.objspace.wire.Opcode;
import org.yonder.objspace.wire.ProtocolException;

/**
 * One connection between two object spaces, symmetric: either side calls the other's objects. It owns the export
 * table of what this side handed out and the import table of the proxies it holds. Frames are read by whichever
 * thread holds the reading role: answers wake their callers, releases are applied at once, and requests go to the
 * context's {@link Inbox}. A context thread that waits (for its answer, or in {@code serve}) takes the role itself, so
 * the common round trip has no thread hand-off; the session's reader thread reads only when no context thread has
 * wanted to for {@link #HANDBACK_NANOS} (between calls, or while the guest runs local code).
 */
public final class Session implements FrameReader.Resolver, org.yonder.objspace.local.Cacheables.Subscriber {
    public static final int PROTOCOL_VERSION = 1;

    private final Transport transport;
    private final Inbox inbox;
    private final LocalSpace space;
    private final Limits limits;
    private final String peerName;
    private final ExportTable exports;
    private final ImportTable imports;
    private final ProxyFactory proxies;
    private final FrameReader reader;
    private final FrameWriter writer = new FrameWriter();
    private final java.util.concurrent.locks.ReentrantLock sendLock = new java.util.concurrent.locks.ReentrantLock();
    private final ConcurrentHashMap<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextRequestId = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final SessionStats stats = new SessionStats();
    private final Consumer<Session> onClose;
    private volatile String closedReason;
    private volatile long lastPingNanos = System.nanoTime();
    private volatile long lastReceivedNanos = System.nanoTime();
    /** When this side last sent a frame; written without a fence (a stale read only changes whether a read spins). */
    private long lastSentNanos = System.nanoTime();
    /**
     * A read spins only within this long of the last frame sent or received: an answer or the next request is due
     * then. An idle serving thread whose read timed out blocks at once instead of yielding the CPU for nothing.
     */
    static final long SPIN_AFTER_ACTIVITY_NANOS = 1_000_000L;
    /** Held by the one thread that reads the transport; frames are read and routed in order under it. */
    private final java.util.concurrent.atomic.AtomicBoolean readingRole = new java.util.concurrent.atomic.AtomicBoolean();
    /** When a context thread last wanted to read; the reader thread stays out of the way for a while after. */
    private volatile long lastWantNanos;
    private volatile Thread readerThread;
    /** How long the reader thread waits after a context thread wanted to read before it reads again itself. */
    static final long HANDBACK_NANOS = 5_000_000L;
    /**
     * How long the reader thread blocks in one read before it looks again. A context thread that wants the role wakes
     * the read ({@link #wantsToRead}), so this only bounds a lost race and how often an idle session's reader wakes.
     */
    static final int BACKGROUND_READ_MILLIS = 500;

    /** {@code proxies} makes the proxies for the peer's objects (the remote layer's RemoteProxies). */
    public Session(Transport transport, Inbox inbox, LocalSpace space, Limits limits, String peerName, ProxyFactory proxies, Consumer<Session> onClose) {
        this.transport = transport;
        this.inbox = inbox;
        this.space = space;
        this.limits = limits;
        this.peerName = peerName;
        this.proxies = proxies;
        this.onClose = onClose;
        this.exports = new ExportTable(limits.maxExports(), space::isHostObject, space::original, space.origins(), space::languageTraits, space::methodNames);
        if (!limits.exposeAll()) {
            this.exports.refuseWith(space::refusal);
        }
        this.exports.leafInstancesBy(space::leafInstance);
        this.budget = space.budget();
        this.exports.limitTotal(budget.exports, limits.maxTotalExports());
        this.imports = new ImportTable(this, proxies);
        this.reader = new FrameReader(this, limits.maxDepth(), limits.maxShapes(), limits.maxShapeBytes());
    }

    /** Starts the reader thread, and lets the context's waiting threads read too. */
    public Session start() {
        Thread t = new Thread(this::readLoop, "yonder-reader-" + peerName);
        t.setDaemon(true);
        readerThread = t;
        t.start();
        Heartbeat.register(this);
        inbox.attach(this);
        return this;
    }

    public String peerName() {
        return peerName;
    }

    private final SharedBudget budget;
    /** Bytes of this peer's request frames queued or running. */
    private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();

    /** Which of this side's roots the peer may see and look up (all, unless its principal is limited to some). */
    private volatile java.util.function.Predicate<String> rootVisible = name -> true;
    private volatile String principal;

    /** Before {@link #start()}: the authenticated principal of the peer, and the roots it may see. */
    public Session authenticated(String principal, java.util.function.Predicate<String> rootVisible) {
        this.principal = principal;
        this.rootVisible = rootVisible;
        return this;
    }

    /** The principal the peer authenticated as, or null when the listener does not authenticate. */
    public String principal() {
        return principal;
    }

    /** The root names this side publishes that the peer may see. */
    String[] visibleRoots() {
        return java.util.Arrays.stream(space.names()).filter(rootVisible).toArray(String[]::new);
    }

    /**
     * The root of that name, or null when there is none or the peer may not see it. {@code @key} names the publishable
     * object of that key (its stable URL is {@code yonder://HOST:PORT/@key}).
     */
    Object visibleRoot(String name) {
        if (!rootVisible.test(name)) {
            return null;
        }
        if (name.startsWith("@")) {
            org.yonder.objspace.local.Cacheables c = space.cacheables();
            return c == null ? null : c.published(name.substring(1));
        }
        return space.lookup(name);
    }

    public SessionStats stats() {
        return stats;
    }

    public ExportTable exports() {
        return exports;
    }

    public ImportTable imports() {
        return imports;
    }

    public Inbox inbox() {
        return inbox;
    }

    /** How many of this side's calls on the session wait for their answers (synchronous and asynchronous ones). */
    public int pendingCalls() {
        return pending.size();
    }

    public boolean isClosed() {
        return closedReason != null;
    }

    // region Outgoing requests

    /**
     * Sends one request and waits for its answer, serving the context's incoming requests meanwhile. Arguments are
     * local values: they are copied or exported by the copy rule. Returns the decoded answer, or throws the remote
     * guest exception, the interop exception the message declares, or a YonderError.
     */
    @TruffleBoundary
    public Object call(Node location, Opcode op, long target, Object... args) {
        return single(op, request(location, op, target, false, args), location);
    }

    /** A request whose answer is several values (the batch opcodes: a snapshot of elements or members). */
    @TruffleBoundary
    public Object[] callBatch(Node location, Opcode op, long target, Object... args) {
        return request(location, op, target, false, args);
    }

    /**
     * An info request (MEMBER_INFO and the like). {@code assertionProbe} marks one that Truffle's interop assertions
     * made rather than the guest; it is counted apart from the round trips.
     */
    @TruffleBoundary
    public Object callInfo(Node location, Opcode op, long target, boolean assertionProbe, Object key) {
        return single(op, request(location, op, target, assertionProbe, key), location);
    }

    private static Object single(Opcode op, Object[] values, Node location) {
        if (values.length != 1) {
            throw YonderError.create("peer answered " + op + " with " + values.length + " values", location);
        }
        return values[0];
    }

    /** Remote calls waiting on this thread, each serving callbacks meanwhile (see {@code Limits.maxCallDepth}). */
    private static final ThreadLocal<int[]> WAITING = ThreadLocal.withInitial(() -> new int[1]);

    private Object[] request(Node location, Opcode op, long target, boolean assertionProbe, Object... args) {
        if (WAITING.get()[0] >= limits.maxCallDepth()) {
            throw YonderError.create("remote calls nested " + limits.maxCallDepth() + " deep on one thread (callbacks that call back), the limit yonder.MaxCallDepth", location);
        }
        return finish(start(op, target, assertionProbe, args), location);
    }

    /**
     * Sends one request without waiting for its answer (an asynchronous call; requests pipeline on the connection).
     * {@link #finish} waits for it later.
     */
    @TruffleBoundary
    public PendingCall start(Opcode op, long target, boolean assertionProbe, Object... args) {
        return start(op, target, assertionProbe, false, args);
    }

    /**
     * An asynchronous call: as {@link #start(Opcode, long, boolean, Object...)}, but the request may be held back for
     * up to {@link Flusher#DELAY_NANOS} to leave in one write with the calls issued after it. It goes out sooner
     * with any other frame, when this context waits for an answer, or once 64 are waiting.
     */
    @TruffleBoundary
    public PendingCall startAsync(Opcode op, long target, Object... args) {
        return start(op, target, false, true, args);
    }

    private PendingCall start(Opcode op, long target, boolean assertionProbe, boolean async, Object[] args) {
        Object[] wire = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            wire[i] = Marshal.argumentToWire(args[i], this, exports);
        }
        long id = nextRequestId.incrementAndGet();
        PendingCall call = new PendingCall(op, args);
        call.id = id;
        pending.put(id, call);
        if (closedReason != null) {
            pending.remove(id);
            throw YonderError.disconnected(peerName, closedReason);
        }
        if (!op.readOnly) {
            inbox.advanceEpoch();
        }
        try {
            long deadline = deadline();
            if (deadline != 0) {
                // What is left of the caller's deadline travels with the request, in the same write.
                long left = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
                send(Opcode.DEADLINE, id, left, NO_VALUES, Deferral.ASYNC);
            }
            send(op, id, target, wire, async ? Deferral.ASYNC : Deferral.NONE);
        } catch (RuntimeException e) {
            pending.remove(id);
            throw e;
        }
        stats.countRequest(op, assertionProbe);
        return call;
    }

    /**
     * Waits for a request's answer, serving the context's incoming requests meanwhile, and returns its values or
     * throws what it answered: the remote guest exception, the interop exception the message declares, a YonderError.
     */
    @TruffleBoundary
    public Object[] finish(PendingCall call, Node location) {
        int[] waiting = WAITING.get();
        waiting[0]++;
        long deadline = deadline();
        Deadline.Cell cell = Deadline.currentCell();
        try {
            if (deadline == 0 && cell == null) {
                inbox.serveUntil(call::isDone, location, this);
            } else {
                // Re-read each time: a cancelled request's deadline moves to now.
                long fallback = callTimeoutMillis > 0 ? System.nanoTime() + callTimeoutMillis * 1_000_000L : 0;
                inbox.serveUntil(() -> {
                    if (call.isDone()) {
                        return true;
                    }
                    long d = cell != null && cell.effective() != 0 ? cell.effective() : fallback;
                    return d != 0 && System.nanoTime() - d >= 0;
                }, location, this);
            }
        } finally {
            waiting[0]--;
        }
        if (updatesPending) {
            applyPendingUpdates();   // read-your-writes: an update the reader thread took in before this answer
        }
        if (!call.isDone()) {
            abandon(call);
            String why = cell != null && cell.cancelled() ? "the caller of the request it was made for cancelled it"
                            : Deadline.current() != 0 ? "a deadline of the caller's" : "yonder.CallTimeout of " + callTimeoutMillis + " ms";
            throw space.presentThrown(YonderError.create("no answer from " + peerName + " to " + call.op + " within its deadline (" + why + "); the call was abandoned", location), location);
        }
        if (call.failure() != null) {
            if (call.failure().startsWith(CANCELLED)) {
                throw space.presentThrown(YonderError.create(call.failure(), location), location);
            }
            throw space.presentThrown(YonderError.disconnected(peerName, call.failure()), location);
        }
        Frame answer = call.answer();
        Object[] values = answer.values();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Missing m) {
                throw YonderError.create("peer referred to object id " + m.id() + ", which this side does not export", location);
            } else if (answer.opcode() == Opcode.REPLY && (call.op.carriesGuestValues ? LocalSpace.presentableValue(v) : LocalSpace.presentable(v))) {
                values[i] = space.present(v, location, null);   // a THROW's values are presented by presentThrown
            }
        }
        if (answer.opcode() == Opcode.REPLY) {
            return values;
        }
        RuntimeException error = RemoteErrors.raise(call.op, answer, call.args);
        throw space.presentThrown(proxies.thrownAt(error, location), location);
    }

    /** This side's default deadline for its calls, in ms (0: none): option yonder.CallTimeout. */
    private volatile long callTimeoutMillis;
    /** Ids of calls given up on: their late answers are dropped, not a protocol error. Bounded. */
    private final java.util.Set<Long> abandoned = ConcurrentHashMap.newKeySet();
    static final int MAX_ABANDONED = 65_536;

    public void callTimeout(long millis) {
        this.callTimeoutMillis = millis;
    }

    /** The caller's deadline where it set one (Deadline.within), else this session's default; 0 for none. */
    private long deadline() {
        long set = Deadline.current();
        if (set != 0) {
            return set;
        }
        long timeout = callTimeoutMillis;
        return timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
    }

    private void abandon(PendingCall call) {
        if (abandoned.size() >= MAX_ABANDONED) {
            abandoned.clear();   // a very late answer to one of those now closes the session as a protocol error
        }
        abandoned.add(call.id);
        if (pending.remove(call.id) == null || call.isDone()) {
            abandoned.remove(call.id);   // answered meanwhile after all
        }
        stats.callsAbandoned.incrementAndGet();
    }

    /** Runs {@code action} on one of the context's threads once {@code call} is answered. */
    public void whenDone(PendingCall call, Runnable action) {
        call.whenDone(() -> inbox.post(action));
    }

    /**
     * As {@link #whenDone}, for an action that runs no guest code of this context (it completes a Java future): where
     * the context lets such work run beside its guest code (yonder.HostConcurrency), a worker runs it at once, even
     * while no thread of the context serves.
     */
    public void whenDoneOnAnyThread(PendingCall call, Runnable action) {
        call.whenDone(() -> inbox.post(action, null, true));
    }

    /**
     * Serves this context until {@code call} is answered or {@code millis} have passed (never, if negative); returns
     * whether it was answered. Unlike a deadline, giving up here does not abandon the call.
     */
    @TruffleBoundary
    public boolean awaitDone(PendingCall call, long millis, Node location) {
        long until = System.nanoTime() + Math.max(0, millis) * 1_000_000L;
        inbox.serveUntil(() -> call.isDone() || millis >= 0 && System.nanoTime() - until >= 0, location, this);
        return call.isDone();
    }

    private void send(Opcode op, long requestId, long target, Object[] wire) {
        send(op, requestId, target, wire, Deferral.NONE);
    }

    /** Whether a frame may be held back to leave in one write with the frames after it. */
    private enum Deferral {
        NONE,
        /** An answer: held back while the thread that read its request has the next request already buffered. */
        ANSWER,
        /** An asynchronous request: held back for at most {@link Flusher#DELAY_NANOS}. */
        ASYNC
    }

    /**
     * Sends one frame, or holds it back as {@code deferral} allows (see {@link Deferral}): held-back frames go out
     * with the next frame sent, before this session's reader waits for the network, when the serving thread stops
     * serving, or from the {@link Flusher} (see {@link Transport#sendDeferrable}).
     */
    private void send(Opcode op, long requestId, long target, Object[] wire, Deferral deferral) {
        String reason = closedReason;
        if (reason != null) {
            throw YonderError.disconnected(peerName, reason);
        }
        try {
            sendLock.lock();
            try {
                byte[] bytes = writer.pack(op, requestId, target, wire);
                if (bytes.length > limits.maxFrameBytes()) {
                    throw YonderError.create(op + " frame of " + bytes.length + " bytes exceeds the limit of " + limits.maxFrameBytes() + " bytes");
                }
                byte[] releases = queuedReleases.isEmpty() ? null : packQueuedReleases();
                if (releases != null) {
                    transport.send(releases, releases.length, bytes, bytes.length);
                } else if (deferral == Deferral.ANSWER && Thread.currentThread() == lastReader && transport.hasBufferedFrame()) {
                    transport.sendDeferrable(bytes, bytes.length);
                    stats.answersHeldBack.incrementAndGet();
                } else if (deferral == Deferral.ASYNC) {
                    if (transport.sendDeferrable(bytes, bytes.length)) {
                        Flusher.schedule(this);
                    }
                    stats.requestsHeldBack.incrementAndGet();
                } else {
                    transport.send(bytes, bytes.length);
                }
                stats.framesSent.incrementAndGet();
                stats.bytesSent.addAndGet(bytes.length + 4L);
                lastSentNanos = System.nanoTime();
            } finally {
                sendLock.unlock();
            }
        } catch (IOException e) {
            close("send failed: " + e.getMessage());
            throw YonderError.disconnected(peerName, closedReason);
        }
    }

    // region Releases: queued, and sent with the next frame that goes out anyway

    /** Releases waiting for a frame to ride along with: {@code id, count, id, count, ...}. Guarded by sendLock. */
    private final java.util.ArrayList<Long> queuedReleases = new java.util.ArrayList<>();
    private volatile long releasesQueuedSince;
    /** Releases wait at most this long for a frame to ride along with. */
    static final long RELEASE_DELAY_NANOS = 50_000_000L;
    static final int MAX_QUEUED_RELEASES = 8192;

    /**
     * Queues one batch of releases ({@code [id, count, id, count, ...]}) from the releaser thread. They go out with the
     * next frame this session sends, in the same write, or on their own after {@link #RELEASE_DELAY_NANOS}.
     */
    public void sendReleases(long[] idsAndCounts, int length) {
        if (length == 0 || closedReason != null) {
            return;
        }
        boolean flushNow;
        sendLock.lock();
        try {
            if (queuedReleases.isEmpty()) {
                releasesQueuedSince = System.nanoTime();
            }
            for (int i = 0; i < length; i++) {
                queuedReleases.add(idsAndCounts[i]);
            }
            flushNow = queuedReleases.size() >= MAX_QUEUED_RELEASES;
        } finally {
            sendLock.unlock();
        }
        if (flushNow) {
            flushReleases();
        }
    }

    /** Sends the queued releases on their own. */
    void flushReleases() {
        try {
            sendLock.lock();
            try {
                if (queuedReleases.isEmpty() || closedReason != null) {
                    return;
                }
                byte[] releases = packQueuedReleases();
                transport.send(releases, releases.length);
            } finally {
                sendLock.unlock();
            }
        } catch (IOException e) {
            close("send failed: " + e.getMessage());
        }
    }

    /** Packs the queued releases into one RELEASE frame and empties the queue. Called under sendLock. */
    private byte[] packQueuedReleases() throws IOException {
        Object[] values = queuedReleases.toArray();
        queuedReleases.clear();
        byte[] frame = writer.pack(Opcode.RELEASE, 0, 0, values);
        stats.releasesSent.addAndGet(values.length / 2);
        stats.releaseFramesSent.incrementAndGet();
        stats.framesSent.incrementAndGet();
        stats.bytesSent.addAndGet(frame.length + 4L);
        return frame;
    }

    // endregion

    // endregion

    // region Answers to the peer's requests

    /** Answers a request with a local value (copied or exported by the copy rule). Runs on the context's thread. */
    void reply(long requestId, Object result) {
        pushCacheableChanges();
        send(Opcode.REPLY, requestId, 0, new Object[]{Marshal.answerToWire(result, this, exports)}, Deferral.ANSWER);
        kept(answers.answered(requestId, result));
    }

    /**
     * The changes the request being answered made to cacheable objects go out first, to every peer that holds them:
     * so this caller reads its own writes as soon as the answer is in (the update travels no later than the reply).
     */
    private void pushCacheableChanges() {
        if (Thread.currentThread() == readerThread) {
            return;   // a request refused as it was read: it changed nothing, and this thread is not in the context
        }
        inbox.runBeforeAnswers();
        org.yonder.objspace.local.Cacheables cacheables = space.cacheables();
        if (cacheables != null && cacheables.hasChanges()) {
            cacheables.flush();
        }
    }

    // region Replicas: of the peer's cacheable objects (theirs), and updates of ours to the peer

    /** This session's replicas of the peer's cacheable objects, by the peer's id; held weakly, as proxies are. */
    private final ConcurrentHashMap<Long, java.lang.ref.WeakReference<ImportedReplica>> replicas = new ConcurrentHashMap<>();

    @Override
    public Object replica(Object ref, long incarnation, long counter, boolean array, Object[] items, String key, String digest, String tag, long seq,
                    org.yonder.objspace.marshal.BackboneChannel channel) throws ProtocolException {
        if (!(ref instanceof ImportedProxy proxy) || proxy.owner() != this) {
            return ref;   // one of this side's own cacheables, come home: the original
        }
        if (key != null && digest == null) {
            // Fresh (a HELLO answer): the state is the one this side stored.
            org.yonder.objspace.store.ReplicaStore.Entry stored = revalidating == null ? null : revalidating.get(key);
            if (stored == null) {
                throw new ProtocolException("a fresh verdict for '" + key + "', which this side did not ask about");
            }
            Object[] state = decodeStored(stored.state());
            digest = stored.digest();
            items = java.util.Arrays.copyOfRange(state, 1, state.length);
            array = Boolean.TRUE.equals(state[0]);
        }
        java.lang.ref.WeakReference<ImportedReplica> known = replicas.get(proxy.id());
        ImportedReplica replica = known == null ? null : known.get();
        if (replica != null) {
            replica.offer(incarnation, counter, items, digest);
        } else {
            if (replicas.size() >= limits.maxExports()) {
                replicas.values().removeIf(w -> w.get() == null);
            }
            replica = proxies.newReplica(this, proxy, array, incarnation, counter, items, key, digest, tag, seq);
            replicas.put(proxy.id(), new java.lang.ref.WeakReference<>(replica));
            stats.replicasMade.incrementAndGet();
            if (tag != null && channel != null) {
                followBackbone(proxy.id(), replica, channel, seq);
            }
        }
        if (key != null) {
            published.put(key, replica);
            if (revalidating == null) {
                store(replica);
            }
        }
        return replica;
    }

    /**
     * Replicas holding an update that a thread not of the context read (held weakly: a replica nobody holds any more is
     * collected with its pending update); each replica merges what waits into one update, so an idle client's memory
     * stays bounded by its replicas' states. Applied on a context thread.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<java.lang.ref.WeakReference<ImportedReplica>> pendingReplicas = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Whether some replica may hold a pending update: a replica's read looks at it (a volatile read) before it reads. */
    public volatile boolean updatesPending;
    /** Whether a task that applies them is queued in the context's inbox (for the listeners, if nobody reads). */
    private final java.util.concurrent.atomic.AtomicBoolean applyQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Applies the updates the session's reader thread took in, in order, on the current thread, which is one of the
     * context's: a replica's reader (before it reads), a caller whose answer came (before it returns), or the
     * context's queue (which runs the listeners). So updates are applied on the context's threads only, each whole.
     */
    public void applyPendingUpdates() {
        applyQueued.set(false);
        synchronized (pendingReplicas) {
            updatesPending = false;
            for (java.lang.ref.WeakReference<ImportedReplica> w; (w = pendingReplicas.poll()) != null;) {
                ImportedReplica r = w.get();
                ImportedReplica.Pending p = r == null ? null : r.takePending();
                if (p != null) {
                    apply(r, p.id(), p.incarnation(), p.base(), p.counter(), p.digest(), p.items());
                }
            }
        }
    }

    /** An UPDATE from the peer: applied to the replica if this side still holds one; a gap fetches the state. */
    private void applyUpdate(Frame frame) throws ProtocolException {
        Object[] v = frame.values();
        if (v.length < 2 || !(v[0] instanceof Number incarnation) || !(v[1] instanceof Number base)) {
            throw new ProtocolException("UPDATE carries an incarnation and a base counter first");
        }
        java.lang.ref.WeakReference<ImportedReplica> known = replicas.get(frame.requestId());
        ImportedReplica replica = known == null ? null : known.get();
        if (replica == null) {
            return;   // dropped here; its release is on its way to the owner
        }
        boolean keyed = replica.publishKey() != null;
        if (keyed && (v.length < 3 || !(v[2] instanceof String))) {
            throw new ProtocolException("UPDATE of a publishable object carries the digest of its new state third");
        }
        stats.updatesReceived.incrementAndGet();
        Object[] items = java.util.Arrays.copyOfRange(v, keyed ? 3 : 2, v.length);
        String digest = keyed ? (String) v[2] : null;
        if (Inbox.depth() > 0) {
            // A context thread read it (one waiting for its answer, or serving): it applies it now, after any before it.
            if (updatesPending) {
                applyPendingUpdates();
            }
            apply(replica, frame.requestId(), incarnation.longValue(), base.longValue(), frame.target(), digest, items);
        } else {
            if (replica.addPending(frame.requestId(), incarnation.longValue(), base.longValue(), frame.target(), digest, items)) {
                pendingReplicas.add(new java.lang.ref.WeakReference<>(replica));
            }
            updatesPending = true;
            if (applyQueued.compareAndSet(false, true)) {
                inbox.post(this::applyPendingUpdates);   // for the listeners, if nobody reads meanwhile
            }
        }
    }

    private void apply(ImportedReplica replica, long id, long incarnation, long base, long counter, String digest, Object[] items) {
        boolean keyed = digest != null;
        if (!replica.update(incarnation, base, counter, digest, items)) {
            stats.replicaFetches.incrementAndGet();
            try {
                startAsync(Opcode.READ_REPLICA, id);   // its answer, a REPLICA value, brings the state
            } catch (RuntimeException closed) {
                // The session closed meanwhile: nothing to fetch for.
            }
        } else if (keyed) {
            store(replica);
        }
    }

    @Override
    public boolean pushUpdate(org.yonder.objspace.local.Cacheables.Source object, long incarnation, long base, long counter, String digest, Object[] items) {
        if (closedReason != null) {
            return false;
        }
        long id = exports.idOf(object);
        if (id < 0) {
            return false;   // the peer released its replica
        }
        Object[] wire = org.yonder.objspace.marshal.Marshal.updateToWire(object, items, this, exports);
        int head = digest == null ? 2 : 3;
        Object[] values = new Object[wire.length + head];
        values[0] = incarnation;
        values[1] = base;
        if (digest != null) {
            values[2] = digest;
        }
        System.arraycopy(wire, 0, values, head, wire.length);
        send(Opcode.UPDATE, id, counter, values);
        stats.updatesSent.incrementAndGet();
        return true;
    }

    // region Multiplex: shouts to the hub, and from it to the leaves (docs/multiplex.md)

    /**
     * A SHOUT from the peer. With target 0 it is a leaf's shout to a multiplexed object of this side's (this side is
     * its hub, or the repeater of a replica it passed on): the context sequences it and sends it to every leaf. With a
     * target, it is the hub's shout number {@code target} to a leaf this side holds: the context runs the leaf's
     * {@code remote_name(args)}, once. Both run on the context's threads, in the order the frames came.
     */
    private void shouted(Frame frame) throws ProtocolException {
        Object[] v = frame.values();
        if (v.length < 1 || !(v[0] instanceof String name) || name.isEmpty() || name.length() > 200) {
            throw new ProtocolException("SHOUT carries the name of the shout (a string of 1 to 200 characters) first");
        }
        Object[] args = java.util.Arrays.copyOfRange(v, 1, v.length);
        stats.shoutsReceived.incrementAndGet();
        if (frame.target() == 0) {
            Object object = exports.get(frame.requestId());
            if (object == null) {
                return;   // released meanwhile
            }
            boolean hub = object instanceof org.yonder.objspace.local.Cacheables.Entry e && e.tag() != null;
            if (!hub && !(object instanceof ImportedReplica r && r.tag() != null)) {
                throw new ProtocolException("SHOUT to object " + frame.requestId() + ", which is not multiplexed");
            }
            inbox.post(() -> space.shoutAtHub(object, name, args), this);
        } else {
            java.lang.ref.WeakReference<ImportedReplica> known = replicas.get(frame.requestId());
            ImportedReplica leaf = known == null ? null : known.get();
            if (leaf == null || leaf.tag() == null) {
                return;   // dropped here; its release is on its way to the hub
            }
            long seq = frame.target();
            inbox.post(() -> {
                if (leaf.acceptShout(seq)) {
                    leaf.forwardShout(seq, name, args);
                    space.shoutAtLeaf(leaf, name, args);
                }
            }, this);
        }
    }

    /**
     * A leaf's shout to the hub: a one-way SHOUT to the peer's object {@code id}, after this side's earlier frames. A
     * shout to a hub on a backbone carries values by copy only: a reference among its arguments is an error here.
     */
    public void shout(long id, String name, Object[] args) {
        Object[] wire = new Object[args.length + 1];
        wire[0] = name;
        boolean backbone = backboneLeaves.containsKey(id);
        for (int i = 0; i < args.length; i++) {
            wire[i + 1] = backbone ? org.yonder.objspace.backbone.NatsBackbone.copyOnly(name, args[i]) : Marshal.argumentToWire(args[i], this, exports);
        }
        send(Opcode.SHOUT, id, 0, wire);
        stats.shoutsSent.incrementAndGet();
    }

    /** Whether the peer connected to this side (a listener's session): it may not choose where this side connects. */
    private volatile boolean accepted;

    /** Marks a session that this side's listener accepted. */
    public void accepted() {
        accepted = true;
    }

    /** What follows the backbone for this side's leaves of hubs on one, by the peer's id (docs/multiplex-nats.md). */
    private final ConcurrentHashMap<Long, AutoCloseable> backboneLeaves = new ConcurrentHashMap<>();
    /** Shouts heard on the backbone and queued for the context, at most, per leaf: the NATS thread waits past it. */
    private static final int MAX_BACKBONE_QUEUED = 4096;

    /**
     * The leaf {@code leaf} of a hub on a backbone: it follows the object's channel from the shout after {@code seq}
     * (the one its state has seen). Each shout takes the path a SHOUT frame takes: queued for the context's threads
     * (NATS threads run no guest code), taken once, passed on to the leaves this side repeats it to, run.
     */
    private void followBackbone(long id, ImportedReplica leaf, org.yonder.objspace.marshal.BackboneChannel channel, long seq) {
        java.lang.ref.WeakReference<ImportedReplica> weak = new java.lang.ref.WeakReference<>(leaf);
        java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(MAX_BACKBONE_QUEUED);
        AutoCloseable[] self = new AutoCloseable[1];
        AutoCloseable following;
        try {
            org.yonder.objspace.backbone.NatsBackbone backbone = space.backbone(channel.url(), !accepted);
            following = backbone.follow(channel.subject(), seq, shout -> {
                ImportedReplica l = weak.get();
                if (l == null || closedReason != null) {
                    AutoCloseable me = self[0];
                    if (me != null && backboneLeaves.remove(id, me)) {
                        closeQuietly(me);   // the leaf was collected: stop following for it
                    }
                    return;
                }
                try {
                    while (!room.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        if (closedReason != null) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                stats.shoutsReceived.incrementAndGet();
                inbox.post(() -> {
                    room.release();
                    if (l.acceptShout(shout.seq())) {
                        l.forwardShout(shout.seq(), shout.name(), shout.args());
                        space.shoutAtLeaf(l, shout.name(), shout.args());
                    }
                }, this);
            });
        } catch (RuntimeException e) {
            System.err.println("yonder: a leaf of " + leaf.tag() + " cannot follow its hub's shouts on " + channel.url() + ": " + e.getMessage());
            return;
        }
        self[0] = following;
        closeQuietly(backboneLeaves.put(id, following));
        if (closedReason != null) {
            closeQuietly(backboneLeaves.remove(id));
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }

    @Override
    public boolean pushShout(org.yonder.objspace.local.Cacheables.Source object, long seq, String name, Object[] args) {
        if (closedReason != null) {
            return false;
        }
        long id = exports.idOf(object);
        if (id < 0) {
            return false;   // the peer released its leaf
        }
        Object[] wire = new Object[args.length + 1];
        wire[0] = name;
        for (int i = 0; i < args.length; i++) {
            wire[i + 1] = Marshal.argumentToWire(args[i], this, exports);
        }
        send(Opcode.SHOUT, id, seq, wire);
        stats.shoutsSent.incrementAndGet();
        return true;
    }

    @Override
    public Object newMultiplexed(String tag, Object[] items) throws ProtocolException {
        try {
            return space.newMultiplexed(tag, items);
        } catch (com.oracle.truffle.api.exception.AbstractTruffleException e) {
            throw new ProtocolException(e.getMessage());   // a bad copy tag: the peer's error
        }
    }

    // endregion

    // region Publishable replicas: the client's store, and revalidation in the first round trip

    /** At most this many stored replicas are revalidated in one HELLO. */
    static final int MAX_INVENTORY = 100_000;

    /**
     * The server's answer to HELLO: its root names, its identity, and one verdict per inventory entry (key, digest):
     * the object as fresh (reference and version only) when the digest is its state's, the object with its state when
     * not, nil when there is no publishable of that key (or the peer may not see it).
     */
    Object[] helloAnswer(Object[] inventory) throws Dispatcher.BadRequest {
        if (inventory.length % 2 != 0 || inventory.length / 2 > MAX_INVENTORY) {
            throw new Dispatcher.BadRequest("HELLO carries key, digest pairs of stored replicas, at most " + MAX_INVENTORY + ", not " + inventory.length + " values");
        }
        String identity = space.identity();
        Object[] answer = new Object[2 + inventory.length / 2];
        answer[0] = ImmutableArray.ofStrings(visibleRoots());
        answer[1] = identity == null ? "" : identity;
        for (int i = 0; i < inventory.length; i += 2) {
            if (!(inventory[i] instanceof String key) || !(inventory[i + 1] instanceof String digest)) {
                throw new Dispatcher.BadRequest("HELLO's inventory entry " + i / 2 + " is not a key and a digest (strings)");
            }
            Object found = visibleRoot("@" + key);
            if (found instanceof org.yonder.objspace.local.Cacheables.Entry entry && identity != null) {
                answer[2 + i / 2] = digest.equals(entry.digest()) ? new org.yonder.objspace.local.Cacheables.Fresh(entry) : entry;
            }
        }
        return answer;
    }

    /** The peer's identity as a server, from its HELLO answer (null until then, or when it has none). */
    private volatile String peerIdentity;
    /** This side's publishable replicas of the peer's objects, by key, held for the session's life. */
    private final ConcurrentHashMap<String, ImportedReplica> published = new ConcurrentHashMap<>();
    private volatile boolean serverRemembered;
    /** During HELLO: the stored entries being revalidated, by key. */
    private volatile java.util.Map<String, org.yonder.objspace.store.ReplicaStore.Entry> revalidating;

    /** The publishable replica of this key that this side holds, or null: {@code /@key} needs no round trip then. */
    public Object publishedReplica(String key) {
        return published.get(key);
    }

    /** Keeps a publishable replica's state in the store (a state holding references to objects cannot be kept). */
    private void store(ImportedReplica replica) {
        String identity = peerIdentity;
        org.yonder.objspace.store.ReplicaStore store = identity == null || identity.isEmpty() ? null : space.replicaStore(true);
        if (store == null || identity == null || identity.isEmpty()) {
            return;
        }
        if (!serverRemembered) {
            serverRemembered = true;
            store.rememberServer(peerName, identity);   // what to revalidate at this address next time
        }
        byte[] state = encodeStored(replica);
        if (state != null) {
            store.put(identity, replica.publishKey(), replica.digest(), state);
            stats.replicasStored.incrementAndGet();
        } else {
            store.remove(identity, replica.publishKey());
        }
    }

    /** A replica's state in the wire encoding (nested publishables as LINKs), or null if it holds a reference. */
    private static byte[] encodeStored(ImportedReplica replica) {
        Object[] items = replica.items();
        Object[] stored = new Object[items.length + 1];
        stored[0] = replica.isArray();
        for (int i = 0; i < items.length; i++) {
            Object v = storable(items[i]);
            if (v == NOT_STORABLE) {
                return null;
            }
            stored[i + 1] = v;
        }
        try {
            return new org.yonder.objspace.marshal.FrameWriter().pack(Opcode.UPDATE, 0, 0, stored).clone();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static final Object NOT_STORABLE = new Object();

    private static Object storable(Object v) {
        if (v == null || v instanceof org.yonder.objspace.marshal.YonderNull) {
            return null;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof org.yonder.objspace.marshal.YonderUndefined
                        || v instanceof org.yonder.objspace.marshal.TimeValue || v instanceof org.yonder.objspace.marshal.BigIntegerValue) {
            return v;
        }
        if (v instanceof ImportedReplica r && r.publishKey() != null) {
            return new org.yonder.objspace.marshal.Link(r.publishKey());
        }
        if (v instanceof ImmutableArray a && a.rangeArguments() == null) {
            Object[] e = new Object[a.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = storable(a.get(i));
                if (e[i] == NOT_STORABLE) {
                    return NOT_STORABLE;
                }
            }
            return a.isPythonKind() ? new ImmutableArray(e, a.tag()) : e;
        }
        return NOT_STORABLE;
    }

    /** A stored state: [isArray, item...], LINKs as {@link org.yonder.objspace.marshal.Link}s (resolved after HELLO). */
    private static Object[] decodeStored(byte[] bytes) throws ProtocolException {
        org.yonder.objspace.marshal.FrameReader reader = new org.yonder.objspace.marshal.FrameReader(new org.yonder.objspace.marshal.FrameReader.Resolver() {
            @Override
            public Object imported(long id, Shape shape, ExceptionInfo exception, Object[] elements, Origin origin) throws ProtocolException {
                throw new ProtocolException("a stored replica state holds a reference");
            }

            @Override
            public Object home(long id) throws ProtocolException {
                throw new ProtocolException("a stored replica state holds a reference");
            }

            @Override
            public Object link(String key) {
                return new org.yonder.objspace.marshal.Link(key);
            }
        }, 64);
        Object[] v = reader.read(bytes).values();
        if (v.length < 1 || !(v[0] instanceof Boolean)) {
            throw new ProtocolException("a stored replica state without its kind");
        }
        return v;
    }

    /**
     * The client's HELLO: it carries the inventory of the replicas stored for this server (key, digest pairs), and the
     * answer one verdict each (fresh: the reference only; stale: the state; gone: nil), so every stored replica is
     * revalidated in this one round trip. Returns the peer's root names.
     */
    private List<String> helloWithInventory(Node location) {
        org.yonder.objspace.store.ReplicaStore store = space.replicaStore(false);
        String known = store == null ? null : store.serverAt(peerName);
        List<org.yonder.objspace.store.ReplicaStore.Entry> entries = known == null ? List.of() : store.entries(known);
        java.util.Map<String, org.yonder.objspace.store.ReplicaStore.Entry> byKey = new java.util.LinkedHashMap<>();
        Object[] inventory = new Object[2 * entries.size()];
        int n = 0;
        for (org.yonder.objspace.store.ReplicaStore.Entry e : entries) {
            byKey.put(e.key(), e);
            inventory[n++] = e.key();
            inventory[n++] = e.digest();
        }
        revalidating = byKey;
        Object[] answer;
        try {
            answer = callBatch(location, Opcode.HELLO, PROTOCOL_VERSION, inventory);
        } finally {
            revalidating = null;
        }
        if (answer.length < 1 || !(answer[0] instanceof ImmutableArray names) || names.strings() == null) {
            throw YonderError.create("peer answered HELLO with " + java.util.Arrays.toString(answer), location);
        }
        String identity = answer.length > 1 && answer[1] instanceof String id && !id.isEmpty() ? id : null;
        peerIdentity = identity;
        if (store == null && identity != null && !published.isEmpty()) {
            store = space.replicaStore(true);
        }
        if (store != null && identity != null) {
            store.rememberServer(peerName, identity);
            serverRemembered = true;
            int i = 0;
            List<ImportedReplica> stale = new ArrayList<>();
            for (org.yonder.objspace.store.ReplicaStore.Entry e : byKey.values()) {
                Object verdict = 2 + i < answer.length ? answer[2 + i] : null;
                i++;
                if (verdict instanceof ImportedReplica r) {
                    if (e.digest().equals(r.digest())) {
                        stats.revalidatedFresh.incrementAndGet();
                    } else {
                        stats.revalidatedStale.incrementAndGet();
                        stale.add(r);
                    }
                } else {
                    stats.revalidatedGone.incrementAndGet();
                    published.remove(e.key());
                    store.remove(identity.equals(known) ? identity : known, e.key());
                }
            }
            for (ImportedReplica r : published.values()) {
                r.resolveLinks(published::get);
            }
            for (ImportedReplica r : stale) {
                store(r);   // the fresh ones are stored as they are
            }
        }
        return names.strings();
    }

    // endregion

    /** Deadlines that came ahead of their requests (DEADLINE frames), by request id. Bounded by yonder.MaxInFlight. */
    private final ConcurrentHashMap<Long, Long> deadlines = new ConcurrentHashMap<>();
    /** The peer's requests accepted and not yet answered, with the deadline each runs under (cancelled by CANCEL). */
    private final ConcurrentHashMap<Long, Deadline.Cell> running = new ConcurrentHashMap<>();
    /** A traveling deadline longer than this (about 100 days) counts as this. */
    static final long MAX_DEADLINE_MILLIS = 100L * 24 * 3600 * 1000;
    private static final Object[] NO_VALUES = new Object[0];
    static final String CANCELLED = "the call was cancelled by its caller";

    /** The peer cancelled its request {@code id}: if it has not run, it will not; if it runs, its waits end now. */
    private void cancel(long id) {
        Deadline.Cell cell = running.get(id);
        if (cell != null) {
            cell.cancel();
            inbox.wake();
        }
    }

    /**
     * Cancels this side's call: tells the owner (CANCEL), and fails it here at once; its late answer is dropped.
     */
    public void cancel(PendingCall call) {
        if (call.isDone()) {
            return;
        }
        abandon(call);
        call.fail(CANCELLED + " (" + call.op + " to " + peerName + ")");
        inbox.wake();
        sendQuietly(Opcode.CANCEL, call.id);
    }

    /** The answers of this peer's recent requests, for the requests it pipelines on them. */
    private final Answers answers = new Answers();

    /** Requests pipelined on an answer that is now in run now. */
    private void kept(java.util.List<Runnable> waiting) {
        if (waiting != null) {
            for (Runnable r : waiting) {
                inbox.post(r, this);
            }
        }
    }

    /**
     * The local object a request is for: an export, or (a negative target) the answer of an earlier request of this
     * peer's that it pipelined on. Null when there is none; throws when the answer it was pipelined on was an error.
     */
    Object targetOf(Frame request) {
        long target = request.target();
        if (target >= 0) {
            return exports.get(target);
        }
        Object answer = answers.resolve(-target);
        if (answer instanceof Answers.Failed f) {
            throw new Dispatcher.PipelinedOnFailure("the call this request was pipelined on (request " + -target + ") failed: " + f.message());
        }
        return answer;
    }

    /** Answers a request with several local values (a batch). */
    void replyBatch(long requestId, Object[] results) {
        pushCacheableChanges();
        Object[] wire = new Object[results.length];
        for (int i = 0; i < results.length; i++) {
            wire[i] = Marshal.answerToWire(results[i], this, exports);
        }
        send(Opcode.REPLY, requestId, 0, wire, Deferral.ANSWER);
        kept(answers.answered(requestId, new Answers.Failed("its answer was several values, not one object")));
    }

    /** Answers a request with an error; {@code data} are local values. */
    void replyError(long requestId, ErrorKind kind, Object... data) {
        pushCacheableChanges();
        Object[] wire = new Object[data.length];
        try {
            for (int i = 0; i < data.length; i++) {
                wire[i] = Marshal.answerToWire(data[i], this, exports);
            }
        } catch (org.yonder.objspace.marshal.NotExposed e) {
            // A thrown value of the machinery (a sloppy function's `throw this`): the peer learns only that.
            kind = ErrorKind.YONDER;
            wire = new Object[]{e.getMessage()};
        }
        send(Opcode.THROW, requestId, kind.ordinal(), wire, Deferral.ANSWER);
        kept(answers.answered(requestId, new Answers.Failed(data.length > 0 ? String.valueOf(data[0] instanceof Throwable t ? t.getMessage() : data[0]) : kind.name())));
    }

    public LocalSpace space() {
        return space;
    }

    Limits limits() {
        return limits;
    }

    // endregion

    // region Reading

    /**
     * The reader thread: reads frames while no context thread wants to (it parks meanwhile), so pings, releases,
     * answers to asynchronous calls and requests for a busy context are still taken in.
     */
    private void readLoop() {
        long park = HANDBACK_NANOS;
        while (closedReason == null) {
            if (System.nanoTime() - lastWantNanos < HANDBACK_NANOS || !tryTakeReadingRole()) {
                // A context thread reads: look again later, and less often the longer it goes on (an idle served
                // context costs a wake-up per park).
                java.util.concurrent.locks.LockSupport.parkNanos(park);
                park = Math.min(2 * park, MAX_HANDBACK_PARK_NANOS);
                continue;
            }
            park = HANDBACK_NANOS;
            readerHoldsRole = true;
            try {
                if (System.nanoTime() - lastWantNanos >= HANDBACK_NANOS) {   // a context thread that wanted meanwhile may not have seen this thread's role
                    long before = stats.framesReceived.get();
                    readOne(BACKGROUND_READ_MILLIS);
                    stats.framesHandedOff.addAndGet(stats.framesReceived.get() - before);
                }
            } finally {
                readerHoldsRole = false;
                giveUpReadingRole();
            }
        }
    }

    /** The thread that read the last frame: only it holds answers back (it reads the next request right after). */
    private volatile Thread lastReader;

    /** Writes the answers held back, if any (a serving thread that stops serving calls this). */
    void flushHeldBack() {
        try {
            transport.flush();
        } catch (IOException e) {
            close("send failed: " + e.getMessage());
        }
    }

    /**
     * The longest the reader thread parks between looks while context threads read: a frame that arrives while the
     * context thread that read it runs a long task waits at most this long to be read (the task holds the context
     * anyway), and an idle served session's reader wakes 20 times a second rather than 200.
     */
    static final long MAX_HANDBACK_PARK_NANOS = 50_000_000L;

    /** The reader thread holds the reading role (it reads in the background). */
    private volatile boolean readerHoldsRole;

    /**
     * A context thread is about to read (or wait for the role); keeps the reader thread out of the way, and cuts its
     * read short if it holds the role now, so that it gives the role up at once rather than at its read's timeout.
     */
    void wantsToRead() {
        lastWantNanos = System.nanoTime();
        if (readerHoldsRole) {
            transport.wakeReceive();
        }
    }

    boolean tryTakeReadingRole() {
        return !readingRole.get() && readingRole.compareAndSet(false, true);
    }

    /** Context threads waiting on the inbox for the reading role; giving the role up wakes them. */
    final AtomicInteger roleWaiters = new AtomicInteger();

    void giveUpReadingRole() {
        readingRole.set(false);
        if (roleWaiters.get() > 0) {
            inbox.wake();
        }
    }

    /** Cuts short the wait of the thread that reads this session's socket now, or of the next one (see {@link Transport#wakeReceive}). */
    void wakeReceive() {
        transport.wakeReceive();
    }

    boolean readingRoleFree() {
        return !readingRole.get();
    }

    /**
     * Whether a frame was sent or received within {@link #SPIN_AFTER_ACTIVITY_NANOS}: the peer's next frame is likely
     * due, so a serving thread of a context with several sessions looks at this one's socket itself (see
     * {@link Inbox}). An idle session is left to its reader thread.
     */
    boolean recentlyActive(long now) {
        return closedReason == null && now - Math.max(lastReceivedNanos, lastSentNanos) < SPIN_AFTER_ACTIVITY_NANOS;
    }

    /**
     * Whether bytes of a frame are buffered or waiting on the socket (a hint; the caller holds the reading role). A
     * broken connection answers true, so that the read that follows closes the session with the reason.
     */
    boolean hasInput() {
        try {
            return transport.hasBufferedFrame() || transport.ready();
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * A context thread that wanted to read this session since {@code since} no longer does (it goes to wait on the
     * inbox): the reader thread reads again at once, instead of after {@link #HANDBACK_NANOS} or its longer park.
     */
    void handBack(long since) {
        if (lastWantNanos - since < 0) {
            return;   // not wanted since then: the reader thread reads already
        }
        lastWantNanos = System.nanoTime() - 2 * HANDBACK_NANOS;
        Thread reader = readerThread;
        if (reader != null) {
            java.util.concurrent.locks.LockSupport.unpark(reader);
        }
    }

    /**
     * Reads and routes at most one frame, waiting up to {@code timeoutMillis}. The caller holds the reading role.
     * A broken connection or a protocol error closes the session; returns false once it is closed.
     */
    boolean readOne(int timeoutMillis) {
        return readOne(timeoutMillis, 0);
    }

    /**
     * As {@link #readOne(int)}, but first yields for up to {@code spinNanos} while nothing has arrived: the answer to a
     * request usually comes within microseconds, and a thread that sleeps in the kernel instead costs a wake-up.
     */
    boolean readOne(int timeoutMillis, long spinNanos) {
        if (closedReason != null) {
            return false;
        }
        try {
            if (!transport.hasBufferedFrame()) {
                transport.flush();
                long now = System.nanoTime();
                if (spinNanos > 0 && now - Math.max(lastReceivedNanos, lastSentNanos) < SPIN_AFTER_ACTIVITY_NANOS) {
                    // Yield first: right after sending a request the answer cannot be there yet, and on one CPU the
                    // peer runs only once this thread yields.
                    long start = now;
                    boolean ready;
                    do {
                        Thread.yield();
                    } while (!(ready = transport.ready()) && System.nanoTime() - start < spinNanos && closedReason == null);
                    if (!ready) {
                        stats.readsBlocked.incrementAndGet();   // the receive below blocks in the kernel
                    }
                }
            }
            byte[] bytes = transport.receive(timeoutMillis);
            if (bytes == Transport.TIMED_OUT) {
                stats.readsTimedOut.incrementAndGet();
                return true;
            }
            if (bytes == null) {
                close("the connection was closed by the peer");
                return false;
            }
            lastReceivedNanos = System.nanoTime();
            lastReader = Thread.currentThread();
            stats.framesReceived.incrementAndGet();
            stats.bytesReceived.addAndGet(bytes.length + 4L);
            route(reader.read(bytes), bytes.length + 4L);
            return true;
        } catch (ProtocolException e) {
            try {
                send(Opcode.PROTOCOL_ERROR, 0, 0, new Object[]{"protocol error: " + e.getMessage()});
            } catch (RuntimeException ignored) {
                // Closing anyway.
            }
            close("protocol error: " + e.getMessage());
        } catch (IOException e) {
            close(closedReason != null ? closedReason : "connection lost: " + e.getMessage());
        } catch (RuntimeException e) {
            try {
                send(Opcode.PROTOCOL_ERROR, 0, 0, new Object[]{"internal error in the reader (" + e.getClass().getSimpleName() + ")"});
            } catch (RuntimeException ignored) {
                // Closing anyway.
            }
            close("reader failed: " + e);
        }
        return false;
    }

    private void route(Frame frame, long size) throws ProtocolException {
        switch (frame.opcode().kind) {
            case REPLY -> {
                PendingCall call = pending.get(frame.requestId());
                if (call == null) {
                    if (abandoned.remove(frame.requestId())) {
                        return;   // the late answer to a call given up on at its deadline
                    }
                    throw new ProtocolException("answer to request " + frame.requestId() + ", which is not pending");
                }
                // Completed before it leaves the table: a future's callback is queued by then, so an event loop that
                // waits while calls are pending or tasks are queued never sees neither in between.
                call.complete(frame);
                pending.remove(frame.requestId());
                inbox.wake();
            }
            case ONE_WAY -> {
                if (frame.opcode() == Opcode.RELEASE) {
                    applyReleases(frame.values());
                } else if (frame.opcode() == Opcode.PING) {
                    sendQuietly(Opcode.PONG);
                } else if (frame.opcode() == Opcode.PONG) {
                    // Its arrival is all that counts.
                } else if (frame.opcode() == Opcode.DEADLINE) {
                    if (frame.requestId() <= 0 || frame.target() < 0) {
                        throw new ProtocolException("DEADLINE needs the positive id of the request it bounds and the milliseconds left, not " + frame.requestId() + ", " + frame.target());
                    }
                    if (deadlines.size() >= limits.maxInFlight()) {
                        throw new ProtocolException("more than " + limits.maxInFlight() + " DEADLINE frames wait for their requests");
                    }
                    deadlines.put(frame.requestId(), System.nanoTime() + Math.min(frame.target(), MAX_DEADLINE_MILLIS) * 1_000_000L);
                } else if (frame.opcode() == Opcode.UPDATE) {
                    applyUpdate(frame);
                } else if (frame.opcode() == Opcode.SHOUT) {
                    shouted(frame);
                } else if (frame.opcode() == Opcode.CANCEL) {
                    cancel(frame.requestId());
                } else if (frame.opcode() == Opcode.AUTH) {
                    throw new ProtocolException(principal != null ? "this session is authenticated already (as '" + principal + "')"
                                    : "this side does not authenticate peers (no yonder.SecretFile, yonder.SecretEnv or yonder.Access); connect without a secret");
                } else {
                    Object[] v = frame.values();
                    close("the peer reported: " + (v.length > 0 ? v[0] : "a protocol error"));
                }
            }
            case REQUEST -> {
                if (frame.requestId() <= 0) {
                    throw new ProtocolException("request id must be positive, not " + frame.requestId());
                }
                if (frame.target() < 0 && -frame.target() >= frame.requestId()) {
                    replyError(frame.requestId(), ErrorKind.YONDER, "request " + frame.requestId() + " is pipelined on request " + -frame.target()
                                    + ", which is not an earlier one: a request can only be pipelined on the answer of one sent before it");
                    return;
                }
                if (inFlight.incrementAndGet() > limits.maxInFlight()) {
                    inFlight.decrementAndGet();
                    replyError(frame.requestId(), ErrorKind.YONDER, "too many requests in flight (limit " + limits.maxInFlight() + ", yonder.MaxInFlight)");
                    return;
                }
                // Bytes of requests waiting are bounded per peer and in all: they hold their decoded arguments.
                if (queuedBytes.addAndGet(size) > limits.maxQueuedBytes()) {
                    queuedBytes.addAndGet(-size);
                    inFlight.decrementAndGet();
                    replyError(frame.requestId(), ErrorKind.YONDER, "too many bytes of requests queued: this " + size + "-byte request would pass the limit of "
                                    + limits.maxQueuedBytes() + " bytes per peer (yonder.MaxQueuedBytes)");
                    return;
                }
                if (budget.queuedBytes.addAndGet(size) > limits.maxTotalQueuedBytes()) {
                    budget.queuedBytes.addAndGet(-size);
                    queuedBytes.addAndGet(-size);
                    inFlight.decrementAndGet();
                    replyError(frame.requestId(), ErrorKind.YONDER, "too many bytes of requests queued: this " + size + "-byte request would pass the limit of "
                                    + limits.maxTotalQueuedBytes() + " bytes for all peers (yonder.MaxTotalQueuedBytes)");
                    return;
                }
                Long bound = deadlines.isEmpty() ? null : deadlines.remove(frame.requestId());
                Deadline.Cell cell = new Deadline.Cell(null, bound == null ? Deadline.Cell.NONE : bound);
                running.put(frame.requestId(), cell);
                Runnable[] task = new Runnable[1];
                task[0] = () -> {
                    if (frame.target() < 0 && answers.deferIfPending(-frame.target(), () -> inbox.post(task[0], this))) {
                        return;   // pipelined on an answer not yet in: runs again once it is
                    }
                    try {
                        if (closedReason == null) {
                            if (cell.cancelled) {
                                replyError(frame.requestId(), ErrorKind.YONDER, "the caller cancelled request " + frame.requestId() + " before it ran");
                                return;
                            }
                            if (bound != null && System.nanoTime() - bound >= 0) {
                                replyError(frame.requestId(), ErrorKind.YONDER, "the caller's deadline for request " + frame.requestId() + " passed before it ran");
                                return;
                            }
                            stats.requestsServed.incrementAndGet();
                            if (frame.target() < 0) {
                                stats.pipelinedServed.incrementAndGet();
                            }
                            inbox.advanceEpoch();
                            for (Object v : frame.values()) {
                                if (v instanceof ImportedProxy proxy) {
                                    proxy.activateArgumentSnapshot();
                                }
                            }
                            // Under the caller's deadline (nested in this thread's own, if it serves inside a wait).
                            Deadline.within(Deadline.nested(cell), () -> {
                                Dispatcher.serve(this, frame);
                                return null;
                            });
                        }
                    } catch (RuntimeException e) {
                        // The answer itself could not be sent; a task must never break the loop that runs it.
                        answerFailed(frame, e);
                    } catch (AssertionError | StackOverflowError e) {
                        // A broken contract (under -ea) or a runaway recursion in one request: that request fails, and
                        // the loop goes on serving everyone else.
                        answerFailed(frame, new IllegalStateException(e.toString(), e));
                    } finally {
                        running.remove(frame.requestId());
                        inFlight.decrementAndGet();
                        queuedBytes.addAndGet(-size);
                        budget.queuedBytes.addAndGet(-size);
                    }
                };
                answers.received(frame.requestId());
                inbox.post(task[0], this, needsNoGuestCode(frame));
            }
        }
    }

    /**
     * Whether a request may run beside the context's guest code, on a worker, where the context admits several threads:
     * the handshake, root lookups, and requests to Java host objects (thread-safe or not is their owner's business,
     * as in RMI). Everything else runs in turn.
     */
    private boolean needsNoGuestCode(Frame request) {
        if (!inbox.turns.concurrent()) {
            return false;   // nothing runs beside guest code here (yonder.HostConcurrency off): no need to look
        }
        Opcode op = request.opcode();
        if (op == Opcode.HELLO || op == Opcode.LOOKUP_ROOT) {
            return true;
        }
        Object target = exports.get(request.target());
        return target != null && space.isHostObject(target);
    }

    /**
     * Sends, at once, an async request whose target is the answer of this side's earlier request {@code on}: promise
     * pipelining. If that answer is already in and is a remote object, the request goes to it directly.
     */
    public PendingCall startPipelined(PendingCall on, Opcode op, Object... args) {
        if (on.isDone() && on.failure() == null && on.answer().opcode() == Opcode.REPLY && on.answer().values().length == 1
                        && on.answer().values()[0] instanceof org.yonder.objspace.marshal.Proxy p && p.owner() == this) {
            return startAsync(op, p.id(), args);
        }
        stats.pipelinedSent.incrementAndGet();
        return startAsync(op, -on.id, args);
    }

    private void answerFailed(Frame request, RuntimeException e) {
        if (closedReason == null) {
            try {
                // A Truffle exception (a limit, a refusal) says what went wrong; anything else is a Yonder bug, said as such
                // (the protocol fuzz test looks for these words).
                String why = e instanceof com.oracle.truffle.api.exception.AbstractTruffleException ? e.getMessage() : "internal error (" + e + ")";
                replyError(request.requestId(), ErrorKind.YONDER, "could not answer " + request.opcode() + ": " + why);
            } catch (RuntimeException ignored) {
                // Nothing more can be said to this peer.
            }
        }
    }

    private void applyReleases(Object[] v) throws ProtocolException {
        if (v.length % 2 != 0) {
            throw new ProtocolException("RELEASE carries id/count pairs, not " + v.length + " values");
        }
        for (int i = 0; i < v.length; i += 2) {
            if (!(v[i] instanceof Number id) || !(v[i + 1] instanceof Number count) || count.longValue() <= 0) {
                throw new ProtocolException("RELEASE pair " + i / 2 + " is not a positive id and count");
            }
            exports.release(id.longValue(), count.longValue());
        }
    }

    @Override
    public Object imported(long id, Shape shape, ExceptionInfo exception, Object[] elements, Origin origin) {
        Object proxy = imports.proxyFor(id, shape, exception, origin);
        if (origin != null && origin.space() == space.origins().space()) {
            // One of ours, come home through a third party: the original. The proxy made above is dropped and
            // released like any other, so the forwarding peer's export is freed.
            Object local = space.origins().lookup(origin.serial());
            if (local != null) {
                return local;
            }
        }
        if (elements != null && proxy instanceof ImportedProxy imported) {
            imported.offerArgumentSnapshot(elements);
        }
        return proxy;
    }

    @Override
    public Object home(long id) {
        Object value = exports.get(id);
        return value == null ? new Missing(id) : value;
    }

    // endregion

    /**
     * Called by the heartbeat timer: when the peer has been silent for a period, asks it for a PONG (answered by its
     * reader thread, however busy its context is); when it has been silent for three periods, the session closes.
     */
    /**
     * The timer's checks, which take no lock and write nothing, so that one session whose peer reads nothing cannot
     * stop them for the others: a write stalled past {@code yonder.WriteTimeout} closes the session (which ends the
     * blocked write), as does a peer silent for three heartbeat periods. Answers whether writes are due
     * ({@link #heartbeatWrites}, which the timer runs on another thread).
     */
    boolean watch(long now) {
        if (closedReason != null) {
            return false;
        }
        long stalled = transport.stalledWriteNanos(now);
        if (limits.writeTimeoutMillis() > 0 && stalled > limits.writeTimeoutMillis() * 1_000_000L) {
            close("the peer read nothing for " + stalled / 1_000_000 + " ms while this side was writing to it (the limit yonder.WriteTimeout is "
                            + limits.writeTimeoutMillis() + " ms)");
            return false;
        }
        if (limits.heartbeatMillis() > 0) {
            long silent = now - lastReceivedNanos;
            if (silent > 3 * limits.heartbeatMillis() * 1_000_000L) {
                close("no frame for " + silent / 1_000_000 + " ms, more than three heartbeat periods of " + limits.heartbeatMillis() + " ms");
                return false;
            }
        }
        return stalled == 0 && writesDue(now);
    }

    /** Whether a heartbeat write is due (read without locks: a hint; {@link #heartbeatWrites} checks again). */
    private boolean writesDue(long now) {
        if (transport.hasHeldBack() || (!queuedReleases.isEmpty() && now - releasesQueuedSince >= RELEASE_DELAY_NANOS)) {
            return true;
        }
        long period = limits.heartbeatMillis() * 1_000_000L;
        return period > 0 && now - lastReceivedNanos >= period && now - lastPingNanos >= period;
    }

    /**
     * The heartbeat's writes, on a thread of the timer's pool: releases that waited too long, frames held back, a PING
     * to a silent peer. It waits for no lock a writer holds: a busy session is writing anyway.
     */
    void heartbeatWrites(long now) {
        if (!sendLock.tryLock()) {
            return;
        }
        try {
            if (!queuedReleases.isEmpty() && now - releasesQueuedSince >= RELEASE_DELAY_NANOS) {
                flushReleases();
            }
            flushHeldBack();
            if (limits.heartbeatMillis() > 0) {
                long period = limits.heartbeatMillis() * 1_000_000L;
                if (now - lastReceivedNanos >= period && now - lastPingNanos >= period) {
                    lastPingNanos = now;
                    stats.pingsSent.incrementAndGet();
                    sendQuietly(Opcode.PING);
                }
            }
        } finally {
            sendLock.unlock();
        }
    }

    private void sendQuietly(Opcode oneWay) {
        sendQuietly(oneWay, 0);
    }

    private void sendQuietly(Opcode oneWay, long requestId) {
        try {
            send(oneWay, requestId, 0, new Object[0]);
        } catch (RuntimeException e) {
            // The send closed the session; the reader or the timer notices.
        }
    }

    int heartbeatMillis() {
        return limits.heartbeatMillis();
    }

    /** Refuses a connection before any session: one PROTOCOL_ERROR frame saying why, then the connection closes. */
    public static void refuse(Transport transport, String why) {
        try {
            byte[] frame = new FrameWriter().pack(Opcode.PROTOCOL_ERROR, 0, 0, new Object[]{"protocol error: " + why});
            transport.send(frame, frame.length);
        } catch (IOException e) {
            // The peer is gone already.
        } finally {
            transport.close();
        }
    }

    /** Ends the session: pending calls fail at once with "disconnected", and both tables are freed. */
    public void close(String why) {
        synchronized (pending) {
            if (closedReason != null) {
                return;
            }
            closedReason = why;
        }
        transport.close();
        List<PendingCall> calls = new ArrayList<>(pending.values());
        pending.clear();
        for (PendingCall call : calls) {
            call.fail(why);
        }
        exports.clear();
        imports.clear();
        org.yonder.objspace.local.Cacheables cacheables = space.cacheables();
        if (cacheables != null) {
            cacheables.dropSubscriber(this);   // no longer a leaf of this side's multiplexed objects
        }
        for (Long id : new ArrayList<>(backboneLeaves.keySet())) {
            closeQuietly(backboneLeaves.remove(id));   // its leaves of hubs on a backbone stop following
        }
        Heartbeat.unregister(this);
        inbox.detach(this);
        Thread reader = readerThread;
        if (reader != null) {
            java.util.concurrent.locks.LockSupport.unpark(reader);
        }
        if (onClose != null) {
            onClose.accept(this);
        }
    }

    /** Root names the peer publishes; one round trip. */
    public List<String> hello(Node location) {
        return helloWithInventory(location);
    }
}
