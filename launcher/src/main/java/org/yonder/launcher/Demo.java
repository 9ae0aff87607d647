package org.yonder.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code yonder demo}: the seeds' scenario across two real processes. A server process runs demo/server.js and
 * exports {@code x}; this process runs demo/client.js against it over TCP on 127.0.0.1.
 */
final class Demo {
    private Demo() {
    }

    static int run(PrintStream out, PrintStream err) {
        try {
            Path dir = Files.createTempDirectory("yonder-demo");
            Path server = extract(dir, "server.js");
            Path client = extract(dir, "client.js");
            out.println("yonder demo: starting the server process (" + server + ")");
            try (ServerProcess process = ServerProcess.start(server, "127.0.0.1:0", out, "  [server] ", 60)) {
                out.println("yonder demo: server pid " + process.pid() + " listens on " + process.url());
                out.println("yonder demo: running the client in this process (pid " + ProcessHandle.current().pid() + ")");
                int status = Main.runClient(client, process.url(), java.util.Map.of(), out, err);
                out.println(status == 0 ? "yonder demo: done" : "yonder demo: the client failed with status " + status);
                return status;
            }
        } catch (IOException e) {
            err.println("yonder demo: " + e.getMessage());
            return 1;
        }
    }

    static Path extract(Path dir, String name) throws IOException {
        try (InputStream in = Demo.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IOException("demo/" + name + " is missing from the launcher");
            }
            Path target = dir.resolve(Path.of(name).getFileName().toString());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            return target;
        }
    }
}
