package org.yonder.language;

import java.util.HashMap;
import java.util.Map;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.backbone.NatsBackbone;
import org.yonder.objspace.local.Cacheables;

/**
 * A context's connections to NATS JetStream backbones (docs/multiplex-nats.md), made on first use and closed with the
 * context. With {@code yonder.Backbone} set, the context's multiplexed objects are sequenced and fanned out on that
 * backbone (one stream of its own as a hub), and its leaves of hubs on a backbone follow them there; without it, its
 * hubs use the embedded fan-out, and its leaves follow on the backbone their hub's REPLICA names.
 */
final class ContextBackbones {
    /** {@code yonder.Backbone}: empty for the embedded fan-out. */
    private final String own;
    private final Map<String, NatsBackbone> open = new HashMap<>();
    private boolean hubReady;
    private boolean closed;

    ContextBackbones(String own) {
        this.own = own == null ? "" : own.trim();
    }

    /** Before this context multiplexes an object: a hub with the option publishes on its backbone, in a stream of its own. */
    synchronized void prepareHub(Cacheables cacheables) {
        if (own.isEmpty() || hubReady) {
            return;
        }
        NatsBackbone backbone = backbone(own);
        backbone.openStream(java.util.UUID.randomUUID().toString());   // a stream per hub incarnation
        cacheables.useBackbone(backbone);
        hubReady = true;
    }

    /**
     * The backbone a leaf follows: the option's, if set (this side's own address for it), else the url its hub named,
     * if this side connected to that hub ({@code mayUseNamed}): a peer that connected here does not choose where this
     * side connects.
     */
    synchronized NatsBackbone leafBackbone(String named, boolean mayUseNamed) {
        if (own.isEmpty() && !mayUseNamed) {
            throw YonderError.create("a peer that connected here named the NATS backbone " + named + "; this side follows one only with its own yonder.Backbone");
        }
        return backbone(own.isEmpty() ? named : own);
    }

    private NatsBackbone backbone(String url) {
        if (closed) {
            throw YonderError.create("the context is closed");
        }
        NatsBackbone b = open.get(url);
        if (b == null) {
            b = NatsBackbone.connect(url);
            open.put(url, b);
        }
        return b;
    }

    /** Closes every connection (a hub's stream is deleted: nobody can join a closed hub). */
    void close() {
        NatsBackbone[] all;
        synchronized (this) {
            closed = true;
            all = open.values().toArray(NatsBackbone[]::new);
            open.clear();
        }
        for (NatsBackbone b : all) {
            b.close();
        }
    }
}
