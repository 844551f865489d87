package windlass.apiserver.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import windlass.apiserver.storage.Backend;
import windlass.apiserver.storage.BackendWatch;
import windlass.apiserver.storage.KeyValue;
import windlass.apiserver.storage.ListPage;
import windlass.apiserver.storage.StorageEvent;
import windlass.apiserver.storage.StorageException;
import windlass.apiserver.storage.WatchListener;

/**
 * The watch cache of one resource, as upstream's Cacher: it lists and watches the backend under the resource's
 * prefix, keeps every current object decoded, and a window of recent events bounded by a memory budget. Each change
 * is decoded once and the same event is handed to every watcher; lists at "any" revision are answered from memory,
 * consistent lists after {@link #awaitRevision} caught up with the backend.
 *
 * <p>Invariants: the cache's revision only grows; a watch from revision R (window start &lt;= R) gets every change
 * after R under its prefix, in order, once; a watch from 0 gets the current objects (as created events) then every
 * later change. A watch from before the window, or from a revision the backend compacted, fails
 * {@link StorageException.Reason#COMPACTED} "too old resource version: R (S)". If the cache's own backend watch ends
 * with an error it relists: its watchers are closed (they resume from their last revision) and the window restarts.
 */
public final class WatchCache<T> implements AutoCloseable {
  /** Decodes a stored value into the object the cache shares; its revision is the entry's modRevision. */
  public interface Decoder<T> {
    T decode(KeyValue kv);
  }

  /** Objects under a prefix as of {@code revision}, in key order. */
  public record Snapshot<T>(List<T> items, long revision) {}

  private record Entry<T>(T object, long bytes, long revision) {}

  private record Keyed<T>(String key, Entry<T> entry) {}

  private static final System.Logger LOG = System.getLogger(WatchCache.class.getName());
  private static final int LIST_PAGE = 1000;
  /** Decoded protobuf objects take a few times their wire size on the heap: the budget's estimate per byte stored. */
  static final int HEAP_FACTOR = 4;
  static final int ENTRY_OVERHEAD = 128;

  private final String prefix;
  private final Backend backend;
  private final Decoder<T> decoder;
  private final long budgetBytes;
  private final WatchCacheConfig config;
  private final Executor delivery;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  // Guarded by lock. Hash maps: every change touches them, while only lists need key order (they sort what they take).
  private final ObjectIndex<Entry<T>> objects = new ObjectIndex<>();
  private final EventWindow<T> window = new EventWindow<>(0);
  private final List<CacheWatcher<T>> watchers = new ArrayList<>();
  private long objectBytes;
  private long revision;
  private boolean serving;
  private boolean closed;
  private int generation;
  private BackendWatch source;

  /**
   * Lists {@code prefix} and starts watching it; when that fails the cache does not serve ({@link #serving()} is
   * false) and callers read storage instead.
   *
   * @param budgetBytes this resource's part of the memory budget
   * @param delivery runs the watchers' delivery tasks (shared by all caches)
   */
  public WatchCache(String prefix, Backend backend, Decoder<T> decoder, long budgetBytes, WatchCacheConfig config,
      Executor delivery) {
    this.prefix = prefix;
    this.backend = backend;
    this.decoder = decoder;
    this.budgetBytes = budgetBytes;
    this.config = config;
    this.delivery = delivery;
    start();
  }

  public String prefix() {
    return prefix;
  }

  /** Whether the cache is listed and watching: otherwise reads go to storage. */
  public boolean serving() {
    lock.lock();
    try {
      return serving;
    } finally {
      lock.unlock();
    }
  }

  /** The current object at exactly {@code key}, or null (for the registry's point reads; one map lookup). */
  public T get(String key) {
    lock.lock();
    try {
      requireServing();
      Entry<T> e = objects.get(key);
      return e == null ? null : e.object();
    } finally {
      lock.unlock();
    }
  }

  /** The revision the cache has caught up to. */
  public long revision() {
    lock.lock();
    try {
      return revision;
    } finally {
      lock.unlock();
    }
  }

  /** The oldest revision a watch can start from. */
  public long windowStart() {
    lock.lock();
    try {
      return window.start();
    } finally {
      lock.unlock();
    }
  }

  /** Events in the window now. */
  public int windowSize() {
    lock.lock();
    try {
      return window.size();
    } finally {
      lock.unlock();
    }
  }

