package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * Keyword arguments reach a remote Python callee as keyword arguments (scope item 3): a Python client calls remote
 * functions and methods with {@code f(1, c=9)} and {@code **kwargs}, the callee's own TypeError comes back for a
 * keyword it does not take, and keyword values keep their kinds (a tuple stays a tuple).
 */
class KeywordArgumentsTest extends ReceiversServers {
    private static String py(Context client, String code) {
        return client.eval("python", "import polyglot\nconn = polyglot.eval(language='yonder', string='" + py.url() + "')\n"
                        + "scaled = conn.root('scaled')\nwalker = conn.root('walker')\nkwargs_of = conn.root('kwargs_of')\n" + code).asString();
    }

    @Test
    void functionsAndMethodsTakeKeywordArguments() {
        try (Context client = Yonder.client(py.url())) {
            assertEquals("[3, 6, 30, 21]", py(client, "str([scaled(1), scaled(1, b=5), scaled(1, 2, scale=10), scaled(**{'a': 1, 'b': 6, 'scale': 3})])"));
            assertEquals("Rex fetches stick x3", py(client, "walker.fetch('stick', times=3)"));
            assertEquals("[('x', (1, 2)), ('y', None)]", py(client, "str(kwargs_of(x=(1, 2), y=None))"), "a tuple and None keep their kinds");
            assertEquals("True", py(client, "str(scaled is conn.root('scaled'))"));
        }
    }

    @Test
    void aKeywordTheCalleeDoesNotTakeIsItsOwnTypeError() {
        try (Context client = Yonder.client(py.url())) {
            assertEquals("TypeError: scaled() got an unexpected keyword argument 'nope'",
                            py(client, "try:\n    scaled(1, nope=2)\n    r = 'no error'\nexcept TypeError as e:\n    r = 'TypeError: ' + str(e)\nr"));
        }
    }
}
