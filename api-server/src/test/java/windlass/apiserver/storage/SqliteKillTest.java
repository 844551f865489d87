package windlass.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write the backend acknowledged (8 concurrent writers: group commits) is there after the process is killed
 * with SIGKILL, and the file passes integrity_check.
 */
class SqliteKillTest {
  @TempDir
  Path dir;

  @Test
  void acknowledgedWritesSurviveKill9() throws Exception {
    Path db = dir.resolve("state.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SqliteWriterProcess.class.getName(), db.toString()).redirectErrorStream(true).start();
    Set<Integer> acked = new HashSet<>();
    long lastRev = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acked.size() < 500 && (line = r.readLine()) != null) {
        if (line.startsWith("acked ")) {
          String[] parts = line.split(" ");
          acked.add(Integer.parseInt(parts[1]));
          lastRev = Math.max(lastRev, Long.parseLong(parts[2]));
        }
      }
      p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(500, acked.size(), "the writers acknowledged 500 writes before they were killed");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertEquals("ok", rs.getString(1));
    }
    try (SqliteBackend b = SqliteBackend.open(db)) {
      for (int i : acked) {
        KeyValue kv = b.get("/registry/pods/default/p" + i).orElse(null);
        assertTrue(kv != null, "acknowledged write " + i + " was lost");
        assertEquals("value " + i, new String(kv.value(), StandardCharsets.UTF_8));
      }
      assertTrue(b.currentRevision() >= lastRev);
      long next = b.create("/after", new byte[] {1});
      assertTrue(next > lastRev, "the revision goes on after the crash");
    }
  }
}
