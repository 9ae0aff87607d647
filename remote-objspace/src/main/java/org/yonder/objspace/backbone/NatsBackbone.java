package org.yonder.objspace.backbone;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.local.Cacheables;
import org.yonder.objspace.marshal.BackboneChannel;
import org.yonder.objspace.marshal.FrameReader;
import org.yonder.objspace.marshal.FrameWriter;
import org.yonder.objspace.marshal.Marshal;
import org.yonder.objspace.wire.Opcode;
import org.yonder.objspace.wire.ProtocolException;

/**
 * A context's connection to a NATS JetStream server, the optional backbone of Multiplex (docs/multiplex-nats.md). As a
 * hub, the context has one stream of its own ({@code YONDER_MX_<hub>}, subjects {@code yonder.mx.<hub>.<object>}): it
 * publishes each shout it admits there, and the stream's sequence is the hub's one order, kept for late joiners. As a
 * leaf, it follows a multiplexed object's subject with an ordered consumer from the seq its snapshot had seen. A shout
 * is {@code [name, args...]} in Yonder's wire encoding, values by copy only: no session could hold a reference.
 */
public final class NatsBackbone implements Cacheables.Backbone, AutoCloseable {
    /** A stream's bound: older shouts go first (a late joiner then replays only from the state it is given). */
    private static final long MAX_STREAM_BYTES = 256L << 20;

    private final String url;
    private final Connection connection;
    private final JetStream jetStream;
    private final FrameWriter writer = new FrameWriter();
    private final List<JetStreamSubscription> subscriptions = new ArrayList<>();
    private Dispatcher dispatcher;
    private String stream;
    private String prefix;

    private NatsBackbone(String url, Connection connection) throws IOException {
        this.url = url;
        this.connection = connection;
        this.jetStream = connection.jetStream();
    }

