package org.yonder.tests;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the test classes with one JS client per test against the shared {@code svc.js} server. The client's
 * globals: {@code svc} (the root) and {@code conn} (the connection, for its counters).
 */
abstract class SvcClient extends SvcServer {
    Context client;

    @BeforeEach
    void connectClient() {
        client = Yonder.client(server.url());
        Yonder.js(client, "var svc = Polyglot.import('svc'); var conn = Polyglot.eval('yonder', '" + server.url() + "');");
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
