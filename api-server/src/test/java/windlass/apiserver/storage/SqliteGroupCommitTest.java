package windlass.apiserver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite writer's group commit: many writers at once, failures inside a batch, the file size under churn. */
class SqliteGroupCommitTest {
  @TempDir
  Path dir;

  @Test
  void sixtyFourConcurrentWritersAllLandWithDistinctRevisionsAndNeverSeeBusy() throws Exception {
    int threads = 64;
    int each = 50;
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> revisions = new ConcurrentLinkedQueue<>();
    try (SqliteBackend b = SqliteBackend.open(dir.resolve("state.db"))) {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Thread> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < each; i++) {
              String key = "/registry/pods/t" + id + "/p" + i;
              long r = b.create(key, ("v" + i).getBytes(UTF_8));
              revisions.add(r);
              revisions.add(b.update(key, ("w" + i).getBytes(UTF_8), r));
              b.get(key).orElseThrow(); // reads run beside the writer: no SQLITE_BUSY either
            }
          } catch (Throwable e) {
            errors.add(e);
          }
        });
        all.add(th);
        th.start();
      }
      for (Thread th : all) {
        th.join();
      }
      assertTrue(errors.isEmpty(), () -> "errors: " + errors);
      assertEquals(threads * each * 2, new HashSet<>(revisions).size(), "every write got its own revision");
      assertEquals(threads * each, b.count("/registry/pods/"));
      assertEquals(threads * each * 2, b.currentRevision());
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < each; i++) {
          assertEquals("w" + i, new String(b.get("/registry/pods/t" + t + "/p" + i).orElseThrow().value(), UTF_8));
        }
      }
    }
  }

  @Test
  void aFailedWriteInABatchDoesNotFailTheOthers() throws Exception {
    try (SqliteBackend b = SqliteBackend.open(dir.resolve("state.db"))) {
      b.create("/k/taken", "x".getBytes(UTF_8));
      int writers = 32;
      Set<String> outcomes = AllAtOnce.run(writers, t -> {
        String key = t % 2 == 0 ? "/k/taken" : "/k/free" + t;
        return () -> {
          try {
            b.create(key, "y".getBytes(UTF_8));
            return "ok " + key;
          } catch (StorageException e) {
            return e.reason() + " " + key;
          }
        };
      });
      Set<String> expected = new HashSet<>();
      for (int t = 0; t < writers; t++) {
        expected.add(t % 2 == 0 ? "KEY_EXISTS /k/taken" : "ok /k/free" + t);
      }
      assertEquals(expected, new HashSet<>(outcomes));
      assertEquals(writers / 2 + 1, b.count("/k/"));
      assertEquals(writers / 2 + 1, b.currentRevision(), "failed writes used no revision");
      assertEquals("x", new String(b.get("/k/taken").orElseThrow().value(), UTF_8));
    }
  }

  @Test
  void compactionKeepsTheFileFromGrowingUnderOverwrites() throws Exception {
    Path db = dir.resolve("state.db");
    Path wal = dir.resolve("state.db-wal");
    byte[] value = new byte[4096];
    int keys = 20;
    int rounds = 20;
    int perRound = 100;
    long[] sizes = new long[rounds];
    long[] dbSizes = new long[rounds];
    try (SqliteBackend b = SqliteBackend.open(db)) {
      for (int i = 0; i < keys; i++) {
        b.create("/registry/pods/default/p" + i, value);
      }
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < perRound; i++) {
          b.update("/registry/pods/default/p" + (i % keys), value, 0);
        }
        b.compact(b.currentRevision());
        dbSizes[round] = size(db);
        sizes[round] = dbSizes[round] + size(wal);
      }
    }
    long written = (long) rounds * perRound * value.length;
    String all = "db+wal per round: " + java.util.Arrays.toString(sizes) + ", db: " + java.util.Arrays.toString(dbSizes);
    // Without reuse of the pages compaction frees, the file would hold everything written (8 MB). The WAL keeps its
    // high-water size (it is rewritten from its start after each checkpoint), so it is bounded, not shrunk.
    assertTrue(dbSizes[rounds - 1] < written / 4, "db " + dbSizes[rounds - 1] + " bytes after " + written
        + " bytes written; " + all);
    assertTrue(sizes[rounds - 1] <= sizes[rounds / 2] + sizes[rounds / 2] / 4, "still growing: " + all);
  }

  private static long size(Path p) throws java.io.IOException {
    return Files.exists(p) ? Files.size(p) : 0;
  }
}
