package windlass.apiserver.storage;

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
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The embedded backend: one SQLite file in WAL mode with {@code synchronous=FULL}, so an acknowledged write survives
 * kill -9. Two tables: {@code kv} holds the current state, {@code log} every change (its id is the revision, global
 * and monotonic, never reused thanks to AUTOINCREMENT). All writes go through one writer thread, one transaction
 * each (group commit comes later: the single writer is where it will go); reads use a small pool of read
 * connections, each read one snapshot.
 */
public final class SqliteBackend implements Backend {
  private static final int READERS = 4;
  private static final int MAX_QUEUED_PER_WATCH = 100_000;

  private final Path file;
  private final Connection writeConn;
  private final ExecutorService writer;
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final WatchHub hub;
  private final LogQueries log = new LogQueries();
  /** The revision of the last committed write; advanced only by the writer thread. */
  private volatile long revision;
  private volatile long compacted;
  private volatile boolean closed;

  private SqliteBackend(Path file) throws SQLException {
    this.file = file;
    this.writeConn = connect(file, false);
    createSchema(writeConn);
    this.revision = log.currentRevision(writeConn);
    this.compacted = log.compactRevision(writeConn);
    writeConn.commit();
    for (int i = 0; i < READERS; i++) {
      readers.add(connect(file, true));
    }
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sqlite-writer " + file.getFileName());
      t.setDaemon(true);
      return t;
    });
    this.hub = new WatchHub(this::readAfter, revision, MAX_QUEUED_PER_WATCH);
  }

  /** Opens (creating if needed) the database file; its parent directory is created too. */
  public static SqliteBackend open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new SqliteBackend(file);
    } catch (SQLException | java.io.IOException e) {
      throw new StorageException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=10000");
      if (readOnly) {
        s.execute("PRAGMA query_only=1");
      }
    }
    c.setAutoCommit(false);
    return c;
  }

  private static void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, "
          + "create_revision INTEGER NOT NULL, mod_revision INTEGER NOT NULL) WITHOUT ROWID");
      s.execute("CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, "
          + "deleted INTEGER NOT NULL, create_revision INTEGER NOT NULL, prev_revision INTEGER NOT NULL, value BLOB)");
      s.execute("CREATE INDEX IF NOT EXISTS log_key_id ON log (key, id)");
      s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
    }
  }

  // ---- writes: on the writer thread, one transaction each, published after commit ----

  @Override
  public long create(String key, byte[] value) {
    return write(c -> {
      if (log.current(c, key) != null) {
        throw new StorageException(StorageException.Reason.KEY_EXISTS, key, 0, "key exists: " + key);
      }
      long rev = revision + 1;
      log.append(c, rev, key, false, rev, 0, value);
      log.putCurrent(c, key, value, rev, rev);
      return new Written<>(rev, new StorageEvent(StorageEvent.Type.PUT, new KeyValue(key, value, rev, rev), null));
    });
  }

  @Override
  public long update(String key, byte[] value, long expectedRevision) {
    return write(c -> {
      KeyValue cur = checked(c, key, expectedRevision);
      long rev = revision + 1;
      log.append(c, rev, key, false, cur.createRevision(), cur.modRevision(), value);
      log.putCurrent(c, key, value, cur.createRevision(), rev);
      KeyValue kv = new KeyValue(key, value, cur.createRevision(), rev);
      return new Written<>(rev, new StorageEvent(StorageEvent.Type.PUT, kv, cur));
    });
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    return write(c -> {
      KeyValue cur = checked(c, key, expectedRevision);
      long rev = revision + 1;
      log.append(c, rev, key, true, cur.createRevision(), cur.modRevision(), cur.value());
      log.deleteCurrent(c, key);
      KeyValue gone = new KeyValue(key, cur.value(), cur.createRevision(), rev);
      return new Written<>(gone, new StorageEvent(StorageEvent.Type.DELETE, gone, cur));
    });
  }

  private KeyValue checked(Connection c, String key, long expectedRevision) throws SQLException {
    KeyValue cur = log.current(c, key);
    if (cur == null) {
      throw new StorageException(StorageException.Reason.NOT_FOUND, key, 0, "key not found: " + key);
    }
    if (expectedRevision != 0 && cur.modRevision() != expectedRevision) {
      throw new StorageException(StorageException.Reason.CONFLICT, key, cur.modRevision(),
          "revision of " + key + " is " + cur.modRevision() + ", not " + expectedRevision);
    }
    return cur;
  }

  @Override
  public void compact(long target) {
    write(c -> {
      if (target > revision) {
        throw new StorageException(StorageException.Reason.FUTURE_REVISION, "", revision,
            "required revision " + target + " is a future revision (current: " + revision + ")");
      }
      if (target > compacted) {
        log.compact(c, target);
      }
      return new Written<>(null, null);
    });
  }

  private record Written<T>(T result, StorageEvent event) {}

  @FunctionalInterface
  private interface WriteWork<T> {
    Written<T> run(Connection c) throws SQLException;
  }

  private <T> T write(WriteWork<T> work) {
    if (closed) {
      throw new StorageException("the storage backend is closed", null);
    }
    Future<T> f = writer.submit(() -> {
      Written<T> w;
      try {
        w = work.run(writeConn);
        writeConn.commit();
      } catch (SQLException | RuntimeException e) {
        writeConn.rollback();
        throw e;
      }
      if (w.event() != null) {
        revision = w.event().revision();
        hub.publish(w.event());
      } else {
        compacted = log.compactRevision(writeConn);
        writeConn.commit();
      }
      return w.result();
    });
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while writing", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StorageException se) {
        throw se;
      }
      throw new StorageException("write failed: " + cause.getMessage(), cause);
    }
  }

  // ---- reads: a pooled read connection, one snapshot each ----

  @FunctionalInterface
  private interface ReadWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(ReadWork<T> work) {
    if (closed) {
      throw new StorageException("the storage backend is closed", null);
    }
    Connection c;
    try {
      c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while reading", e);
    }
    try {
      T r = work.run(c);
      c.commit();
      return r;
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the read failed already; that is the error to report
      }
      throw new StorageException("read failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the original error is the one to report
      }
      throw e;
    } finally {
      readers.add(c);
    }
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return Optional.ofNullable(read(c -> log.current(c, key)));
  }

  @Override
  public ListPage list(String prefix, String startAfter, long atRevision, int limit) {
    return read(c -> {
      long current = log.currentRevision(c);
      if (atRevision <= 0 || atRevision >= current) {
        return log.listCurrent(c, prefix, startAfter, limit, current);
      }
      long compactRev = log.compactRevision(c);
      if (atRevision < compactRev) {
        throw StorageException.compacted(atRevision, compactRev);
      }
      return log.listAt(c, prefix, startAfter, limit, atRevision);
    });
  }

  @Override
  public long count(String prefix) {
    return read(c -> log.count(c, prefix));
  }

  private List<StorageEvent> readAfter(String prefix, long after, int limit) {
    return read(c -> {
      long compactRev = log.compactRevision(c);
      if (after < compactRev) {
        throw StorageException.compacted(after, compactRev);
      }
      return log.readAfter(c, prefix, after, limit);
    });
  }

  @Override
  public BackendWatch watch(String prefix, long fromRevision, WatchListener listener) {
    long compactRev = compacted;
    if (fromRevision < compactRev) {
      throw StorageException.compacted(fromRevision, compactRev);
    }
    return hub.subscribe(prefix, fromRevision, listener);
  }

  @Override
  public long currentRevision() {
    return revision;
  }

  @Override
  public long compactRevision() {
    return compacted;
  }

  /** Watches open now (for tests and metrics). */
  public int watchCount() {
    return hub.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    hub.close();
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Connection> all = new ArrayList<>();
    readers.drainTo(all);
    all.add(writeConn);
    for (Connection c : all) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing; nothing left to do with this connection
      }
    }
  }

  /** The SQL of the two tables, apart from the transaction handling above. */
  private static final class LogQueries {
    long currentRevision(Connection c) throws SQLException {
      try (PreparedStatement p = c.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = 'log'");
          ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }

    long compactRevision(Connection c) throws SQLException {
      try (PreparedStatement p = c.prepareStatement("SELECT value FROM meta WHERE name = 'compact_revision'");
          ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }

    KeyValue current(Connection c, String key) throws SQLException {
      try (PreparedStatement p =
          c.prepareStatement("SELECT value, create_revision, mod_revision FROM kv WHERE key = ?")) {
        p.setString(1, key);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? new KeyValue(key, r.getBytes(1), r.getLong(2), r.getLong(3)) : null;
        }
      }
    }

    void append(Connection c, long id, String key, boolean deleted, long createRev, long prevRev, byte[] value)
        throws SQLException {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO log (id, key, deleted, create_revision, "
          + "prev_revision, value) VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setLong(1, id);
        p.setString(2, key);
        p.setInt(3, deleted ? 1 : 0);
        p.setLong(4, createRev);
        p.setLong(5, prevRev);
        p.setBytes(6, value);
        p.executeUpdate();
      }
    }

    void putCurrent(Connection c, String key, byte[] value, long createRev, long modRev) throws SQLException {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO kv (key, value, create_revision, mod_revision) "
          + "VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
          + "mod_revision = excluded.mod_revision")) {
        p.setString(1, key);
        p.setBytes(2, value);
        p.setLong(3, createRev);
        p.setLong(4, modRev);
        p.executeUpdate();
      }
    }

    void deleteCurrent(Connection c, String key) throws SQLException {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM kv WHERE key = ?")) {
        p.setString(1, key);
        p.executeUpdate();
      }
    }

    ListPage listCurrent(Connection c, String prefix, String startAfter, int limit, long current)
        throws SQLException {
      String sql = "SELECT key, value, create_revision, mod_revision FROM kv WHERE key >= ? AND key < ? AND key > ? "
          + "ORDER BY key" + (limit > 0 ? " LIMIT " + (limit + 1) : "");
      return page(c, sql, prefix, startAfter, limit, current, 0);
    }

    ListPage listAt(Connection c, String prefix, String startAfter, int limit, long at) throws SQLException {
      String sql = "SELECT key, value, create_revision, id FROM log WHERE id IN (SELECT MAX(id) FROM log "
          + "WHERE key >= ? AND key < ? AND key > ? AND id <= ? GROUP BY key) AND deleted = 0 ORDER BY key"
          + (limit > 0 ? " LIMIT " + (limit + 1) : "");
      return page(c, sql, prefix, startAfter, limit, at, at);
    }

    private ListPage page(Connection c, String sql, String prefix, String startAfter, int limit, long rev,
        long atParam) throws SQLException {
      List<KeyValue> items = new ArrayList<>();
      boolean more = false;
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, prefix);
        p.setString(2, upperBound(prefix));
        p.setString(3, startAfter);
        if (atParam > 0) {
          p.setLong(4, atParam);
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            if (limit > 0 && items.size() == limit) {
              more = true;
              break;
            }
            items.add(new KeyValue(r.getString(1), r.getBytes(2), r.getLong(3), r.getLong(4)));
          }
        }
      }
      return new ListPage(items, rev, more);
    }

    long count(Connection c, String prefix) throws SQLException {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM kv WHERE key >= ? AND key < ?")) {
        p.setString(1, prefix);
        p.setString(2, upperBound(prefix));
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      }
    }

    List<StorageEvent> readAfter(Connection c, String prefix, long after, int limit) throws SQLException {
      List<StorageEvent> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT l.id, l.key, l.deleted, l.create_revision, "
          + "l.prev_revision, l.value, p.value FROM log l LEFT JOIN log p ON p.id = l.prev_revision "
          + "WHERE l.id > ? AND l.key >= ? AND l.key < ? ORDER BY l.id LIMIT ?")) {
        p.setLong(1, after);
        p.setString(2, prefix);
        p.setString(3, upperBound(prefix));
        p.setInt(4, limit);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            long id = r.getLong(1);
            String key = r.getString(2);
            boolean deleted = r.getInt(3) == 1;
            long createRev = r.getLong(4);
            long prevRev = r.getLong(5);
            byte[] value = r.getBytes(6);
            byte[] prevValue = r.getBytes(7);
            KeyValue kv = new KeyValue(key, value, createRev, id);
            if (deleted) {
              out.add(new StorageEvent(StorageEvent.Type.DELETE, kv, new KeyValue(key, value, createRev, prevRev)));
            } else {
              KeyValue prev = prevRev == 0 || prevValue == null ? null : new KeyValue(key, prevValue, createRev, prevRev);
              out.add(new StorageEvent(StorageEvent.Type.PUT, kv, prev));
            }
          }
        }
      }
      return out;
    }

    /**
     * Deletes the history below {@code target} that no read at {@code target} or later needs: rows superseded by a
     * later row at or below {@code target}, and deletions.
     */
    void compact(Connection c, long target) throws SQLException {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM log WHERE id < ? AND (deleted = 1 OR EXISTS "
          + "(SELECT 1 FROM log n WHERE n.key = log.key AND n.id > log.id AND n.id <= ?))")) {
        p.setLong(1, target);
        p.setLong(2, target);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO meta (name, value) VALUES ('compact_revision', ?) "
          + "ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
        p.setLong(1, target);
        p.executeUpdate();
      }
    }

    /** The smallest string above every key starting with {@code prefix}. */
    private static String upperBound(String prefix) {
      if (prefix.isEmpty()) {
        return "\uffff";
      }
      char last = prefix.charAt(prefix.length() - 1);
      return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }
  }
}
