package windlass.apiserver.registry;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import windlass.apiserver.cache.WatchCache;
import windlass.apiserver.storage.Backend;
import windlass.apiserver.storage.BackendWatch;
import windlass.apiserver.storage.StorageException;
import windlass.client.Kind;
import windlass.client.ObjectList;

/**
 * Which lists and watches of one kind the watch cache answers, as upstream 1.32 with consistent lists from cache:
 * resourceVersion "0" at once (whatever the cache holds); "" once the cache has caught up with the backend's current
 * revision; a number N once the cache has reached N. Paged lists (a limit with a resourceVersion other than "0", or a
 * continue token) read storage, and so does anything the cache cannot answer within {@link #CATCH_UP}: a null answer
 * means "ask storage".
 */
final class CachedReads {
  /** How long a read waits for the cache to catch up before it goes to storage (upstream: 3s). */
  static final Duration CATCH_UP = Duration.ofSeconds(3);

  private final Kind kind;
  private final WatchCache<Message> cache;
  private final Backend backend;

  CachedReads(Kind kind, WatchCache<Message> cache, Backend backend) {
    this.kind = kind;
    this.cache = cache;
    this.backend = backend;
  }

  WatchCache<Message> cache() {
    return cache;
  }

  /** The list from the cache, or null when storage must answer. */
  ObjectList<Message> list(ListQuery q, Filter filter) {
    String rv = q.resourceVersion();
    if (!q.continueToken().isEmpty() || q.limit() > 0 && !rv.equals("0") || !caughtUp(rv)) {
      return null;
    }
    WatchCache.Snapshot<Message> snap;
    try {
      snap = cache.list(Keys.prefix(kind, q.namespace()));
    } catch (StorageException e) {
      return null; // stopped serving meanwhile
    }
    List<Message> items = new ArrayList<>();
    for (Message m : snap.items()) {
      if (filter.matches(m)) {
        items.add(m);
      }
    }
    return new ObjectList<>(items, Long.toString(snap.revision()), "");
  }

  /**
   * The object at {@code key} as a read of storage now would see it (the cache caught up with the
   * backend's current revision first): present, empty when absent, or null when storage must answer.
   */
  Optional<Message> get(String key) {
    if (!caughtUp("")) {
      return null;
    }
    return lookup(key);
  }

  /**
   * The object at {@code key} as the cache holds it now, without waiting: possibly stale, so only a
   * starting guess for a conditional write (upstream's GuaranteedUpdate with the cached object); null when the cache
   * does not have it or does not serve.
   */
  Message peek(String key) {
    if (!cache.serving()) {
      return null;
    }
    Optional<Message> found = lookup(key);
    return found == null ? null : found.orElse(null);
  }

  private Optional<Message> lookup(String key) {
    try {
      return Optional.ofNullable(cache.get(key));
    } catch (StorageException e) {
      return null; // stopped serving meanwhile
    }
  }

  /**
   * A cache watch for {@code w} from {@code rv} ("" and "0": the current state first), or null when storage must
   * serve it: the cache is not serving, or the revision is older than its window (storage may still have it).
   */
  BackendWatch watch(ListQuery q, RegistryWatch w) {
    String rv = q.resourceVersion();
    long from = rv.isEmpty() || rv.equals("0") ? 0 : ResourceStore.parseResourceVersion(rv);
    if (!caughtUp(rv.isEmpty() ? "" : "0")) {
      return null;
    }
    try {
      return cache.watch(Keys.prefix(kind, q.namespace()), from, w);
    } catch (StorageException e) {
      return null;
    }
  }

  /** Waits for the freshness {@code rv} asks for; false when the cache cannot give it. */
  private boolean caughtUp(String rv) {
    if (!cache.serving()) {
      return false;
    }
    long target = rv.isEmpty() ? backend.currentRevision()
        : rv.equals("0") ? 0 : ResourceStore.parseResourceVersion(rv);
    try {
      return target == 0 || cache.awaitRevision(target, CATCH_UP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
