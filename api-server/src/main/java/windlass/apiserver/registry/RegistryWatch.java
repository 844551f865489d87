package windlass.apiserver.registry;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import windlass.api.v1.WatchEventType;
import windlass.apiserver.cache.CacheListener;
import windlass.apiserver.cache.CachedEvent;
import windlass.apiserver.storage.BackendWatch;
import windlass.apiserver.storage.StorageEvent;
import windlass.apiserver.storage.StorageException;
import windlass.apiserver.storage.WatchListener;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ObjectMetas;
import windlass.client.WatchEvent;
import windlass.client.Watcher;

/**
 * One registry watch: turns storage changes into API watch events through the watch's selectors, as upstream: a
 * change that makes an object match is ADDED, one that makes it stop matching is DELETED (with the new state), a
 * change to a matching object is MODIFIED. Periodic BOOKMARKs carry only a resourceVersion. Events come from the
 * backend (decoded here) or from the kind's watch cache (decoded once for all watchers).
 */
public final class RegistryWatch implements WatchListener, CacheListener<Message>, AutoCloseable {
  private final Kind kind;
  private final Filter filter;
  private final Watcher<Message> watcher;
  private volatile BackendWatch backendWatch;
  private volatile ScheduledFuture<?> bookmarks;
  private volatile boolean closed;

  RegistryWatch(Kind kind, Filter filter, Watcher<Message> watcher) {
    this.kind = kind;
    this.filter = filter;
    this.watcher = watcher;
  }

  void sendInitial(List<Message> objects) {
    for (Message m : objects) {
      watcher.onEvent(new WatchEvent<>(WatchEventType.ADDED, m));
    }
  }

  void start(BackendWatch w) {
    this.backendWatch = w;
    if (closed) {
      w.close();
    }
  }

  void scheduleBookmarks(ScheduledExecutorService timers, Duration every) {
    long ms = every.toMillis();
    bookmarks = timers.scheduleAtFixedRate(() -> {
      BackendWatch w = backendWatch;
      if (w != null && !closed) {
        w.requestProgress();
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Asks for a BOOKMARK now (tests; the timer does it every interval). */
  public void requestBookmark() {
    BackendWatch w = backendWatch;
    if (w != null) {
      w.requestProgress();
    }
  }

  @Override
  public void onEvent(StorageEvent e) {
    if (closed) {
      return;
    }
    Message cur = StorageCodec.decode(kind, e.kv());
    boolean before = false;
    if (e.type() == StorageEvent.Type.PUT && e.prev() != null) {
      before = filter.isEverything() || filter.matches(StorageCodec.decode(kind, e.prev()));
    } else if (e.type() == StorageEvent.Type.PUT) {
      before = !e.isCreate() && filter.matches(cur); // created: nothing before; history compacted: assume unchanged
    }
    emit(e.type(), cur, before);
  }

  /** A change from the watch cache: decoded once for every watcher, with the state it replaced. */
  @Override
  public void onEvent(CachedEvent<Message> e) {
    if (closed) {
      return;
    }
    emit(e.type(), e.object(), e.prev() != null && (filter.isEverything() || filter.matches(e.prev())));
  }

  private void emit(StorageEvent.Type type, Message cur, boolean before) {
    if (type == StorageEvent.Type.DELETE) {
      if (filter.matches(cur)) {
        watcher.onEvent(new WatchEvent<>(WatchEventType.DELETED, cur));
      }
      return;
    }
    boolean now = filter.matches(cur);
    if (now && before) {
      watcher.onEvent(new WatchEvent<>(WatchEventType.MODIFIED, cur));
    } else if (now) {
      watcher.onEvent(new WatchEvent<>(WatchEventType.ADDED, cur));
    } else if (before) {
      watcher.onEvent(new WatchEvent<>(WatchEventType.DELETED, cur));
    }
  }

  @Override
  public void onProgress(long revision) {
    if (closed) {
      return;
    }
    Message empty = kind.defaultInstance();
    ObjectMeta m = ObjectMeta.newBuilder().setResourceVersion(Long.toString(revision)).build();
    watcher.onEvent(new WatchEvent<>(WatchEventType.BOOKMARK, ObjectMetas.with(empty, m)));
  }

  @Override
  public void onClose(StorageException error) {
    cancelBookmarks();
    if (closed) {
      return;
    }
    closed = true;
    if (error != null && error.reason() == StorageException.Reason.COMPACTED) {
      watcher.onClose(ApiException.gone(error.getMessage()));
    } else if (error != null && error.reason() == StorageException.Reason.INTERNAL) {
      watcher.onClose(ApiException.internal(error.getMessage()));
    } else {
      // backend closing, or the watch fell behind: end normally; the client watches again from its last RV
      watcher.onClose(null);
    }
  }

  /** Stops the watch; the watcher hears nothing more. */
  @Override
  public void close() {
    closed = true;
    cancelBookmarks();
    BackendWatch w = backendWatch;
    if (w != null) {
      w.close();
    }
  }

  private void cancelBookmarks() {
    ScheduledFuture<?> b = bookmarks;
    if (b != null) {
      b.cancel(false);
    }
  }
}