  /** Estimated heap of the current objects plus the window; at most the budget unless the window is at its minimum. */
  public long estimatedBytes() {
    lock.lock();
    try {
      return objectBytes + window.bytes();
    } finally {
      lock.unlock();
    }
  }

  /** Watches open now. */
  public int watcherCount() {
    lock.lock();
    try {
      return watchers.size();
    } finally {
      lock.unlock();
    }
  }

  // ---- reads ----

  /** The current objects under {@code keyPrefix} (which starts with the cache's prefix) at the cache's revision. */
  public Snapshot<T> list(String keyPrefix) {
    List<Keyed<T>> taken;
    long rev;
    lock.lock();
    try {
      requireServing();
      taken = under(keyPrefix);
      rev = revision;
    } finally {
      lock.unlock();
    }
    taken.sort(Comparator.comparing(Keyed::key));
    List<T> items = new ArrayList<>(taken.size());
    for (Keyed<T> k : taken) {
      items.add(k.entry().object());
    }
    return new Snapshot<>(items, rev);
  }

  /**
   * Waits until the cache has seen every change up to {@code target} (asking the backend for progress, so writes to
   * other resources count), at most {@code timeout}. False when it did not get there in time or stopped serving.
   */
  public boolean awaitRevision(long target, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (serving && revision < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        if (source != null && !source.requestProgress()) {
          return false; // only events could bring it there: the caller reads storage, as upstream does then
        }
        advanced.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
      }
      return serving;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Watches {@code keyPrefix}: from 0, the current objects as created events, then every later change; from R &gt; 0,
   * every change after R. COMPACTED "too old resource version" when R is older than the window or than the
   * backend's compaction; INTERNAL when the cache does not serve.
   */
  public BackendWatch watch(String keyPrefix, long fromRevision, CacheListener<T> listener) {
    long compacted = backend.compactRevision();
    lock.lock();
    try {
      requireServing();
      long oldest = Math.max(window.start(), compacted);
      List<CachedEvent<T>> replay;
      long position;
      if (fromRevision == 0) {
        List<Keyed<T>> taken = under(keyPrefix);
        taken.sort(Comparator.comparing(Keyed::key));
        replay = new ArrayList<>(taken.size());
        for (Keyed<T> k : taken) {
          Entry<T> v = k.entry();
          replay.add(new CachedEvent<>(StorageEvent.Type.PUT, k.key(), v.object(), null, v.revision(), 0));
        }
        position = revision;
      } else if (fromRevision < oldest) {
        throw new StorageException(StorageException.Reason.COMPACTED, "", oldest,
            "too old resource version: " + fromRevision + " (" + oldest + ")");
      } else {
        replay = new ArrayList<>();
        for (CachedEvent<T> e : window.after(fromRevision)) {
          if (e.key().startsWith(keyPrefix)) {
            replay.add(e);
          }
        }
        position = fromRevision;
      }
      // live events are all above the cache's revision; a watch from a future revision skips up to there
      long liveAfter = Math.max(fromRevision, revision);
      CacheWatcher<T> w = new CacheWatcher<>(this, keyPrefix, position, liveAfter, replay, listener,
          config.watcherQueue(), delivery);
      watchers.add(w);
      w.schedule();
      return w;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks the backend for progress for the cache's watchers that want a bookmark; when it cannot tell, they get the
   * cache's own revision, which covers every change the cache has passed on to them.
   */
  void requestProgress() {
    BackendWatch s;
    lock.lock();
    try {
      s = source;
    } finally {
      lock.unlock();
    }
    if (s == null || s.requestProgress()) {
      return;
    }
    lock.lock();
    try {
      if (serving && s == source) {
        long now = revision;
        watchers.forEach(w -> w.progressed(now));
      }
    } finally {
      lock.unlock();
    }
  }

  void remove(CacheWatcher<T> w) {
    lock.lock();
    try {
      watchers.remove(w);
    } finally {
      lock.unlock();
    }
  }

  /** The current objects whose key starts with {@code keyPrefix}, in no order; called under the lock. */
  private List<Keyed<T>> under(String keyPrefix) {
    List<Keyed<T>> out = new ArrayList<>();
    objects.forEachUnder(keyPrefix, (k, v) -> out.add(new Keyed<>(k, v)));
    return out;
  }

  private void requireServing() {
    if (!serving) {
      throw new StorageException("the watch cache of " + prefix + " is not serving", null);
    }
  }

  // ---- the cache's own list+watch of the backend ----

  private void start() {
    int gen;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      gen = ++generation;
    } finally {
      lock.unlock();
    }
    try {
      HashMap<String, Entry<T>> listed = new HashMap<>();
      long bytes = 0;
      long rev = 0;
      String after = "";
      while (true) {
        ListPage page = backend.list(prefix, after, rev, LIST_PAGE);
        rev = page.revision();
        for (KeyValue kv : page.items()) {
          Entry<T> e = new Entry<>(decoder.decode(kv), estimate(kv), kv.modRevision());
          listed.put(kv.key(), e);
          bytes += e.bytes();
        }
        if (!page.more() || page.items().isEmpty()) {
          break;
        }
        after = page.items().get(page.items().size() - 1).key();
      }
      lock.lock();
      try {
        if (closed || gen != generation) {
          return;
        }
        objects.clear();
        listed.forEach(objects::put);
        objectBytes = bytes;
        window.reset(rev);
        revision = Math.max(revision, rev);
        serving = true;
        advanced.signalAll();
      } finally {
        lock.unlock();
      }
      // outside the lock: a backend may deliver on another thread before watch() returns
      BackendWatch s = backend.watch(prefix, rev, new Source(gen));
      lock.lock();
      try {
        if (gen == generation) {
          source = s;
          s = null;
        }
      } finally {
        lock.unlock();
      }
      if (s != null) {
        s.close(); // closed or relisted meanwhile
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "watch cache of " + prefix + " could not list and watch storage; "
          + "its lists and watches go to storage", e);
      stopServing(null);
    }
  }

  /** Listens to the backend for one generation of the cache (a relist starts a new one). */
  private final class Source implements WatchListener {
    private final int gen;

    Source(int gen) {
      this.gen = gen;
    }

    @Override
    public void onEvent(StorageEvent e) {
      apply(gen, e);
    }

    @Override
    public void onProgress(long rev) {
      lock.lock();
      try {
        if (gen != generation) {
          return;
        }
        if (rev > revision) {
          revision = rev;
          advanced.signalAll();
        }
        long now = revision;
        watchers.forEach(w -> w.progressed(now));
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onClose(StorageException error) {
      if (error == null) {
        stopServing(null); // the backend closed
        return;
      }
      LOG.log(System.Logger.Level.INFO, "watch cache of {0} lost its storage watch ({1}); relisting",
          prefix, error.getMessage());
      stopServing(new StorageException(StorageException.Reason.TOO_SLOW, "", 0,
          "the watch cache of " + prefix + " is relisting; watch again from your last resourceVersion"));
      start();
    }
  }

  private void apply(int gen, StorageEvent e) {
    T obj = decoder.decode(e.kv());
    long bytes = estimate(e.kv());
    lock.lock();
    try {
      if (gen != generation) {
        return;
      }
      Entry<T> old = e.type() == StorageEvent.Type.DELETE ? objects.remove(e.kv().key())
          : objects.put(e.kv().key(), new Entry<>(obj, bytes, e.revision()));
      objectBytes += (e.type() == StorageEvent.Type.DELETE ? 0 : bytes) - (old == null ? 0 : old.bytes());
      CachedEvent<T> ce = new CachedEvent<>(e.type(), e.kv().key(), obj, old == null ? null : old.object(),
          e.revision(), bytes);
      window.add(ce);
      trim();
      revision = Math.max(revision, e.revision());
      for (CacheWatcher<T> w : watchers) {
        w.offer(ce);
      }
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Drops the oldest events while the window is over its share of the budget (or its maximum length). */
  private void trim() {
    long allowance = budgetBytes - objectBytes;
    while (window.size() > config.maxEvents()
        || window.size() > config.minEvents() && window.bytes() > allowance) {
      window.dropOldest();
    }
  }

  private static long estimate(KeyValue kv) {
    return (long) kv.value().length * HEAP_FACTOR + kv.key().length() * 2L + ENTRY_OVERHEAD;
  }

  /** Ends every watcher with {@code error} (null: normally) and stops answering until a relist succeeds. */
  private void stopServing(StorageException error) {
    List<CacheWatcher<T>> ending;
    BackendWatch s;
    lock.lock();
    try {
      serving = false;
      s = source;
      source = null;
      ending = new ArrayList<>(watchers);
      watchers.clear();
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
    if (s != null) {
      s.close();
    }
    ending.forEach(w -> w.end(error));
  }

  /** Stops watching the backend; every watcher hears onClose(null). */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      generation++;
    } finally {
      lock.unlock();
    }
    stopServing(null);
  }
}
