package org.yonder.language.present;

import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.marshal.ImmutableArray;

/**
 * Presents remote values in the receiving guest's own kinds (the LocalSpace hooks of a context): JS undefined and
 * BigInt for every receiver (what a local JS value would be to it), Python tuples for Python receivers, and remote
 * exceptions as the calling language's built-in exceptions. Off with {@code --yonder.Present=false}.
 */
public final class Presenter {
    private final boolean on;
    private final JsNatives js;
    private final PythonNatives python;
    private final NativeErrors errors;

    public Presenter(Env env, boolean on) {
        this.on = on;
        this.js = new JsNatives(env);
        this.python = new PythonNatives(env);
        this.errors = new NativeErrors(env);
    }

    public Object present(Object value, Node location, Object target) {
        if (!on) {
            return value;
        }
        if (value instanceof ImmutableArray array) {
            boolean python = target != null ? Receivers.ownedByPython(target) : "python".equals(Receivers.callerLanguage(location));
            return python ? this.python.present(array) : value;
        }
        return js.present(value);
    }

    public RuntimeException presentThrown(RuntimeException thrown, Node location) {
        return on ? errors.present(thrown, location) : thrown;
    }
}
