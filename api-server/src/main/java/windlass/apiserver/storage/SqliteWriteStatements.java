package windlass.apiserver.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The writer connection's statements of {@link SqliteBackend}, each prepared once and reused for every write (SQLite
 * compiles a statement on prepare; the writer runs a handful per write, so compiling them every time cost more than
 * running them). Writer thread only; every method runs inside the writer's open transaction.
 */
final class SqliteWriteStatements implements AutoCloseable {
  private final PreparedStatement current;
  private final PreparedStatement insertCurrent;
  private final PreparedStatement updateCurrent;
  private final PreparedStatement deleteCurrent;
  private final PreparedStatement append;
  private final PreparedStatement savepoint;
  private final PreparedStatement release;
  private final PreparedStatement rollbackTo;

  SqliteWriteStatements(Connection c) throws SQLException {
    current = c.prepareStatement(SqliteQueries.CURRENT);
    insertCurrent = c.prepareStatement("INSERT INTO kv (key, value, create_revision, mod_revision) "
        + "VALUES (?, X'', ?, ?) ON CONFLICT (key) DO NOTHING");
    updateCurrent = c.prepareStatement("UPDATE kv SET value = X'', mod_revision = ? WHERE key = ?");
    deleteCurrent = c.prepareStatement("DELETE FROM kv WHERE key = ?");
    append = c.prepareStatement("INSERT INTO log (id, key, deleted, create_revision, prev_revision, value) "
        + "VALUES (?, ?, ?, ?, ?, ?)");
    savepoint = c.prepareStatement("SAVEPOINT w");
    release = c.prepareStatement("RELEASE w");
    rollbackTo = c.prepareStatement("ROLLBACK TO w");
  }

  /** The current row of {@code key}, or null. */
  KeyValue current(String key) throws SQLException {
    current.setString(1, key);
    try (ResultSet r = current.executeQuery()) {
      return r.next() ? new KeyValue(key, r.getBytes(1), r.getLong(2), r.getLong(3)) : null;
    }
  }

  /** Inserts the current row of a new key; false (and nothing changed) when the key exists. */
  boolean insertCurrent(String key, long rev) throws SQLException {
    insertCurrent.setString(1, key);
    insertCurrent.setLong(2, rev);
    insertCurrent.setLong(3, rev);
    return insertCurrent.executeUpdate() == 1;
  }

  /** Replaces the value and mod revision of an existing key's current row. */
  void updateCurrent(String key, long modRev) throws SQLException {
    updateCurrent.setLong(1, modRev);
    updateCurrent.setString(2, key);
    if (updateCurrent.executeUpdate() != 1) {
      throw new SQLException("no current row for " + key);
    }
  }

  void deleteCurrent(String key) throws SQLException {
    deleteCurrent.setString(1, key);
    deleteCurrent.executeUpdate();
  }

  /** Appends one change to the log; {@code id} is its revision. */
  void append(long id, String key, boolean deleted, long createRev, long prevRev, byte[] value)
      throws SQLException {
    append.setLong(1, id);
    append.setString(2, key);
    append.setInt(3, deleted ? 1 : 0);
    append.setLong(4, createRev);
    append.setLong(5, prevRev);
    append.setBytes(6, value);
    append.executeUpdate();
  }

  void savepoint() throws SQLException {
    savepoint.executeUpdate();
  }

  void release() throws SQLException {
    release.executeUpdate();
  }

  void rollbackToSavepoint() throws SQLException {
    rollbackTo.executeUpdate();
  }

  @Override
  public void close() {
    for (PreparedStatement p : new PreparedStatement[] {
        current, insertCurrent, updateCurrent, deleteCurrent, append, savepoint, release, rollbackTo}) {
      try {
        p.close();
      } catch (SQLException e) {
        // closing; nothing left to do with this statement
      }
    }
  }
}
