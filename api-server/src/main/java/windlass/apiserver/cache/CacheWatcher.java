package windlass.apiserver.cache;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import windlass.apiserver.storage.BackendWatch;
import windlass.apiserver.storage.SerialDrain;
import windlass.apiserver.storage.StorageException;

/**
 * One watch served by a {@link WatchCache}: the events it must replay first (the current state, or the window after
 * its start revision), then a bounded queue of shared live events, drained by one delivery task at a time so the
 * listener hears one call at a time, in order. A watcher whose queue overflows is closed with TOO_SLOW after the
 * events it already got: it watches again from its last revision, and nothing is skipped.
 */
final class CacheWatcher<T> implements BackendWatch {
  private record Progress(long revision) {}

  private record End(StorageException error) {}

  private final WatchCache<T> cache;
  private final String prefix;
  private final long liveAfter;
  private final CacheListener<T> listener;
  private final int capacity;
  private final SerialDrain delivery;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean overflowed;
  private volatile boolean bookmarkWanted;
  // Touched only by the delivery task (the SerialDrain runs one at a time).
  private List<CachedEvent<T>> replay;
  private long position;

  /**
   * @param position the revision the listener has seen up to once {@code replay} is delivered
   * @param liveAfter live events at or below this revision are not for this watcher
   */
  CacheWatcher(WatchCache<T> cache, String prefix, long position, long liveAfter, List<CachedEvent<T>> replay,
      CacheListener<T> listener, int capacity, Executor executor) {
    this.cache = cache;
    this.prefix = prefix;
    this.liveAfter = liveAfter;
    this.replay = replay;
    this.listener = listener;
    this.capacity = capacity;
    this.delivery = new SerialDrain(executor, this::drain,
        () -> !ended.get() && (!queue.isEmpty() || overflowed));
    this.position = position;
  }

  /** A live event, called under the cache's lock in revision order; never blocks. */
  void offer(CachedEvent<T> e) {
    if (ended.get() || overflowed || e.revision() <= liveAfter || !e.key().startsWith(prefix)) {
      return;
    }
    if (queued.incrementAndGet() > capacity) {
      overflowed = true;
    } else {
      queue.add(e);
    }
    schedule();
  }

  /** The cache heard from the backend that everything up to {@code revision} is delivered: a BOOKMARK if asked. */
  void progressed(long revision) {
    if (bookmarkWanted && !ended.get()) {
      bookmarkWanted = false;
      queue.add(new Progress(revision));
      schedule();
    }
  }

  /** Ends the watch from the cache's side, after what was queued before. */
  void end(StorageException error) {
    queue.add(new End(error));
    schedule();
  }

  @Override
  public boolean requestProgress() {
    if (ended.get()) {
      return false;
    }
    bookmarkWanted = true;
    cache.requestProgress();
    return true;
  }

  @Override
  public void close() {
    if (ended.compareAndSet(false, true)) {
      cache.remove(this);
      queue.clear();
    }
  }

  void schedule() {
    delivery.request();
  }

  private void drain() {
    try {
      if (replay != null) {
        for (CachedEvent<T> e : replay) {
          if (ended.get()) {
            return;
          }
          deliver(e);
        }
        replay = null;
      }
      Object item;
      while (!ended.get() && (item = queue.poll()) != null) {
        if (item instanceof CachedEvent<?>) {
          queued.decrementAndGet();
        }
        deliver(item);
      }
      if (overflowed && !ended.get() && queue.isEmpty()) {
        finish(new StorageException(StorageException.Reason.TOO_SLOW, "", position, "the watch fell too far behind "
            + "(more than " + capacity + " events queued); watch again from " + position));
      }
    } catch (RuntimeException e) {
      finish(new StorageException("watch delivery failed: " + e, e));
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(Object item) {
    if (item instanceof CachedEvent<?> raw) {
      CachedEvent<T> e = (CachedEvent<T>) raw;
      listener.onEvent(e);
      position = Math.max(position, e.revision());
    } else if (item instanceof Progress p) {
      position = Math.max(position, p.revision());
      listener.onProgress(position);
    } else if (item instanceof End end) {
      finish(end.error());
    }
  }

  private void finish(StorageException error) {
    if (ended.compareAndSet(false, true)) {
      cache.remove(this);
      queue.clear();
      listener.onClose(error);
    }
  }
}
