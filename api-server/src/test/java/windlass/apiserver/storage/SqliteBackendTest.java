package windlass.apiserver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqliteBackendTest extends BackendContractTest {
  @Override
  protected Backend open(Path dir) {
    return SqliteBackend.open(dir.resolve("state.db"));
  }

  private Connection raw() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
  }

  private static String s(byte[] b) {
    return new String(b, UTF_8);
  }

  @Test
  void usesWriteAheadLogging() throws Exception {
    backend.create("/x", new byte[] {1});
    try (Connection c = raw();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
      r.next();
      assertEquals("wal", r.getString(1));
    }
  }

  @Test
  void aWriteThatFailsHalfwayLeavesNothingBehindAndTheWritesBatchedWithItCommit() throws Exception {
    backend.create("/k/before", "b".getBytes(UTF_8));
    try (Connection c = raw(); Statement s = c.createStatement()) {
      // the kv row goes in first, then the log insert fails: a partial write the batch must undo
      s.execute("CREATE TRIGGER poison BEFORE INSERT ON log WHEN NEW.key LIKE '/k/poison%' "
          + "BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
    }
    int writers = 16;
    Set<String> outcomes = AllAtOnce.run(writers, t -> {
      String key = t % 4 == 0 ? "/k/poison" + t : "/k/fine" + t;
      return () -> {
        try {
          backend.create(key, "v".getBytes(UTF_8));
          return "ok " + key;
        } catch (StorageException e) {
          return (e.getMessage().contains("poisoned") ? "poisoned " : "other " + e.getMessage()) + key;
        }
      };
    });
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < writers; t++) {
      expected.add(t % 4 == 0 ? "poisoned /k/poison" + t : "ok /k/fine" + t);
    }
    assertEquals(expected, new HashSet<>(outcomes));
    int fine = writers - writers / 4;
    assertEquals(fine + 1, backend.count("/k/"), "no current row of a failed write is left");
    assertEquals(fine + 1, backend.currentRevision(), "failed writes used no revision");
    assertTrue(backend.get("/k/poison0").isEmpty());
    assertEquals("v", s(backend.get("/k/fine1").orElseThrow().value()));
    assertEquals(fine + 2, backend.create("/k/after", "a".getBytes(UTF_8)), "the writer goes on");
    StorageException again = assertThrows(StorageException.class,
        () -> backend.create("/k/poison0", "v".getBytes(UTF_8)));
    assertTrue(again.getMessage().contains("poisoned"), again.getMessage());
  }

  @Test
  void valuesStoredInTheCurrentRowByEarlierVersionsAreReadUpdatedAndDeleted() throws Exception {
    backend.close();
    try (Connection c = raw()) { // the layout before values were kept only in the log: a copy in kv
      c.setAutoCommit(false);
      try (PreparedStatement log = c.prepareStatement("INSERT INTO log (id, key, deleted, create_revision, "
          + "prev_revision, value) VALUES (?, ?, 0, ?, ?, ?)");
          PreparedStatement kv = c.prepareStatement("INSERT INTO kv (key, value, create_revision, mod_revision) "
              + "VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
              + "mod_revision = excluded.mod_revision")) {
        Object[][] writes = {{1L, "/old/a", 1L, 0L, "a1"}, {2L, "/old/b", 2L, 0L, "b1"}, {3L, "/old/a", 1L, 1L, "a2"}};
        for (Object[] w : writes) {
          byte[] v = ((String) w[4]).getBytes(UTF_8);
          log.setLong(1, (Long) w[0]);
          log.setString(2, (String) w[1]);
          log.setLong(3, (Long) w[2]);
          log.setLong(4, (Long) w[3]);
          log.setBytes(5, v);
          log.executeUpdate();
          kv.setString(1, (String) w[1]);
          kv.setBytes(2, v);
          kv.setLong(3, (Long) w[2]);
          kv.setLong(4, (Long) w[0]);
          kv.executeUpdate();
        }
      }
      c.commit();
    }
    backend = open(dir);
    assertEquals(3, backend.currentRevision());
    KeyValue a = backend.get("/old/a").orElseThrow();
    assertEquals("a2", s(a.value()));
    assertEquals(1, a.createRevision());
    assertEquals(3, a.modRevision());
    assertEquals(List.of("a2", "b1"), backend.list("/old/", "", 0, 0).items().stream().map(kv -> s(kv.value())).toList());
    assertEquals(4, backend.update("/old/a", "a3".getBytes(UTF_8), 3));
    assertEquals("a3", s(backend.get("/old/a").orElseThrow().value()));
    assertEquals("b1", s(backend.delete("/old/b", 2).value()));
    assertEquals(List.of("/old/a"), backend.list("/old/", "", 0, 0).items().stream().map(KeyValue::key).toList());
  }

  @Test
  void currentValuesLiveInTheLogAndSurviveCompactingEverything() throws Exception {
    long a1 = backend.create("/v/a", "a1".getBytes(UTF_8));
    long b1 = backend.create("/v/b", "b1".getBytes(UTF_8));
    long b2 = backend.update("/v/b", "b2".getBytes(UTF_8), b1);
    long c1 = backend.create("/v/c", "c1".getBytes(UTF_8));
    backend.delete("/v/c", c1);
    long c2 = backend.create("/v/c", "c2".getBytes(UTF_8));
    backend.compact(backend.currentRevision());
    assertEquals(List.of("/v/a=a1@" + a1, "/v/b=b2@" + b2, "/v/c=c2@" + c2), backend.list("/v/", "", 0, 0).items()
        .stream().map(kv -> kv.key() + "=" + s(kv.value()) + "@" + kv.modRevision()).toList());
    assertEquals("b2", s(backend.get("/v/b").orElseThrow().value()));
    assertEquals("c2", s(backend.delete("/v/c", c2).value()));
    backend.update("/v/a", "a2".getBytes(UTF_8), a1);
    assertEquals("a2", s(backend.get("/v/a").orElseThrow().value()));
    try (Connection c = raw(); Statement st = c.createStatement();
        ResultSet r = st.executeQuery("SELECT COUNT(*) FROM kv WHERE length(value) > 0")) {
      r.next();
      assertEquals(0, r.getInt(1), "kv holds no copy of a value");
    }
  }
}
