package org.yonder.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.yonder.launcher.ServerProcess;

/** Test fixtures: server processes started from test scripts, and client contexts connected to them. */
final class Yonder {
    private Yonder() {
    }

    /** Starts {@code yonder serve} on a test script from resources/servers, on a free port of 127.0.0.1. */
    static ServerProcess server(String script, String... options) throws IOException {
        Path dir = Files.createTempDirectory("yonder-test");
        Path file = dir.resolve(script);
        try (InputStream in = Yonder.class.getResourceAsStream("/servers/" + script)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return ServerProcess.start(file, "127.0.0.1:0", System.out, "[server " + script + "] ", 60, options);
    }

    /** Starts {@code yonder serve} on a script file of the repository (a path relative to this module). */
    static ServerProcess serverFile(Path script, String... options) throws IOException {
        if (!Files.isRegularFile(script)) {
            throw new IOException("no server script at " + script.toAbsolutePath());
        }
        return ServerProcess.start(script, "127.0.0.1:0", System.out, "[server " + script.getFileName() + "] ", 60, options);
    }

    /** A client context whose polyglot bindings hold the server's roots, as {@code yonder run --connect} does. */
    static Context client(String url) {
        Context context = Context.newBuilder().allowAllAccess(true).option("yonder.Connect", url).build();
        context.initialize("yonder");
        return context;
    }

    /** A client context with these yonder options (name, value, ...), not connected yet. */
    static Context clientWith(String... options) {
        Context.Builder b = Context.newBuilder().allowAllAccess(true);
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return b.build();
    }

    /** A file only its owner may read (chmod 600), as secrets, access files and key stores must be. */
    static Path privateFile(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    static Value js(Context context, String code) {
        return context.eval("js", code);
    }

    /** The client's round trips on its connection to {@code url} so far. */
    static long roundTrips(Context context, String url) {
        return context.eval("yonder", url).invokeMember("stats").getMember("roundTrips").asLong();
    }
}
