package windlass.apiserver.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The embedded backend: one SQLite file in WAL mode with {@code synchronous=FULL}, so an acknowledged write survives
 * kill -9. Two tables: {@code kv} holds the current state (key, create and mod revision; the value is the log row's
 * at the mod revision, so each write stores it once), {@code log} every change (its id is the revision, global and
 * monotonic, never reused thanks to AUTOINCREMENT). All writes go through one writer thread that commits the writes
 * waiting in its queue together (group commit: one transaction and one fsync per batch, each caller answered after
 * COMMIT), with statements prepared once; reads use a small pool of read connections, each read one snapshot.
 */
public final class SqliteBackend implements Backend {
  private static final int READERS = 4;
  private static final int MAX_QUEUED_PER_WATCH = 100_000;
  private static final int MAX_BATCH = 256;

  private final Path file;
  private final Connection writeConn;
  private final BlockingQueue<WriteRequest<?>> writes = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final WatchHub hub;
  private final SqliteQueries log = new SqliteQueries();
  private final SqliteWriteStatements stmts;
  /** The revision of the last committed write; advanced only by the writer thread. */
  private volatile long revision;
  /** The revision of the last write in the open batch (writer thread only): the next write gets one more. */
  private long pending;
  private volatile long compacted;
  private volatile boolean closed;

