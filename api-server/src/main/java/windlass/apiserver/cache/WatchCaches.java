package windlass.apiserver.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import windlass.apiserver.storage.Backend;

/**
 * The watch caches of one apiserver: one per resource, each with an equal part of the memory budget, sharing one
 * pool of delivery threads. The pool is small and fixed (watchers' callbacks queue their events and return, as the
 * gRPC forwarder does), so a change fanned out to a thousand watchers costs queue hand-offs, not a thousand thread
 * wake-ups.
 */
public final class WatchCaches implements AutoCloseable {
  private final Backend backend;
  private final WatchCacheConfig config;
  private final long perResource;
  private final ExecutorService delivery;
  private final List<WatchCache<?>> caches = new CopyOnWriteArrayList<>();

  /** @param resources how many resources share the budget */
  public WatchCaches(Backend backend, WatchCacheConfig config, int resources) {
    this.backend = backend;
    this.config = config;
    this.perResource = config.perResource(resources);
    int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    this.delivery = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "watch-cache-delivery-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public WatchCacheConfig config() {
    return config;
  }

  /** Each resource's part of the budget. */
  public long budgetPerResource() {
    return perResource;
  }

  /** Starts the cache of one resource (lists and watches {@code prefix} now). */
  public <T> WatchCache<T> cache(String prefix, WatchCache.Decoder<T> decoder) {
    WatchCache<T> c = new WatchCache<>(prefix, backend, decoder, perResource, config, delivery);
    caches.add(c);
    return c;
  }

  /** Watches open on all caches (tests, metrics). */
  public int watcherCount() {
    return caches.stream().mapToInt(WatchCache::watcherCount).sum();
  }

  /** Closes every cache (watchers hear onClose(null)) and stops the delivery threads once they are done. */
  @Override
  public void close() {
    caches.forEach(WatchCache::close);
    delivery.shutdown();
  }
}
