package org.yonder.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.yonder.launcher.ServerProcess;

/** Base of the test classes that each share one {@code replicas.js} server process (cacheable objects). */
abstract class ReplicasServer {
    static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = Yonder.server("replicas.js");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }
}
