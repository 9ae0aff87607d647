package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;
import org.yonder.launcher.ServerProcess;

/**
 * Connections are capped per listener ({@code yonder.MaxSessions}): past the cap a connection gets a PROTOCOL_ERROR
 * that names the limit and is closed, so a flood of idle connections costs a bounded number of threads. Before, 1,500
 * idle connections cost 1,524 threads and 430 MB. When the flood goes, clients are served again.
 */
class ConnectionFloodTest {
    @Test
    void connectionsPastTheCapAreRefusedWithTheLimitsName() throws Exception {
        try (ServerProcess server = Yonder.server("attack.js", "--yonder.MaxSessions=20")) {
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    flood.add(connect(server));
                }
                Thread.sleep(300);
                int refused = 0;
                for (int i = 0; i < 100; i++) {
                    try (Socket extra = connect(server)) {
                        extra.setSoTimeout(10_000);
                        Object[] frame = RawFrames.readFrame(new DataInputStream(extra.getInputStream()));
                        assertEquals(6, frame[0], "PROTOCOL_ERROR");
                        String message = String.valueOf(((Object[]) frame[3])[0]);
                        assertTrue(message.contains("its limit (yonder.MaxSessions)"), message);
                        assertEquals(-1, extra.getInputStream().read(), "then the connection closes");
                        refused++;
                    }
                }
                assertEquals(100, refused);
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
            Thread.sleep(500);
            try (Context client = Yonder.client(server.url())) {
                assertEquals(7, Yonder.js(client, "Polyglot.import('api').echo(7)").asInt(), "served again once the flood is gone");
            }
        }
    }

    private static Socket connect(ServerProcess server) throws IOException {
        URI uri = URI.create(server.url());
        return new Socket(uri.getHost(), uri.getPort());
    }
}
