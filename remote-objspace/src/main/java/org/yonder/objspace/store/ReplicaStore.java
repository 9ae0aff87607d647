package org.yonder.objspace.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's store of publishable replicas, on disk: SQLite (org.xerial:sqlite-jdbc) in WAL mode, so several client
 * processes of one user can share a file and a process killed in the middle of a write leaves it readable. An entry is
 * keyed by the server's identity (which its HELLO answer names) and the object's publish key, and holds the state's
 * digest and the state in Yonder's own encoding ({@link StoredState}), never a language's serializer. Which identity
 * answered at which address is kept too, so that a client knows what to revalidate before it connects. A store that
 * cannot be opened or read is reported once, set aside, and replaced by an empty one: nothing crashes.
 */
public final class ReplicaStore implements AutoCloseable {
    /** One stored replica. */
    public record Entry(String key, String digest, byte[] state) {
    }

    private final String where;
    private Connection db;
    private boolean warned;

    private ReplicaStore(String where, Connection db) {
        this.where = where;
        this.db = db;
    }

    /** An in-memory store (for tests): nothing survives the process. */
    public static ReplicaStore inMemory() {
        try {
            return new ReplicaStore(":memory:", init(DriverManager.getConnection("jdbc:sqlite::memory:")));
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite is not usable here: " + e.getMessage(), e);
        }
    }

    /** The store in {@code file}, made if missing; a file that is not a readable store is set aside with a warning. */
    public static ReplicaStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new ReplicaStore(file.toString(), init(DriverManager.getConnection("jdbc:sqlite:" + file)));
        } catch (Exception e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            System.err.println("yonder: the replica store " + file + " is unreadable (" + e.getMessage() + "); it was moved to " + aside
                            + " and replicas start from an empty store");
            try {
                Files.move(file, aside);
                for (String suffix : new String[]{"-wal", "-shm"}) {
                    Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
                }
                return new ReplicaStore(file.toString(), init(DriverManager.getConnection("jdbc:sqlite:" + file)));
            } catch (Exception again) {
                ReplicaStore memory = inMemory();
                memory.warned = true;
                return memory;
            }
        }
    }

    /** The default place: {@code $XDG_CACHE_HOME/yonder/replicas.db}, or {@code ~/.cache/yonder/replicas.db}. */
    public static Path defaultFile() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("yonder").resolve("replicas.db");
    }

    private static Connection init(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("CREATE TABLE IF NOT EXISTS replicas (server TEXT NOT NULL, key TEXT NOT NULL, digest TEXT NOT NULL, state BLOB NOT NULL, PRIMARY KEY (server, key))");
            s.execute("CREATE TABLE IF NOT EXISTS servers (address TEXT PRIMARY KEY, server TEXT NOT NULL)");
            // A file that is not a database fails here, not at the first write.
            s.executeQuery("SELECT count(*) FROM replicas").close();
        }
        return c;
    }

    /** The identity that last answered at {@code address}, or null. */
    public synchronized String serverAt(String address) {
        try (PreparedStatement p = db.prepareStatement("SELECT server FROM servers WHERE address = ?")) {
            p.setString(1, address);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            failed(e);
            return null;
        }
    }

    public synchronized void rememberServer(String address, String server) {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO servers (address, server) VALUES (?, ?)")) {
            p.setString(1, address);
            p.setString(2, server);
            p.executeUpdate();
        } catch (SQLException e) {
            failed(e);
        }
    }

    /** Every replica stored for {@code server}. */
    public synchronized List<Entry> entries(String server) {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT key, digest, state FROM replicas WHERE server = ? ORDER BY key")) {
            p.setString(1, server);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(r.getString(1), r.getString(2), r.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            failed(e);
        }
        return out;
    }

    public synchronized void put(String server, String key, String digest, byte[] state) {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO replicas (server, key, digest, state) VALUES (?, ?, ?, ?)")) {
            p.setString(1, server);
            p.setString(2, key);
            p.setString(3, digest);
            p.setBytes(4, state);
            p.executeUpdate();
        } catch (SQLException e) {
            failed(e);
        }
    }

    public synchronized void remove(String server, String key) {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM replicas WHERE server = ? AND key = ?")) {
            p.setString(1, server);
            p.setString(2, key);
            p.executeUpdate();
        } catch (SQLException e) {
            failed(e);
        }
    }

    /** A failure after opening (the disk full, the file removed): reported once; the store goes on as it can. */
    private void failed(SQLException e) {
        if (!warned) {
            warned = true;
            System.err.println("yonder: the replica store " + where + " failed (" + e.getMessage() + "); replicas are not kept on disk meanwhile");
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Closing anyway.
        }
    }
}
