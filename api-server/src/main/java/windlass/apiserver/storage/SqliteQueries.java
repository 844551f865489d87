package windlass.apiserver.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@link SqliteBackend}'s tables ({@code kv}: current state, {@code log}: every change, id = revision,
 * {@code meta}: the compacted revision), apart from its transaction handling: every method runs inside the caller's
 * transaction. The writer's per-write statements are {@link SqliteWriteStatements}.
 */
final class SqliteQueries {
  /**
   * A key's current row. Its value is read from the log row of its mod revision: the writer stores an empty value in
   * {@code kv} (files written before that hold a copy there, equal to that log row's), so each write stores its
   * value once; compaction never deletes the newest log row of a live key.
   */
  static final String CURRENT = "SELECT l.value, k.create_revision, k.mod_revision FROM kv k "
      + "JOIN log l ON l.id = k.mod_revision WHERE k.key = ?";

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
    try (PreparedStatement p = c.prepareStatement(CURRENT)) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? new KeyValue(key, r.getBytes(1), r.getLong(2), r.getLong(3)) : null;
      }
    }
  }

  ListPage listCurrent(Connection c, String prefix, String startAfter, int limit, long current)
      throws SQLException {
    String sql = "SELECT k.key, l.value, k.create_revision, k.mod_revision FROM kv k "
        + "JOIN log l ON l.id = k.mod_revision WHERE k.key >= ? AND k.key < ? AND k.key > ? ORDER BY k.key" + (limit > 0 ? " LIMIT " + (limit + 1) : "");
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
