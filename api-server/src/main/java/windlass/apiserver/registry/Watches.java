package windlass.apiserver.registry;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import windlass.apiserver.storage.Backend;
import windlass.apiserver.storage.BackendWatch;
import windlass.apiserver.storage.StorageException;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ObjectList;
import windlass.client.Watcher;

/**
 * Starts watches of one kind. From resourceVersion "" or "0" the watcher first gets the current state as ADDED
 * events (read at revision R), then every change after R; from a number N, every change after N, or
 * OUT_OF_RANGE ("too old resource version") when N has been compacted. With a watch cache, watches it can serve
 * share its decoded events; the rest (a revision older than its window, a cache not serving) read storage as before.
 */
final class Watches {
  private final Strategy strategy;
  private final Kind kind;
  private final Backend backend;
  private final ScheduledExecutorService timers;
  private final Duration bookmarkInterval;
  private volatile CachedReads cache;

  Watches(Strategy strategy, Backend backend, ScheduledExecutorService timers, Duration bookmarkInterval) {
    this.strategy = strategy;
    this.kind = strategy.kind();
    this.backend = backend;
    this.timers = timers;
    this.bookmarkInterval = bookmarkInterval;
  }

  /** Serves watches from the kind's watch cache when it can (see {@link CachedReads#watch}). */
  void useCache(CachedReads c) {
    this.cache = c;
  }

  RegistryWatch watch(ListQuery q, Watcher<Message> watcher) {
    Filter filter = Filter.of(strategy, q);
    String prefix = Keys.prefix(kind, q.namespace());
    String rv = q.resourceVersion();
    RegistryWatch w = new RegistryWatch(kind, filter, watcher);
    CachedReads c = cache;
    BackendWatch cached = c == null ? null : c.watch(q, w);
    long from;
    if (cached != null) {
      w.start(cached);
      if (q.allowWatchBookmarks() && timers != null) {
        w.scheduleBookmarks(timers, bookmarkInterval);
      }
      return w;
    }
    if (rv.isEmpty() || rv.equals("0")) {
      ObjectList<Message> now = new Lister(kind, backend, filter).list(q.withLimit(0, ""));
      from = Long.parseLong(now.resourceVersion());
      w.sendInitial(now.items());
    } else {
      from = ResourceStore.parseResourceVersion(rv);
    }
    try {
      w.start(backend.watch(prefix, from, w));
    } catch (StorageException e) {
      if (e.reason() == StorageException.Reason.COMPACTED) {
        throw ApiException.gone(e.getMessage());
      }
      throw ApiException.internal(e.getMessage());
    }
    if (q.allowWatchBookmarks() && timers != null) {
      w.scheduleBookmarks(timers, bookmarkInterval);
    }
    return w;
  }
}
