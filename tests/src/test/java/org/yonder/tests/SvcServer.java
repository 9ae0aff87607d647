package org.yonder.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.yonder.launcher.ServerProcess;

/** Base of the test classes that share one {@code svc.js} server process. */
abstract class SvcServer {
    static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = Yonder.server("svc.js");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }
}
