package windlass.apiserver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Backend} must do. A backend's test extends this and says how to open one on a directory; the
 * same directory opened again must find the same data (restart).
 */
public abstract class BackendContractTest {
  @TempDir
  Path dir;

  protected Backend backend;

  /** Opens the backend on {@code dir}; called again on the same directory to test restarts. */
  protected abstract Backend open(Path dir);

  @BeforeEach
  void openBackend() {
    backend = open(dir);
  }

  @AfterEach
  void closeBackend() {
    backend.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static String s(byte[] b) {
    return new String(b, UTF_8);
  }

  @Test
  void everyWriteGetsTheNextRevision() {
    long r1 = backend.create("/registry/pods/default/a", b("a1"));
    long r2 = backend.update("/registry/pods/default/a", b("a2"), r1);
    long r3 = backend.create("/registry/pods/default/b", b("b1"));
    KeyValue gone = backend.delete("/registry/pods/default/a", r2);
    assertTrue(r1 < r2 && r2 < r3 && r3 < gone.modRevision());
    assertEquals(gone.modRevision(), backend.currentRevision());
    assertEquals("a2", s(gone.value()));
    KeyValue bkv = backend.get("/registry/pods/default/b").orElseThrow();
    assertEquals(r3, bkv.createRevision());
    assertEquals(r3, bkv.modRevision());
    assertTrue(backend.get("/registry/pods/default/a").isEmpty());
  }

  @Test
  void writesCheckExistenceAndRevision() {
    long r1 = backend.create("/k/a", b("1"));
    assertEquals(StorageException.Reason.KEY_EXISTS,
        assertThrows(StorageException.class, () -> backend.create("/k/a", b("x"))).reason());
    long r2 = backend.update("/k/a", b("2"), r1);
    StorageException stale = assertThrows(StorageException.class, () -> backend.update("/k/a", b("3"), r1));
    assertEquals(StorageException.Reason.CONFLICT, stale.reason());
    assertEquals(r2, stale.revision());
    assertEquals(StorageException.Reason.NOT_FOUND,
        assertThrows(StorageException.class, () -> backend.update("/k/missing", b("x"), 0)).reason());
    assertEquals(StorageException.Reason.CONFLICT,
        assertThrows(StorageException.class, () -> backend.delete("/k/a", r1)).reason());
    long r3 = backend.update("/k/a", b("unconditional"), 0);
    assertEquals("unconditional", s(backend.get("/k/a").orElseThrow().value()));
    backend.delete("/k/a", 0);
    assertEquals(StorageException.Reason.NOT_FOUND,
        assertThrows(StorageException.class, () -> backend.delete("/k/a", 0)).reason());
    assertTrue(r3 > r2);
    long recreated = backend.create("/k/a", b("again"));
    assertEquals(recreated, backend.get("/k/a").orElseThrow().createRevision());
  }

  @Test
  void listsAPrefixInKeyOrderWithPages() {
    backend.create("/registry/pods/ns1/c", b("c"));
    backend.create("/registry/pods/ns1/a", b("a"));
    backend.create("/registry/pods/ns10/x", b("x"));
    backend.create("/registry/pods/ns1/b", b("b"));
    backend.create("/registry/services/ns1/a", b("svc"));
    ListPage all = backend.list("/registry/pods/ns1/", "", 0, 0);
    assertEquals(List.of("/registry/pods/ns1/a", "/registry/pods/ns1/b", "/registry/pods/ns1/c"),
        all.items().stream().map(KeyValue::key).toList());
    assertEquals(backend.currentRevision(), all.revision());
    assertFalse(all.more());
    ListPage first = backend.list("/registry/pods/", "", 0, 2);
    assertEquals(2, first.items().size());
    assertTrue(first.more());
    ListPage second = backend.list("/registry/pods/", first.items().get(1).key(), first.revision(), 2);
    assertEquals(List.of("/registry/pods/ns1/c", "/registry/pods/ns10/x"),
        second.items().stream().map(KeyValue::key).toList());
    assertFalse(second.more());
    assertEquals(4, backend.count("/registry/pods/"));
  }

  @Test
  void listsAtAPastRevision() {
    long r1 = backend.create("/p/a", b("a1"));
    backend.create("/p/b", b("b1"));
    long r3 = backend.update("/p/a", b("a2"), r1);
    backend.delete("/p/b", 0);
    backend.create("/p/c", b("c1"));
    ListPage then = backend.list("/p/", "", r3, 0);
    assertEquals(List.of("/p/a=a2", "/p/b=b1"), then.items().stream().map(kv -> kv.key() + "=" + s(kv.value())).toList());
    assertEquals(r3, then.revision());
    ListPage now = backend.list("/p/", "", 0, 0);
    assertEquals(List.of("/p/a", "/p/c"), now.items().stream().map(KeyValue::key).toList());
  }

  @Test
  void watchReplaysHistoryThenLiveChangesWithoutGapsOrDuplicates() throws Exception {
    long start = backend.create("/w/a", b("0"));
    for (int i = 1; i <= 20; i++) {
      backend.update("/w/a", b(String.valueOf(i)), 0);
    }
    Recorder rec = new Recorder();
    try (BackendWatch w = backend.watch("/w/", start, rec)) {
      Thread writer = new Thread(() -> {
        for (int i = 21; i <= 120; i++) {
          backend.update("/w/a", b(String.valueOf(i)), 0);
        }
      });
      writer.start();
      writer.join();
      List<StorageEvent> events = rec.take(120);
      long prev = start;
      for (int i = 0; i < events.size(); i++) {
        StorageEvent e = events.get(i);
        assertEquals(prev + 1, e.revision(), "revisions are consecutive");
        assertEquals(String.valueOf(i + 1), s(e.kv().value()));
        assertEquals(String.valueOf(i), s(e.prev().value()), "PUT carries the value it replaced");
        prev = e.revision();
      }
      assertNull(rec.events.poll(100, TimeUnit.MILLISECONDS), "no duplicates");
    }
  }

  @Test
  void watchSeesOnlyItsPrefixAndDeletesCarryTheLastValue() throws Exception {
    long r0 = backend.currentRevision();
    Recorder rec = new Recorder();
    try (BackendWatch w = backend.watch("/registry/pods/ns1/", r0, rec)) {
      backend.create("/registry/pods/ns2/x", b("other"));
      long created = backend.create("/registry/pods/ns1/a", b("v1"));
      backend.delete("/registry/pods/ns1/a", created);
      List<StorageEvent> events = rec.take(2);
      assertTrue(events.get(0).isCreate());
      assertNull(events.get(0).prev());
      assertEquals(StorageEvent.Type.DELETE, events.get(1).type());
      assertEquals("v1", s(events.get(1).kv().value()));
      assertEquals(created, events.get(1).prev().modRevision());
    }
  }

  @Test
  void progressComesAfterEverythingPublishedBefore() throws Exception {
    Recorder rec = new Recorder();
    try (BackendWatch w = backend.watch("/q/", backend.currentRevision(), rec)) {
      backend.create("/q/a", b("a"));
      long last = backend.create("/other/b", b("b"));
      boolean answers = w.requestProgress();
      List<StorageEvent> events = rec.take(1);
      assertEquals("/q/a", events.get(0).kv().key());
      assertEquals(answersProgress(), answers);
      if (!answers) {
        assertNull(rec.progress.poll(200, TimeUnit.MILLISECONDS), "progress came after requestProgress said none would");
        return;
      }
      if (progressIsLinearizable()) {
        assertEquals(last, rec.progress.poll(5, TimeUnit.SECONDS));
        return;
      }
      // a member that has not applied the write yet answers with its own, lower revision; asking again gets there
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long seen = 0;
      while (seen < last && System.nanoTime() < deadline) {
        Long p = rec.progress.poll(50, TimeUnit.MILLISECONDS);
        if (p == null) {
          w.requestProgress();
          continue;
        }
        assertTrue(p >= seen && p <= last, "progress " + p + " after " + seen + ", last write " + last);
        seen = p;
      }
      assertEquals(last, seen);
    }
  }

  /** Whether this backend's watches answer progress requests. */
  protected boolean answersProgress() throws Exception {
    return true;
  }

  /**
   * Many watches, each asked for progress right after writes: every change still arrives, once, and no progress
   * claims a revision before a change it has not delivered (etcd before 3.4.31 could send one, etcd-io/etcd#15220).
   */
  @Test
  void progressRequestsLoseNoChange() throws Exception {
    for (int i = 0; i < 150; i++) {
      Recorder rec = new Recorder();
      try (BackendWatch w = backend.watch("/p" + i + "/", backend.currentRevision(), rec)) {
        long mine = backend.create("/p" + i + "/a", b("a"));
        backend.create("/other" + i, b("b"));
        w.requestProgress();
        StorageEvent e = rec.events.poll(5, TimeUnit.SECONDS);
        assertNotNull(e, "round " + i + ": the change at " + mine + " did not arrive; closed: " + rec.closed);
        assertEquals(mine, e.revision());
        assertTrue(rec.closed.isEmpty(), "round " + i + ": " + rec.closed);
      }
    }
  }

  /**
   * Whether the first progress after a write always covers it. Not so for an etcd cluster: progress is answered by
   * the member the watch stream is on, at that member's applied revision, which may lag the member that acknowledged
   * the write (the watch cache asks again until it gets there, as upstream's does).
   */
  protected boolean progressIsLinearizable() {
    return true;
  }

  @Test
  void compactionForgetsHistoryBelowTheRevision() throws Exception {
    long r1 = backend.create("/c/a", b("1"));
    long r2 = backend.update("/c/a", b("2"), r1);
    long r3 = backend.create("/c/b", b("b"));
    backend.delete("/c/b", r3);
    long r5 = backend.update("/c/a", b("3"), 0);
    backend.compact(r2 + 1);
    assertEquals(r2 + 1, backend.compactRevision());
    StorageException e = assertThrows(StorageException.class, () -> backend.watch("/c/", r1, new Recorder()));
    assertEquals(StorageException.Reason.COMPACTED, e.reason());
    assertEquals(r2 + 1, e.revision());
    assertEquals(StorageException.Reason.COMPACTED,
        assertThrows(StorageException.class, () -> backend.list("/c/", "", r1, 0)).reason());
    ListPage atCompact = backend.list("/c/", "", r3, 0);
    assertEquals(List.of("/c/a=2", "/c/b=b"),
        atCompact.items().stream().map(kv -> kv.key() + "=" + s(kv.value())).toList());
    Recorder rec = new Recorder();
    try (BackendWatch w = backend.watch("/c/", r3, rec)) {
      List<StorageEvent> events = rec.take(2);
      assertEquals(StorageEvent.Type.DELETE, events.get(0).type());
      assertEquals(r5, events.get(1).revision());
    }
    assertEquals(StorageException.Reason.FUTURE_REVISION,
        assertThrows(StorageException.class, () -> backend.compact(backend.currentRevision() + 10)).reason());
  }

  @Test
  void restartKeepsStateHistoryAndRevision() throws Exception {
    long r1 = backend.create("/r/a", b("1"));
    long r2 = backend.update("/r/a", b("2"), r1);
    KeyValue gone = backend.delete("/r/a", r2);
    backend.close();
    backend = open(dir);
    assertEquals(gone.modRevision(), backend.currentRevision());
    long r4 = backend.create("/r/a", b("again"));
    assertEquals(gone.modRevision() + 1, r4, "revisions continue, never reused");
    Recorder rec = new Recorder();
    try (BackendWatch w = backend.watch("/r/", r1, rec)) {
      List<StorageEvent> events = rec.take(3);
      assertEquals(List.of(r2, gone.modRevision(), r4), events.stream().map(StorageEvent::revision).toList());
    }
  }

  @Test
  void closingTheBackendEndsWatches() throws Exception {
    Recorder rec = new Recorder();
    backend.watch("/z/", 0, rec);
    backend.close();
    assertTrue(rec.closed.poll(5, TimeUnit.SECONDS) != null);
    backend = open(dir);
  }

  @Test
  void valuesRoundTripAsBytes() {
    byte[] v = {0, 1, 2, (byte) 0xff};
    backend.create("/bin/a", v);
    assertArrayEquals(v, backend.get("/bin/a").orElseThrow().value());
  }

  /** Collects a watch's callbacks for the test thread. */
  static final class Recorder implements WatchListener {
    final BlockingQueue<StorageEvent> events = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> progress = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(StorageEvent event) {
      events.add(event);
    }

    @Override
    public void onProgress(long revision) {
      progress.add(revision);
    }

    @Override
    public void onClose(StorageException error) {
      closed.add(error == null ? "ok" : error.getMessage());
    }

    List<StorageEvent> take(int n) throws InterruptedException {
      List<StorageEvent> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StorageEvent e = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(e, "event " + (i + 1) + " of " + n + " did not arrive; got " + out.size());
        out.add(e);
      }
      return out;
    }
  }
}
