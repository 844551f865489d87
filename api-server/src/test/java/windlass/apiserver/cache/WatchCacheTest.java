package windlass.apiserver.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.apiserver.storage.BackendWatch;
import windlass.apiserver.storage.SqliteBackend;
import windlass.apiserver.storage.StorageEvent;
import windlass.apiserver.storage.StorageException;

/** The watch cache over a real SQLite backend; objects are "value@revision" strings so tests read sequences. */
class WatchCacheTest {
  static final String PODS = "/registry/pods/";

  @TempDir
  Path dir;

  SqliteBackend backend;
  ExecutorService delivery;
  final AtomicInteger decodes = new AtomicInteger();
  final List<WatchCache<String>> caches = new ArrayList<>();

  /** What a listener heard: events, bookmark revisions, and how it ended. */
  static class Recorder implements CacheListener<String> {
    final BlockingQueue<CachedEvent<String>> events = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> progress = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(CachedEvent<String> e) {
      events.add(e);
    }

    @Override
    public void onProgress(long revision) {
      progress.add(revision);
    }

    @Override
    public void onClose(StorageException error) {
      closed.add(error == null ? "normal" : error.reason().name());
    }

    CachedEvent<String> next() throws InterruptedException {
      CachedEvent<String> e = events.poll(5, TimeUnit.SECONDS);
      assertNotNull(e, "no event arrived");
      return e;
    }

