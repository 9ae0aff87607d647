package org.yonder.language;

import java.net.URI;
import java.net.URISyntaxException;

import org.yonder.objspace.YonderError;
import org.yonder.objspace.auth.Tls;

/**
 * Where a peer is: {@code yonder://HOST:PORT[/ROOT]} over TCP, {@code yonders://HOST:PORT[/ROOT][?fingerprint=sha256:HEX]}
 * over TLS 1.3 (the fingerprint pins the server's certificate), or {@code yonder+mem://NAME[/ROOT]} in this JVM.
 */
record Address(boolean inMemory, boolean tls, String host, int port, String root, String fingerprint) {
    static final String SCHEME = "yonder";
    static final String TLS_SCHEME = "yonders";
    static final String MEMORY_SCHEME = "yonder+mem";

    static boolean looksLikeOne(String text) {
        return text.startsWith(SCHEME + "://") || text.startsWith(TLS_SCHEME + "://") || text.startsWith(MEMORY_SCHEME + "://");
    }

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
            return new Address(true, false, uri.getAuthority(), 0, root, null);
        }
        boolean tls = TLS_SCHEME.equals(uri.getScheme());
        if (!(tls || SCHEME.equals(uri.getScheme())) || uri.getHost() == null || uri.getPort() < 0) {
            throw YonderError.create("'" + url + "' is not a yonder URL; the form is yonder://HOST:PORT/NAME, or yonders://HOST:PORT/NAME for TLS");
        }
        String fingerprint = null;
        if (uri.getQuery() != null) {
            for (String part : uri.getQuery().split("&")) {
                if (tls && part.startsWith("fingerprint=")) {
                    fingerprint = Tls.normalizeFingerprint(part.substring("fingerprint=".length()));
                    if (fingerprint == null) {
                        throw YonderError.create("'" + url + "' pins a fingerprint that is not sha256: and 64 hex digits");
                    }
                } else {
                    throw YonderError.create("'" + url + "' has the parameter '" + part + "'; the only one is fingerprint=sha256:HEX, of a yonders:// URL");
                }
            }
        }
        return new Address(false, tls, uri.getHost(), uri.getPort(), root, fingerprint);
    }

    /** Parses a listen address: {@code HOST:PORT}, {@code PORT} or {@code mem:NAME}. */
    static Address parseListen(String spec) {
        String s = spec.trim();
        if (s.startsWith("mem:")) {
            return new Address(true, false, s.substring(4), 0, null, null);
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
            return new Address(false, false, host.isEmpty() ? "127.0.0.1" : host, port, null, null);
        } catch (NumberFormatException e) {
            throw YonderError.create("'" + spec + "' is not a listen address; the form is HOST:PORT (port 0 picks a free port)");
        }
    }

    /** The URL of the peer itself, without a root (with the pinned fingerprint: a different pin is a different peer). */
    String url() {
        if (inMemory) {
            return MEMORY_SCHEME + "://" + host;
        }
        return (tls ? TLS_SCHEME : SCHEME) + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
                        + (fingerprint != null ? "?fingerprint=" + fingerprint : "");
    }
}
