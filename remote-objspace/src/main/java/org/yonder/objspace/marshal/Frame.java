package org.yonder.objspace.marshal;

import org.yonder.objspace.wire.Opcode;

/**
 * One decoded frame. Every frame of protocol v1 has the same four fields: {@code [opcode, requestId, target, values]}.
 * {@code target} is the receiver's export id for interop requests, the protocol version for HELLO and the error kind
 * for THROW. {@code values} are already decoded: proxies for the sender's objects, originals for ours.
 */
public record Frame(Opcode opcode, long requestId, long target, Object[] values) {
}