    List<String> values(int n) throws InterruptedException {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(value(next().object()));
      }
      return out;
    }
  }

  @BeforeEach
  void open() {
    backend = SqliteBackend.open(dir.resolve("state.db"));
    delivery = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void close() {
    caches.forEach(WatchCache::close);
    delivery.shutdownNow();
    backend.close();
  }

  WatchCache<String> cache(WatchCacheConfig config, long budget) {
    WatchCache<String> c = new WatchCache<>(PODS, backend, kv -> {
      decodes.incrementAndGet();
      return new String(kv.value(), UTF_8) + "@" + kv.modRevision();
    }, budget, config, delivery);
    caches.add(c);
    return c;
  }

  WatchCache<String> cache() {
    return cache(WatchCacheConfig.DEFAULT, 1 << 20);
  }

  static String value(String obj) {
    return obj.substring(0, obj.indexOf('@'));
  }

  long put(String key, String value) {
    return backend.get(key).map(kv -> backend.update(key, value.getBytes(UTF_8), kv.modRevision()))
        .orElseGet(() -> backend.create(key, value.getBytes(UTF_8)));
  }

  void caughtUp(WatchCache<String> c) throws InterruptedException {
    assertTrue(c.awaitRevision(backend.currentRevision(), Duration.ofSeconds(5)));
  }

  @Test
  void listServesTheCurrentObjectsUnderAPrefixAtTheCachesRevision() throws Exception {
    put(PODS + "default/a", "a1");
    WatchCache<String> c = cache();
    put(PODS + "default/b", "b1");
    put(PODS + "other/c", "c1");
    put(PODS + "default/a", "a2");
    backend.delete(PODS + "other/c", 0);
    put("/registry/namespaces/x", "not a pod");
    caughtUp(c);
    WatchCache.Snapshot<String> all = c.list(PODS);
    assertEquals(List.of("a2", "b1"), all.items().stream().map(WatchCacheTest::value).toList());
    assertEquals(backend.currentRevision(), all.revision(), "caught up through other resources' writes too");
    assertEquals(List.of(), c.list(PODS + "other/").items());
  }

  @Test
  void listsAndWatchesFromZeroGoInKeyOrderWhateverTheOrderOfWrites() throws Exception {
    List<String> names = List.of("z", "m", "a", "q", "b", "y", "c");
    WatchCache<String> c = cache();
    for (String n : names) {
      put(PODS + "default/" + n, n);
    }
    put(PODS + "defaulted/x", "x");
    caughtUp(c);
    List<String> sorted = names.stream().sorted().toList();
    assertEquals(sorted, c.list(PODS + "default/").items().stream().map(WatchCacheTest::value).toList());
    Recorder rec = new Recorder();
    try (BackendWatch w = c.watch(PODS + "default/", 0, rec)) {
      assertEquals(sorted, rec.values(sorted.size()));
    }
  }

  @Test
  void aWatchFromZeroGetsTheCurrentObjectsThenEveryChange() throws Exception {
    put(PODS + "default/a", "a1");
    put(PODS + "other/b", "b1");
    WatchCache<String> c = cache();
    Recorder rec = new Recorder();
    try (BackendWatch w = c.watch(PODS + "default/", 0, rec)) {
      CachedEvent<String> first = rec.next();
      assertTrue(first.isCreate());
      assertEquals("a1", value(first.object()));
      put(PODS + "other/b", "b2");
      put(PODS + "default/a", "a2");
      backend.delete(PODS + "default/a", 0);
      CachedEvent<String> modified = rec.next();
      assertEquals("a2", value(modified.object()));
      assertEquals("a1", value(modified.prev()), "the event carries the state it replaced");
      CachedEvent<String> deleted = rec.next();
      assertEquals(StorageEvent.Type.DELETE, deleted.type());
      assertEquals(backend.currentRevision(), deleted.revision());
    }
  }

  @Test
  void aWatchResumesFromARetainedRevisionWithNoMissedOrDuplicatedEventWhileWritesGoOn() throws Exception {
    WatchCache<String> c = cache();
    long[] revs = new long[301];
    for (int i = 1; i <= 50; i++) {
      revs[i] = put(PODS + "default/p" + (i % 7), Integer.toString(i));
    }
    CountDownLatch writing = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      for (int i = 51; i <= 300; i++) {
        revs[i] = put(PODS + "default/p" + (i % 7), Integer.toString(i));
        if (i == 60) {
          writing.countDown();
        }
      }
    });
    writer.start();
    writing.await();
    Recorder rec = new Recorder();
    try (BackendWatch w = c.watch(PODS, revs[20], rec)) {
      List<String> got = rec.values(280);
      List<String> want = new ArrayList<>();
      for (int i = 21; i <= 300; i++) {
        want.add(Integer.toString(i));
      }
      assertEquals(want, got);
      writer.join();
      assertNull(rec.events.poll(100, TimeUnit.MILLISECONDS), "nothing after the last write");
    }
  }

  @Test
  void aWatchFromBeforeTheWindowIsTooOldInUpstreamWording() throws Exception {
    WatchCache<String> c = cache(new WatchCacheConfig(true, 1 << 20, 10, 10, 100), 1 << 20);
    long first = put(PODS + "default/a", "0");
    for (int i = 1; i < 30; i++) {
      put(PODS + "default/a", Integer.toString(i));
    }
    caughtUp(c);
    assertEquals(10, c.windowSize());
    StorageException e = assertThrows(StorageException.class, () -> c.watch(PODS, first, new Recorder()));
    assertEquals(StorageException.Reason.COMPACTED, e.reason());
    assertEquals("too old resource version: " + first + " (" + c.windowStart() + ")", e.getMessage());
    Recorder rec = new Recorder();
    try (BackendWatch w = c.watch(PODS, c.windowStart(), rec)) {
      assertEquals(List.of("20", "21", "22", "23", "24", "25", "26", "27", "28", "29"), rec.values(10),
          "the window's start is still served");
    }
  }

  @Test
  void aWatchFromARevisionTheBackendCompactedIsTooOldEvenInsideTheWindow() throws Exception {
    WatchCache<String> c = cache();
    long first = put(PODS + "default/a", "1");
    put(PODS + "default/a", "2");
    long now = backend.currentRevision();
    backend.compact(now);
    StorageException e = assertThrows(StorageException.class, () -> c.watch(PODS, first, new Recorder()));
    assertEquals("too old resource version: " + first + " (" + now + ")", e.getMessage());
  }

  @Test
  void aSlowWatcherIsClosedAfterTheEventsItGotAndResumesWithoutGaps() throws Exception {
    WatchCache<String> c = cache(new WatchCacheConfig(true, 1 << 20, 100, 1000, 5), 1 << 20);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stuck = new CountDownLatch(1);
    Recorder slow = new Recorder() {
      @Override
      public void onEvent(CachedEvent<String> e) {
        super.onEvent(e);
        stuck.countDown();
        try {
          release.await();
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    };
    long start = backend.currentRevision();
    BackendWatch w = c.watch(PODS, start, slow);
    Recorder fast = new Recorder();
    BackendWatch other = c.watch(PODS, start, fast);
    // Each write waits until the fast watcher has it: with a queue of 5, a watcher that let the writes run ahead of
    // it by more than 5 events would be too slow itself (and closed), whatever the machine's load.
    put(PODS + "default/a", "1");
    stuck.await();
    assertEquals("1", value(fast.next().object()));
    for (int i = 2; i <= 20; i++) {
      put(PODS + "default/a", Integer.toString(i));
      assertEquals(Integer.toString(i), value(fast.next().object()),
          "a watcher that keeps up is not held back by a slow one");
    }
    assertTrue(fast.closed.isEmpty(), "the watcher that keeps up stays open");
    release.countDown();
    assertEquals("TOO_SLOW", slow.closed.poll(5, TimeUnit.SECONDS));
    List<CachedEvent<String>> got = new ArrayList<>();
    slow.events.drainTo(got);
    assertEquals(6, got.size(), "the event being handled plus a full queue of 5, in order");
    for (int i = 0; i < got.size(); i++) {
      assertEquals(Integer.toString(i + 1), value(got.get(i).object()));
    }
    assertEquals(0, c.watcherCount() - 1, "the slow watcher is gone, the other stays");
    Recorder again = new Recorder();
    try (BackendWatch resumed = c.watch(PODS, got.get(got.size() - 1).revision(), again)) {
      assertEquals(List.of("7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"),
          again.values(14));
    }
    w.close();
    other.close();
  }

  @Test
  void bookmarksCarryTheCachesRevisionIncludingWritesToOtherResources() throws Exception {
    WatchCache<String> c = cache();
    Recorder rec = new Recorder();
    try (BackendWatch w = c.watch(PODS, 0, rec)) {
      put(PODS + "default/a", "1");
      rec.next();
      long other = put("/registry/namespaces/x", "x");
      w.requestProgress();
      Long bookmark = rec.progress.poll(5, TimeUnit.SECONDS);
      assertEquals(other, bookmark);
      assertNull(rec.progress.poll(100, TimeUnit.MILLISECONDS), "one bookmark per request");
    }
  }

  @Test
  void eachChangeIsDecodedOnceWhateverTheNumberOfWatchers() throws Exception {
    put(PODS + "default/a", "0");
    WatchCache<String> c = cache();
    assertEquals(1, decodes.get(), "the initial list");
    List<Recorder> recs = new ArrayList<>();
    List<BackendWatch> ws = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Recorder r = new Recorder();
      recs.add(r);
      ws.add(c.watch(PODS, backend.currentRevision(), r));
    }
    for (int i = 1; i <= 10; i++) {
      put(PODS + "default/a", Integer.toString(i));
    }
    for (Recorder r : recs) {
      assertEquals(10, r.values(10).size());
    }
    assertEquals(11, decodes.get());
    ws.forEach(BackendWatch::close);
    assertEquals(0, c.watcherCount());
  }

  @Test
  void theEventWindowShrinksToFitTheMemoryBudget() throws Exception {
    byte[] big = new byte[1000];
    long budget = 100_000;
    WatchCache<String> c = cache(new WatchCacheConfig(true, budget, 3, 10_000, 100), budget);
    for (int i = 0; i < 5; i++) {
      backend.create(PODS + "default/p" + i, big);
    }
    for (int i = 0; i < 100; i++) {
      backend.update(PODS + "default/p0", big, 0);
    }
    caughtUp(c);
    long perEvent = 1000L * WatchCache.HEAP_FACTOR + (PODS + "default/p0").length() * 2L + WatchCache.ENTRY_OVERHEAD;
    assertTrue(c.estimatedBytes() <= budget, c.estimatedBytes() + " > " + budget);
    assertEquals((budget - 5 * perEvent) / perEvent, c.windowSize(), "as many events as fit beside the objects");
    assertEquals(5, c.list(PODS).items().size(), "current objects are always kept");
  }

  @Test
  void theWindowKeepsItsMinimumEvenWhenTheObjectsFillTheBudget() throws Exception {
    WatchCache<String> c = cache(new WatchCacheConfig(true, 1000, 3, 10_000, 100), 1000);
    for (int i = 0; i < 10; i++) {
      backend.create(PODS + "default/p" + i, new byte[500]);
    }
    caughtUp(c);
    assertEquals(3, c.windowSize());
    assertEquals(10, c.list(PODS).items().size());
  }

  @Test
  void closingTheCacheEndsItsWatchersNormally() throws Exception {
    WatchCache<String> c = cache();
    Recorder rec = new Recorder();
    c.watch(PODS, 0, rec);
    c.close();
    assertEquals("normal", rec.closed.poll(5, TimeUnit.SECONDS));
    assertEquals(false, c.serving());
    assertThrows(StorageException.class, () -> c.list(PODS));
  }

  @Test
  void theMemoryFlagTakesQuantities() {
    assertEquals(64L << 20, WatchCacheConfig.parseMemory("64Mi"));
    assertEquals(1_000_000_000L, WatchCacheConfig.parseMemory("1G"));
    assertThrows(IllegalArgumentException.class, () -> WatchCacheConfig.parseMemory("0"));
    assertThrows(IllegalArgumentException.class, () -> WatchCacheConfig.parseMemory("lots"));
    assertEquals(8L << 20, WatchCacheConfig.DEFAULT.perResource(8));
  }

}
