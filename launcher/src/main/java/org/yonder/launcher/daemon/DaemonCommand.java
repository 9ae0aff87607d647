package org.yonder.launcher.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yonder.launcher.CommandLine;

/**
 * {@code yonder daemon start} starts the daemon that {@code yonder run} would use here (this folder, environment and
 * build) and waits until it listens; {@code yonder daemon status} lists this user's daemons (every key: one per working
 * folder, environment and build) and {@code yonder daemon stop} stops them all, cancelling a script that is running. A
 * socket file whose daemon is gone is removed.
 */
final class DaemonCommand {
    private DaemonCommand() {
    }

    static int run(Installation installation, Map<String, String> env, List<String> args) {
        if (args.size() != 1 || !List.of("start", "status", "stop").contains(args.get(0))) {
            System.err.println("yonder: daemon takes start, status or stop");
            return CommandLine.usage(System.err);
        }
        if (args.get(0).equals("start")) {
            return start(installation, env);
        }
        boolean stop = args.get(0).equals("stop");
        Path folder = DaemonFolder.of(env);
        if (!Files.isDirectory(folder)) {
            System.out.println("yonder: no daemon (" + folder + " does not exist)");
            return 0;
        }
        List<Path> sockets;
        try (Stream<Path> files = Files.list(folder)) {
            sockets = files.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().toList();
        } catch (IOException e) {
            System.err.println("yonder: cannot list " + folder + ": " + e.getMessage());
            return 1;
        }
        int found = 0;
        for (Path socket : sockets) {
            String answer = ask(socket, stop ? Frames.STOP : Frames.STATUS);
            if (answer == null) {
                try {
                    Files.deleteIfExists(socket);
                } catch (IOException e) {
                    // Leave it.
                }
                continue;
            }
            found++;
            System.out.println(answer);
        }
        if (found == 0) {
            System.out.println("yonder: no daemon running (" + folder + ")");
        }
        return 0;
    }

    private static int start(Installation installation, Map<String, String> env) {
        try {
            Path folder = DaemonFolder.ensure(env);
            DaemonStarter starter = new DaemonStarter(installation, folder, DaemonKey.of(installation, Path.of("").toAbsolutePath(), env));
            Process daemon = starter.startInBackground(0, true);
            try (SocketChannel listening = starter.awaitListening(daemon, 180_000)) {
                if (listening == null) {
                    System.err.println("yonder: the daemon did not start (see " + starter.log() + ")");
                    return 1;
                }
            }
            System.out.println(ask(starter.socket(), Frames.STATUS));
            return 0;
        } catch (IOException e) {
            System.err.println("yonder: cannot start the daemon: " + e.getMessage());
            return 1;
        }
    }

    /** The daemon's answer to a STATUS or STOP, or null if no daemon answers on {@code socket}. */
    private static String ask(Path socket, byte request) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Frames.write(Channels.newOutputStream(channel), request, new byte[0]);
            InputStream in = Channels.newInputStream(channel);
            Frames.Frame f = Frames.read(in);
            return f != null && f.type() == Frames.INFO ? f.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
