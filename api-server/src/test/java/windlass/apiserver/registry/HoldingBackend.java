package windlass.apiserver.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import windlass.apiserver.storage.Backend;
import windlass.apiserver.storage.BackendWatch;
import windlass.apiserver.storage.KeyValue;
import windlass.apiserver.storage.ListPage;
import windlass.apiserver.storage.StorageEvent;
import windlass.apiserver.storage.WatchListener;

/**
 * A backend for tests that makes the registry's watch caches lag on demand: while {@link #hold} is on for a watched
 * prefix, its events and progress answers wait (in order) until {@link #release}; and {@link #blockCreates} stops
 * creates under a key prefix inside storage until the returned latch is counted down; after {@link #noProgress} its
 * watches cannot answer progress requests, as over an etcd before 3.4.31.
 */
final class HoldingBackend implements Backend {
  private final Backend delegate;
  private final List<Runnable> held = new ArrayList<>();
  private String heldPrefix;
  private volatile String blockedPrefix;
  private volatile CountDownLatch blockedEntered;
  private volatile CountDownLatch blockedRelease;
  private volatile boolean noProgress;
  /** Point reads of storage so far. */
  final java.util.concurrent.atomic.AtomicInteger gets = new java.util.concurrent.atomic.AtomicInteger();

  HoldingBackend(Backend delegate) {
    this.delegate = delegate;
  }

  /** Watches of exactly {@code prefix} (a watch cache's) get nothing more until {@link #release}. */
  synchronized void hold(String prefix) {
    heldPrefix = prefix;
  }

  /** From now on, watches answer {@link BackendWatch#requestProgress} with false. */
  void noProgress() {
    noProgress = true;
  }

  /** Delivers what was held, in order, and stops holding. */
  synchronized void release() {
    heldPrefix = null;
    held.forEach(Runnable::run);
    held.clear();
  }

  /** Creates under {@code prefix} wait inside storage until the returned latch is counted down. */
  CountDownLatch blockCreates(String prefix, CountDownLatch entered) {
    CountDownLatch release = new CountDownLatch(1);
    blockedEntered = entered;
    blockedRelease = release;
    blockedPrefix = prefix;
    return release;
  }

  private synchronized void deliver(String prefix, Runnable r) {
    if (prefix.equals(heldPrefix)) {
      held.add(r);
    } else {
      r.run();
    }
  }

  @Override
  public long create(String key, byte[] value) {
    String p = blockedPrefix;
    if (p != null && key.startsWith(p)) {
      blockedEntered.countDown();
      try {
        blockedRelease.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return delegate.create(key, value);
  }

  @Override
  public long update(String key, byte[] value, long expectedRevision) {
    return delegate.update(key, value, expectedRevision);
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    return delegate.delete(key, expectedRevision);
  }

  @Override
  public Optional<KeyValue> get(String key) {
    gets.incrementAndGet();
    return delegate.get(key);
  }

  @Override
  public ListPage list(String prefix, String startAfter, long revision, int limit) {
    return delegate.list(prefix, startAfter, revision, limit);
  }

  @Override
  public long count(String prefix) {
    return delegate.count(prefix);
  }

  @Override
  public BackendWatch watch(String prefix, long fromRevision, WatchListener listener) {
    BackendWatch w = delegate.watch(prefix, fromRevision, new WatchListener() {
      @Override
      public void onEvent(StorageEvent event) {
        deliver(prefix, () -> listener.onEvent(event));
      }

      @Override
      public void onProgress(long revision) {
        deliver(prefix, () -> listener.onProgress(revision));
      }

      @Override
      public void onClose(windlass.apiserver.storage.StorageException error) {
        listener.onClose(error);
      }
    });
    return new BackendWatch() {
      @Override
      public boolean requestProgress() {
        return !noProgress && w.requestProgress();
      }

      @Override
      public void close() {
        w.close();
      }
    };
  }

  @Override
  public void compact(long revision) {
    delegate.compact(revision);
  }

  @Override
  public long currentRevision() {
    return delegate.currentRevision();
  }

  @Override
  public long compactRevision() {
    return delegate.compactRevision();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
