package org.yonder.language;

import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Option;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.nodes.Node;

/**
 * The Truffle language {@code yonder}. Its sources are addresses and a few commands (see {@link Command}); its options
 * connect and listen; its context owns the sessions of one polyglot context.
 */
@TruffleLanguage.Registration(id = YonderLanguage.ID, name = "Yonder", version = "0.1", characterMimeTypes = YonderLanguage.MIME_TYPE,
                contextPolicy = TruffleLanguage.ContextPolicy.EXCLUSIVE, website = "https://github.com/yonder")
public final class YonderLanguage extends TruffleLanguage<YonderContext> {
    public static final String ID = "yonder";
    public static final String MIME_TYPE = "application/x-yonder";

    @Option(help = "Listen for peers on HOST:PORT (port 0 picks a free port), or mem:NAME for an in-memory listener.", category = OptionCategory.USER,
                    stability = OptionStability.STABLE, usageSyntax = "<host>:<port>") //
    static final OptionKey<String> Listen = new OptionKey<>("");

    @Option(help = "Connect to yonder://HOST:PORT when the context starts and put the peer's roots into the polyglot bindings.",
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "yonder://<host>:<port>") //
    static final OptionKey<String> Connect = new OptionKey<>("");

    @Option(help = "Largest frame accepted or sent, in bytes.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxFrameBytes = new OptionKey<>(16 << 20);

    @Option(help = "Most objects one session may export.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxExports = new OptionKey<>(1_000_000);

    @Option(help = "Most objects all sessions of this context export together.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Long> MaxTotalExports = new OptionKey<>(4_000_000L);

    @Option(help = "Most bytes of one peer's requests queued or running at once; one more request is refused with an error naming this limit.",
                    category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Long> MaxQueuedBytes = new OptionKey<>(64L << 20);

    @Option(help = "Most bytes of answers and requests waiting to be sent to one peer that reads slower than it is answered; past it the session closes with an error naming this limit.",
                    category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Long> MaxOutgoingBytes = new OptionKey<>(64L << 20);

    @Option(help = "Most shouts a leaf keeps waiting behind a remote_ handler that has not returned; one more, and the leaf leaves its hub (docs/multiplex.md).",
                    category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxWaitingShouts = new OptionKey<>(65_536);

    @Option(help = "Most bytes of all peers' requests queued or running at once in this context.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Long> MaxTotalQueuedBytes = new OptionKey<>(256L << 20);

    @Option(help = "Most requests of one peer queued or running at once.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxInFlight = new OptionKey<>(10_000);

    @Option(help = "Most worker threads that run other peers' requests while this context's threads wait for answers (0: a waiting thread serves every request itself, nested).",
                    category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxWorkers = new OptionKey<>(64);

    @Option(help = "Run peers' requests to Java host objects, handshakes and root lookups on worker threads beside the thread that runs guest code (for a Java program serving its own objects). A context that does this cannot start JS or another single-threaded language while a worker lives.",
                    category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Boolean> HostConcurrency = new OptionKey<>(false);

    @Option(help = "Deepest nesting of a wire value.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxDepth = new OptionKey<>(64);

    @Option(help = "Most shapes a peer may define in one session (each is kept while the session lasts).", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxShapes = new OptionKey<>(65_536);

    @Option(help = "Most characters the names in all the shapes a peer defines in one session may take.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Long> MaxShapeBytes = new OptionKey<>(16L << 20);

    @Option(help = "Milliseconds a write may wait for a peer that reads nothing before its session closes (0: forever).", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> WriteTimeout = new OptionKey<>(5_000);

    @Option(help = "Milliseconds this side waits for the answer to each of its remote calls before it fails with a timeout error and drops the late answer (0: no limit).", category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<Long> CallTimeout = new OptionKey<>(0L);

    @Option(help = "Most sessions a listener keeps at once; one more connection is refused with a protocol error.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxSessions = new OptionKey<>(256);

    @Option(help = "Most remote calls waiting at once on one thread (callbacks that call back); one more fails with a catchable error.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> MaxCallDepth = new OptionKey<>(128);

    @Option(help = "Heartbeat period in milliseconds: an idle session sends a PING, and a peer silent for three periods counts as dead (0: off).",
                    category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> Heartbeat = new OptionKey<>(5_000);

    @Option(help = "Also expose members that reach this side's code constructors and reflection (constructor, getClass, __*) and whole meta-objects to peers. Off by default.",
                    category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Boolean> ExposeAll = new OptionKey<>(false);

    @Option(help = "Present remote values in the calling guest's own kinds: JS undefined and BigInt, and remote exceptions as the caller's built-in exception classes of the same name (false: raw foreign values, as for any interop value).",
                    category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<Boolean> Present = new OptionKey<>(true);

    @Option(help = "The guest language (js or python) whose own kinds the roots that yonder.Connect binds are presented in, as that language's calls get them; empty (the default): bound as raw remote values, for any language of the context. yonder run sets it to its script's language.",
                    category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<String> BindFor = new OptionKey<>("");

    @Option(help = "Connect timeout in milliseconds.", category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<Integer> ConnectTimeout = new OptionKey<>(5_000);

    @Option(help = "Serve TLS 1.3 on the listener (clients connect with yonders://); the key and certificate are yonder.TlsKeyStore's, made on first use.",
                    category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<Boolean> Tls = new OptionKey<>(false);

    @Option(help = "This context's TLS key and certificate (PKCS#12, made with keytool on first use, its password in FILE.pass): the listener's (default ~/.yonder/tls/server.p12), and the client certificate its connections present when a server asks (none by default).",
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<path>") //
    static final OptionKey<String> TlsKeyStore = new OptionKey<>("");

    @Option(help = "A file holding the shared secret (at least 16 bytes; chmod 600): a listener admits only peers that prove it, and a connection proves it (mutual HMAC-SHA256).",
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<path>") //
    static final OptionKey<String> SecretFile = new OptionKey<>("");

    @Option(help = "The name of an environment variable holding the shared secret (as yonder.SecretFile).", category = OptionCategory.USER,
                    stability = OptionStability.STABLE, usageSyntax = "<name>") //
    static final OptionKey<String> SecretEnv = new OptionKey<>("");

    @Option(help = "The principal this context's connections authenticate as (with yonder.SecretFile or yonder.SecretEnv).", category = OptionCategory.USER,
                    stability = OptionStability.STABLE, usageSyntax = "<name>") //
    static final OptionKey<String> Principal = new OptionKey<>("yonder");

    @Option(help = "An access file for the listener: one 'PRINCIPAL secret:SECRET|sha256:CERT-FINGERPRINT ROOTS' per line (chmod 600); only those principals connect, each seeing its roots.",
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<path>") //
    static final OptionKey<String> Access = new OptionKey<>("");

    @Option(help = "Let a listener on an address other than loopback start without authentication (a secret or an access file). Anyone who reaches the port can then call every published object.",
                    category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<Boolean> Insecure = new OptionKey<>(false);

    @Option(help = "Where this context keeps the publishable replicas it holds: a SQLite file (default: yonder/replicas.db in the user's cache folder, $XDG_CACHE_HOME or ~/.cache), ':memory:' for one that lasts as long as the context, or 'none'.",
                    category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<String> ReplicaStore = new OptionKey<>("");

    @Option(help = "This server's persistent identity, under which clients store its publishable objects (default: a random one made on first use and kept in the user's cache folder, per listening port).",
                    category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<String> Identity = new OptionKey<>("");

    @Option(help = "A NATS JetStream server (nats://HOST:PORT) that sequences and fans out the shouts of this context's multiplexed objects, one stream per hub, and that its leaves follow (default: the embedded fan-out over sessions; see docs/multiplex-nats.md).",
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "nats://<host>:<port>") //
    static final OptionKey<String> Backbone = new OptionKey<>("");

    private static final ContextReference<YonderContext> CONTEXT = ContextReference.create(YonderLanguage.class);

    @Override
    protected YonderContext createContext(Env env) {
        return new YonderContext(this, env);
    }

    @Override
    protected void initializeContext(YonderContext context) {
        context.start();
    }

    @Override
    protected void finalizeContext(YonderContext context) {
        context.close();
    }

    @Override
    protected boolean isThreadAccessAllowed(Thread thread, boolean singleThreaded) {
        return true;
    }

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return new YonderLanguageOptionDescriptors();
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        Command command = Command.parse(request.getSource().getCharacters().toString());
        return new CommandRootNode(this, command).getCallTarget();
    }

    static YonderContext context(Node node) {
        return CONTEXT.get(node);
    }
}