  private SqliteBackend(Path file) throws SQLException {
    this.file = file;
    this.writeConn = connect(file, false);
    createSchema(writeConn);
    this.revision = log.currentRevision(writeConn);
    this.compacted = log.compactRevision(writeConn);
    writeConn.commit();
    this.stmts = new SqliteWriteStatements(writeConn);
    for (int i = 0; i < READERS; i++) {
      readers.add(connect(file, true));
    }
    this.pending = revision;
    this.hub = new WatchHub(this::readAfter, revision, MAX_QUEUED_PER_WATCH);
    this.writer = new Thread(this::writeLoop, "sqlite-writer " + file.getFileName());
    this.writer.setDaemon(true);
    this.writer.start();
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
      s.execute("PRAGMA journal_size_limit=" + (64 << 20)); // the WAL file is cut back to 64 MiB after checkpoints
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
      long rev = pending + 1;
      if (!stmts.insertCurrent(key, rev)) { // the key exists: nothing was written
        throw new StorageException(StorageException.Reason.KEY_EXISTS, key, 0, "key exists: " + key);
      }
      stmts.append(rev, key, false, rev, 0, value);
      return new Written<>(rev, new StorageEvent(StorageEvent.Type.PUT, new KeyValue(key, value, rev, rev), null));
    });
  }

  @Override
  public long update(String key, byte[] value, long expectedRevision) {
    return write(c -> {
      KeyValue cur = checked(key, expectedRevision);
      long rev = pending + 1;
      stmts.append(rev, key, false, cur.createRevision(), cur.modRevision(), value);
      stmts.updateCurrent(key, rev);
      KeyValue kv = new KeyValue(key, value, cur.createRevision(), rev);
      return new Written<>(rev, new StorageEvent(StorageEvent.Type.PUT, kv, cur));
    });
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    return write(c -> {
      KeyValue cur = checked(key, expectedRevision);
      long rev = pending + 1;
      stmts.append(rev, key, true, cur.createRevision(), cur.modRevision(), cur.value());
      stmts.deleteCurrent(key);
      KeyValue gone = new KeyValue(key, cur.value(), cur.createRevision(), rev);
      return new Written<>(gone, new StorageEvent(StorageEvent.Type.DELETE, gone, cur));
    });
  }

  private KeyValue checked(String key, long expectedRevision) throws SQLException {
    KeyValue cur = stmts.current(key);
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
      if (target > pending) {
        throw new StorageException(StorageException.Reason.FUTURE_REVISION, "", pending,
            "required revision " + target + " is a future revision (current: " + pending + ")");
      }
      if (target > compacted) {
        log.compact(c, target);
      }
      return new Written<>(null, null);
    });
  }

  private record Written<T>(T result, StorageEvent event) {}

  /**
   * One write's work on the writer connection. It throws {@link StorageException} only for a failed precondition
   * (key exists, not found, conflict, future revision) and only before it changed anything, so such a failure needs
   * no rollback; any other failure may leave a partial change behind.
   */
  @FunctionalInterface
  private interface WriteWork<T> {
    Written<T> run(Connection c) throws SQLException;
  }

  /** A write waiting for the writer thread, and the caller waiting for its answer. */
  private static final class WriteRequest<T> {
    final WriteWork<T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();
    Written<T> written;
    Exception failure;

    WriteRequest(WriteWork<T> work) {
      this.work = work;
    }

    void complete() {
      if (failure != null) {
        done.completeExceptionally(failure);
      } else {
        done.complete(written.result());
      }
    }
  }

  private <T> T write(WriteWork<T> work) {
    if (closed) {
      throw new StorageException("the storage backend is closed", null);
    }
    WriteRequest<T> req = new WriteRequest<>(work);
    writes.add(req);
    if (closed && writes.remove(req)) { // closed while queueing: nobody would take it
      throw new StorageException("the storage backend is closed", null);
    }
    try {
      return req.done.get();
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

  /**
   * The writer thread. Group commit: every write waiting in the queue (up to {@link #MAX_BATCH}) goes into one
   * transaction; a write that fails (key exists, conflict, SQL error) fails alone and the others commit. One COMMIT
   * (one fsync with synchronous=FULL) for the batch; then the changes are published to watches in revision order and
   * each caller gets its answer. A failed COMMIT fails the batch.
   */
  private void writeLoop() {
    List<WriteRequest<?>> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        WriteRequest<?> first = writes.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        batch.add(first);
        writes.drainTo(batch, MAX_BATCH - 1);
      } catch (InterruptedException e) {
        return;
      }
      runBatch(batch);
      batch.clear();
    }
  }

  /**
   * Runs the batch without savepoints first: a failed precondition changes nothing (see {@link WriteWork}), so only
   * an unexpected failure (an SQL error mid-write) needs undoing; then the whole transaction is rolled back and the
   * batch runs again with one savepoint per write, so the failing write is rolled back alone.
   */
  private void runBatch(List<WriteRequest<?>> batch) {
    boolean compacting = false;
    try {
      if (!runDirect(batch)) {
        writeConn.rollback();
        pending = revision;
        for (WriteRequest<?> req : batch) {
          compacting |= runInSavepoint(req);
        }
      } else {
        for (WriteRequest<?> req : batch) {
          compacting |= req.failure == null && req.written.event() == null;
        }
      }
      writeConn.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        writeConn.rollback();
      } catch (SQLException ignored) {
        // the commit failed already; that is the error every caller gets
      }
      pending = revision;
      for (WriteRequest<?> req : batch) {
        req.done.completeExceptionally(new StorageException("write failed: " + e.getMessage(), e));
      }
      return;
    }
    for (WriteRequest<?> req : batch) {
      if (req.failure == null && req.written.event() != null) {
        revision = req.written.event().revision();
        hub.publish(req.written.event());
      }
    }
    if (compacting) {
      try {
        compacted = log.compactRevision(writeConn);
        writeConn.commit();
        checkpoint();
      } catch (SQLException e) {
        // the compaction committed; the cached revision is refreshed by the next one
      }
    }
    for (WriteRequest<?> req : batch) {
      req.complete();
    }
  }

  /** Runs every write of the batch without savepoints; false at the first failure that is not a precondition's. */
  private boolean runDirect(List<WriteRequest<?>> batch) {
    for (WriteRequest<?> req : batch) {
      if (!runDirect(req)) {
        for (WriteRequest<?> r : batch) {
          r.written = null;
          r.failure = null;
        }
        return false;
      }
    }
    return true;
  }

  private <T> boolean runDirect(WriteRequest<T> req) {
    try {
      req.written = req.work.run(writeConn);
    } catch (StorageException e) {
      req.failure = e; // a failed precondition: nothing was written
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
    if (req.written.event() != null) {
      pending = req.written.event().revision();
    }
    return true;
  }

  /** Runs one write inside a savepoint; true when it was a compaction. A failure rolls back only this write. */
  private <T> boolean runInSavepoint(WriteRequest<T> req) throws SQLException {
    stmts.savepoint();
    try {
      req.written = req.work.run(writeConn);
      stmts.release();
    } catch (SQLException | RuntimeException e) {
      stmts.rollbackToSavepoint();
      stmts.release();
      req.failure = e;
      return false;
    }
    if (req.written.event() != null) {
      pending = req.written.event().revision();
      return false;
    }
    return true;
  }

  /** After a compaction: hand the WAL's pages back to the main file (passive: never waits for readers). */
  private void checkpoint() throws SQLException {
    try (Statement s = writeConn.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
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
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    WriteRequest<?> left;
    while ((left = writes.poll()) != null) {
      left.done.completeExceptionally(new StorageException("the storage backend is closed", null));
    }
    stmts.close();
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
}
