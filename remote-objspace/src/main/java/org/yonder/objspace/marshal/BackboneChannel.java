package org.yonder.objspace.marshal;

/**
 * Where a leaf of a multiplexed object hears the hub's shouts when the hub runs on a message backbone instead of its
 * embedded fan-out (docs/multiplex-nats.md): the backbone's address ({@code nats://host:port}) and the subject of that
 * object's shouts. It travels in a REPLICA of kind 6; null means the embedded hub (SHOUT frames on the session).
 */
public record BackboneChannel(String url, String subject) {
}
