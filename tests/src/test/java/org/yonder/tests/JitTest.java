package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

class JitTest {
    @Test
    void graalJitIsOnInTests() {
        try (Engine engine = Engine.create()) {
            assertNotEquals("Interpreted", engine.getImplementationName(), "Truffle runs interpreter-only: the JIT flags are missing");
            assertTrue(engine.getLanguages().containsKey("yonder"));
            assertTrue(engine.getLanguages().containsKey("js"));
        }
    }

    @Test
    void assertionsAreOn() {
        boolean on = false;
        assert on = true;
        assertEquals(true, on, "tests must run with -ea (interop contract assertions)");
    }
}
