package windlass.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write the backend acknowledged is there after the process is killed with SIGKILL. */
class SqliteKillTest {
  @TempDir
  Path dir;

  @Test
  void acknowledgedWritesSurviveKill9() throws Exception {
    Path db = dir.resolve("state.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SqliteWriterProcess.class.getName(), db.toString()).redirectErrorStream(true).start();
    int lastAcked = 0;
    long lastRev = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lastAcked < 200 && (line = r.readLine()) != null) {
        if (line.startsWith("acked ")) {
          String[] parts = line.split(" ");
          lastAcked = Integer.parseInt(parts[1]);
          lastRev = Long.parseLong(parts[2]);
        }
      }
      p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(200, lastAcked, "the writer acknowledged 200 writes before it was killed");
    try (SqliteBackend b = SqliteBackend.open(db)) {
      for (int i = 1; i <= lastAcked; i++) {
        assertTrue(b.get("/registry/pods/default/p" + i).isPresent(), "acknowledged write " + i + " was lost");
      }
      assertTrue(b.currentRevision() >= lastRev);
      long next = b.create("/after", new byte[] {1});
      assertTrue(next > lastRev, "the revision goes on after the crash");
    }
  }
}
