package org.yonder.language;

import java.net.URI;
import java.net.URISyntaxException;

import org.yonder.objspace.YonderError;

/**
 * Where a peer is: {@code yonder://HOST:PORT[/ROOT]} over TCP, or {@code yonder+mem://NAME[/ROOT]} in this JVM.
 */
record Address(boolean inMemory, String host, int port, String root) {
    static final String SCHEME = "yonder";
    static final String MEMORY_SCHEME = "yonder+mem";

    static Address parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw YonderError.create("'" + url + "' is not a yonder URL: " + e.getMessage());
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String root = path.length() > 1 ? path.substring(1) : null;
        if (root != null && root.contains("/")) {
            throw YonderError.create("'" + url + "' names a root with a '/'; the form is yonder://HOST:PORT/NAME");
        }
        if (MEMORY_SCHEME.equals(uri.getScheme()) && uri.getAuthority() != null) {
            return new Address(true, uri.getAuthority(), 0, root);
        }
        if (!SCHEME.equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw YonderError.create("'" + url + "' is not a yonder URL; the form is yonder://HOST:PORT or yonder://HOST:PORT/NAME");
        }
        return new Address(false, uri.getHost(), uri.getPort(), root);
    }

    /** Parses a listen address: {@code HOST:PORT}, {@code PORT} or {@code mem:NAME}. */
    static Address parseListen(String spec) {
        String s = spec.trim();
        if (s.startsWith("mem:")) {
            return new Address(true, s.substring(4), 0, null);
        }
        int colon = s.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Address(false, host.isEmpty() ? "127.0.0.1" : host, port, null);
        } catch (NumberFormatException e) {
            throw YonderError.create("'" + spec + "' is not a listen address; the form is HOST:PORT (port 0 picks a free port)");
        }
    }

    /** The URL of the peer itself, without a root. */
    String url() {
        if (inMemory) {
            return MEMORY_SCHEME + "://" + host;
        }
        return SCHEME + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
