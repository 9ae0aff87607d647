package org.yonder.tests;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the test classes with one Java (polyglot Value) client per test against the shared {@code svc.js} server. */
abstract class SvcJavaClient extends SvcServer {
    Context context;
    Value svc;

    @BeforeEach
    void connectJavaClient() {
        context = Context.newBuilder().allowAllAccess(true).build();
        svc = context.eval("yonder", server.url() + "/svc");
    }

    @AfterEach
    void closeJavaClient() {
        context.close();
    }
}
