package org.yonder.language;

import com.oracle.truffle.api.nodes.Node;

import org.yonder.objspace.YonderError;

/**
 * A yonder source. The language's whole syntax:
 * <ul>
 * <li>{@code yonder://HOST:PORT/NAME}: the peer's root NAME (connects once per peer and reuses the connection);</li>
 * <li>{@code yonder://HOST:PORT}: the connection itself: {@code roots()}, {@code root(name)}, {@code stats()},
 * {@code close()};</li>
 * <li>{@code serve}: serves incoming requests on this thread until the context closes;</li>
 * <li>{@code listener}: the address this context listens on ({@code url}, {@code host}, {@code port}), or null;</li>
 * <li>{@code stats}: counters of all this context's sessions;</li>
 * <li>{@code stackOf}: a function that gives the owner's stack frames of a remote exception, as strings;</li>
 * <li>{@code async}: {@code async(fn)} or {@code async(obj, 'member')} makes calls that return a future at once;</li>
 * <li>{@code readOnly}: {@code readOnly(obj)} lets peers read {@code obj} but not change it;</li>
 * <li>{@code poll}: serves the requests and future callbacks queued for this context now, without waiting;</li>
 * <li>{@code timers}: {@code schedule(fn, ms, repeat)}, {@code cancel(id)}, {@code pending()}: the timers of this
 * context's event loop (the launcher's {@code setTimeout} and {@code setInterval} for JS scripts);</li>
 * <li>{@code loop}: runs this context's event loop until nothing is left to wait for (no timer, no pending call, no
 * unsettled remote promise), as {@code yonder run} does after the script;</li>
 * <li>{@code deadline}: {@code deadline(ms, fn)} runs {@code fn}; its remote calls that get no answer within {@code ms}
 * fail with a timeout error.</li>
 * </ul>
 */
record Command(Kind kind, Address address, String text) {
    enum Kind {
        ROOT,
        CONNECTION,
        SERVE,
        LISTENER,
        STATS,
        STACK_OF,
        ASYNC,
        READ_ONLY,
        POLL,
        TIMERS,
        LOOP,
        DEADLINE,
        CACHEABLE,
        PUBLISHABLE,
        ON_CHANGE,
        MULTIPLEX,
        LEAF
    }

    static Command parse(String source) {
        String text = source.strip();
        switch (text) {
            case "serve":
                return new Command(Kind.SERVE, null, text);
            case "listener":
                return new Command(Kind.LISTENER, null, text);
            case "stats":
                return new Command(Kind.STATS, null, text);
            case "stackOf":
                return new Command(Kind.STACK_OF, null, text);
            case "async":
                return new Command(Kind.ASYNC, null, text);
            case "readOnly":
                return new Command(Kind.READ_ONLY, null, text);
            case "poll":
                return new Command(Kind.POLL, null, text);
            case "timers":
                return new Command(Kind.TIMERS, null, text);
            case "loop":
                return new Command(Kind.LOOP, null, text);
            case "deadline":
                return new Command(Kind.DEADLINE, null, text);
            case "cacheable":
                return new Command(Kind.CACHEABLE, null, text);
            case "onChange":
                return new Command(Kind.ON_CHANGE, null, text);
            case "publishable":
                return new Command(Kind.PUBLISHABLE, null, text);
            case "multiplex":
                return new Command(Kind.MULTIPLEX, null, text);
            case "leaf":
                return new Command(Kind.LEAF, null, text);
            default:
                if (Address.looksLikeOne(text)) {
                    Address address = Address.parse(text);
                    return new Command(address.root() != null ? Kind.ROOT : Kind.CONNECTION, address, text);
                }
                throw YonderError.create("cannot parse '" + abbreviate(text) +
                                "'; a yonder source is yonder://HOST:PORT/NAME, yonders://HOST:PORT/NAME (TLS), yonder://HOST:PORT, serve, listener, stats, stackOf, async, readOnly, poll, timers, loop, deadline, cacheable, publishable, onChange, multiplex or leaf");
        }
    }

    Object run(YonderContext context, Node location) {
        return switch (kind) {
            case ROOT -> context.connect(address, location).root(address.root(), location);
            case CONNECTION -> context.connect(address, location).api(location);
            case SERVE -> {
                context.serve(location);
                yield GuestApi.NULL;
            }
            case LISTENER -> context.listenerApi();
            case STATS -> context.statsApi();
            case STACK_OF -> GuestApi.STACK_OF;
            case ASYNC -> GuestApi.ASYNC;
            case READ_ONLY -> GuestApi.READ_ONLY;
            case POLL -> {
                context.poll();
                yield GuestApi.NULL;
            }
            case TIMERS -> context.timersApi();
            case DEADLINE -> YonderContext.DEADLINE;
            case CACHEABLE -> GuestApi.CACHEABLE;
            case ON_CHANGE -> GuestApi.ON_CHANGE;
            case PUBLISHABLE -> GuestApi.PUBLISHABLE;
            case MULTIPLEX -> GuestApi.MULTIPLEX;
            case LEAF -> GuestApi.LEAF;
            case LOOP -> {
                context.runLoop(location);
                yield GuestApi.NULL;
            }
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