    /** Connects to the NATS server at {@code url} ({@code nats://host:port}); a clear error when it cannot. */
    public static NatsBackbone connect(String url) {
        try {
            Options options = new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5)).maxReconnects(-1).connectionName("yonder").build();
            return new NatsBackbone(url, Nats.connect(options));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw YonderError.create("cannot reach the NATS backbone at " + url + ": " + e);
        }
    }

    public String url() {
        return url;
    }

    // region The hub: one stream, a subject per multiplexed object

    /** Makes this hub's stream, named for {@code hub} (letters and digits), on first use. */
    public synchronized void openStream(String hub) {
        String id = hub.replaceAll("[^A-Za-z0-9]", "");
        String name = "YONDER_MX_" + id;
        try {
            StreamConfiguration config = StreamConfiguration.builder().name(name).subjects("yonder.mx." + id + ".>").storageType(StorageType.Memory)
                            .maxBytes(MAX_STREAM_BYTES).build();
            connection.jetStreamManagement().addStream(config);
        } catch (IOException | JetStreamApiException e) {
            throw YonderError.create("cannot make the stream " + name + " on the NATS backbone at " + url + ": " + e.getMessage());
        }
        stream = name;
        prefix = "yonder.mx." + id + ".";
    }

    @Override
    public synchronized BackboneChannel channel(long number) {
        if (prefix == null) {
            throw new IllegalStateException("the hub's stream is not open");
        }
        return new BackboneChannel(url, prefix + number);
    }

    @Override
    public synchronized long publish(BackboneChannel channel, String name, Object[] args) {
        Object[] wire = new Object[args.length + 1];
        wire[0] = name;
        for (int i = 0; i < args.length; i++) {
            wire[i + 1] = copyOnly(name, args[i]);
        }
        try {
            return jetStream.publish(channel.subject(), writer.pack(Opcode.SHOUT, 0, 0, wire).clone()).getSeqno();
        } catch (IOException | JetStreamApiException e) {
            throw YonderError.create("the NATS backbone at " + url + " did not take shout_" + name + ": " + e.getMessage());
        }
    }

    /** An argument of a shout over the backbone as it goes on the wire; an error naming the limit if it is a reference. */
    public static Object copyOnly(String shout, Object value) {
        Object wire = Marshal.copyOnly(value);
        if (Marshal.isNotCopied(wire)) {
            throw YonderError.create("shout_" + shout + " goes over the NATS backbone, which carries values by copy only (numbers, strings, booleans, "
                            + "dates, bytes, tuples of these); an argument is a reference (an object, an array, a function or a multiplexed object). "
                            + "Shouts that carry references need the embedded hub (no yonder.Backbone on the hub)");
        }
        return wire;
    }

    // endregion

    // region A leaf: an ordered consumer per multiplexed object it holds

    /** A shout heard on the backbone: its sequence number in the hub's log, its name and arguments. */
    public record Shout(long seq, String name, Object[] args) {
    }

    /**
     * Follows {@code subject} from the shout after {@code afterSeq}, in the hub's order, handing each shout to
     * {@code to} on a NATS thread (which must only queue it for the context). Returns what stops it.
     */
    public synchronized AutoCloseable follow(String subject, long afterSeq, Consumer<Shout> to) {
        if (dispatcher == null) {
            dispatcher = connection.createDispatcher();
        }
        ConsumerConfiguration config = ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(afterSeq + 1).build();
        PushSubscribeOptions options = PushSubscribeOptions.builder().ordered(true).configuration(config).build();
        JetStreamSubscription sub;
        try {
            sub = jetStream.subscribe(subject, dispatcher, m -> heard(m, to), false, options);
        } catch (IOException | JetStreamApiException e) {
            throw YonderError.create("cannot follow " + subject + " on the NATS backbone at " + url + ": " + e.getMessage());
        }
        subscriptions.add(sub);
        return () -> unfollow(sub);
    }

    private synchronized void unfollow(JetStreamSubscription sub) {
        if (subscriptions.remove(sub) && dispatcher != null && connection.getStatus() == Connection.Status.CONNECTED) {
            try {
                dispatcher.unsubscribe(sub);
            } catch (RuntimeException e) {
                // closing anyway
            }
        }
    }

    private static void heard(Message m, Consumer<Shout> to) {
        if (!m.isJetStream()) {
            return;   // a status message (heartbeat, flow control), which the ordered consumer handles itself
        }
        Object[] v;
        try {
            v = decode(m.getData());
        } catch (ProtocolException e) {
            System.err.println("yonder: a shout on " + m.getSubject() + " could not be read: " + e.getMessage());
            return;
        }
        if (v.length < 1 || !(v[0] instanceof String name)) {
            System.err.println("yonder: a shout on " + m.getSubject() + " carries no name");
            return;
        }
        to.accept(new Shout(m.metaData().streamSequence(), name, java.util.Arrays.copyOfRange(v, 1, v.length)));
    }

    /** A shout's values: by copy only, so a reference in it is the publisher's error. */
    private static Object[] decode(byte[] bytes) throws ProtocolException {
        return new FrameReader(new FrameReader.Resolver() {
            @Override
            public Object imported(long id, org.yonder.objspace.marshal.Shape shape, org.yonder.objspace.marshal.ExceptionInfo exception, Object[] elements,
                            org.yonder.objspace.marshal.Origin origin) throws ProtocolException {
                throw new ProtocolException("a shout on the backbone holds a reference");
            }

            @Override
            public Object home(long id) throws ProtocolException {
                throw new ProtocolException("a shout on the backbone holds a reference");
            }
        }, 64).read(bytes).values();
    }

    // endregion

    /** Stops following, deletes this hub's stream (its shouts are of no use to anyone after it), and disconnects. */
    @Override
    public void close() {
        String gone;
        synchronized (this) {
            subscriptions.clear();
            gone = stream;
            stream = null;
        }
        try {
            if (gone != null) {
                connection.jetStreamManagement().deleteStream(gone);
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            // the server is gone too, or the stream with it
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
