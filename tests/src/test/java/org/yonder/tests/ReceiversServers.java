package org.yonder.tests;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.yonder.launcher.ServerProcess;

/** Base of the test classes that share the {@code receivers.js} and {@code receivers.py} server processes. */
abstract class ReceiversServers {
    static ServerProcess js;
    static ServerProcess py;

    @BeforeAll
    static void startServers() throws Exception {
        js = Yonder.server("receivers.js");
        py = Yonder.server("receivers.py");
    }

    @AfterAll
    static void stopServers() throws Exception {
        js.close();
        py.close();
    }

    /** Runs JS {@code code} in {@code client} with {@code fx}, the JS server's root, in scope; its value as a string. */
    static String jsRun(Context client, String code) {
        return Yonder.js(client, "{ const fx = Polyglot.import('fx'); " + code + " }").asString();
    }
}
