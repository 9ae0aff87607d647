package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * A hostile peer's pipelining, DEADLINE and CANCEL frames, sent raw: each gets a clear error or is ignored, nothing
 * waits forever, and the server goes on serving everyone else.
 */
class PipelineAttackTest extends SvcServer {
    private static final int HELLO = 1;
    private static final int LOOKUP_ROOT = 2;
    private static final int THROW = 4;
    private static final int DEADLINE = 10;
    private static final int CANCEL = 11;
    private static final int INVOKE_MEMBER = 19;

    @Test
    void badPipelinesDeadlinesAndCancelsGetClearErrorsAndTheServerGoesOn() throws Exception {
        URI url = URI.create(server.url());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(RawFrames.frame(HELLO, 1, 1));
            assertEquals(3, RawFrames.readFrame(in)[0], "HELLO answered");
            // Pipelined on a request that does not come before it (itself, and a later one): refused, so no cycle waits.
            out.write(RawFrames.frame(INVOKE_MEMBER, 5, -5, "identity", 1));
            Object[] self = RawFrames.readFrame(in);
            assertEquals(THROW, self[0]);
            assertTrue(((Object[]) self[3])[0].toString().contains("not an earlier one"), java.util.Arrays.toString((Object[]) self[3]));
            out.write(RawFrames.frame(INVOKE_MEMBER, 6, -9, "identity", 1));
            assertEquals(THROW, RawFrames.readFrame(in)[0]);
            // Pipelined on a request it never sent (id 2, a gap): nothing is kept under it.
            out.write(RawFrames.frame(INVOKE_MEMBER, 7, -2, "identity", 1));
            Object[] unknown = RawFrames.readFrame(in);
            assertEquals(THROW, unknown[0]);
            assertTrue(((Object[]) unknown[3])[0].toString().contains("not kept"), java.util.Arrays.toString((Object[]) unknown[3]));
            // Pipelined on a request that failed: fails with it.
            out.write(RawFrames.frame(LOOKUP_ROOT, 8, 0, "no-such-root"));
            out.write(RawFrames.frame(INVOKE_MEMBER, 9, -8, "identity", 1));
            assertEquals(THROW, RawFrames.readFrame(in)[0]);
            Object[] onFailed = RawFrames.readFrame(in);
            assertEquals(THROW, onFailed[0]);
            assertTrue(((Object[]) onFailed[3])[0].toString().contains("pipelined on (request 8) failed"), java.util.Arrays.toString((Object[]) onFailed[3]));
            // A deadline that passed before the request ran: answered as such, not run. CANCEL of unknown ids: ignored.
            out.write(RawFrames.frame(CANCEL, 12345, 0));
            out.write(RawFrames.frame(DEADLINE, 10, 0));
            out.write(RawFrames.frame(LOOKUP_ROOT, 10, 0, "svc"));
            Object[] late = RawFrames.readFrame(in);
            assertEquals(THROW, late[0]);
            assertTrue(((Object[]) late[3])[0].toString().contains("deadline"), java.util.Arrays.toString((Object[]) late[3]));
            // A request cancelled before it ran is not run.
            out.write(RawFrames.frame(CANCEL, 11, 0));   // before the request itself: unknown then, so ignored
            out.write(RawFrames.frame(LOOKUP_ROOT, 11, 0, "svc"));
            assertEquals(3, RawFrames.readFrame(in)[0], "a CANCEL that came before its request does not touch it");
            // A flood of DEADLINE frames without their requests closes this connection (bounded by yonder.MaxInFlight).
            for (int i = 0; i < 10_001; i++) {
                out.write(RawFrames.frame(DEADLINE, 100_000 + i, 1_000));
            }
            out.flush();
            Object[] closing;
            do {
                closing = RawFrames.readFrame(in);
            } while ((int) closing[0] != 6);
            assertTrue(((Object[]) closing[3])[0].toString().contains("DEADLINE frames wait"), java.util.Arrays.toString((Object[]) closing[3]));
        }
        try (Context client = Yonder.client(server.url())) {
            assertEquals(7, Yonder.js(client, "Polyglot.import('svc').identity(7)").asInt(), "the server goes on serving others");
        }
    }
}
