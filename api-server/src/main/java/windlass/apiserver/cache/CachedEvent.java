package windlass.apiserver.cache;

import windlass.apiserver.storage.StorageEvent;

/**
 * One change as the watch cache keeps it: decoded once and shared by every watcher. For PUT, {@code object} is the new
 * state and {@code prev} the state it replaced (null when the key was created); for DELETE, {@code object} is the
 * last state at the deletion's revision and {@code prev} the state before it. {@code bytes} is what the event counts
 * against the cache's memory budget.
 */
public record CachedEvent<T>(StorageEvent.Type type, String key, T object, T prev, long revision, long bytes) {
  /** A PUT that created the key (also how a watch from "now" hears the current state: as created objects). */
  public boolean isCreate() {
    return type == StorageEvent.Type.PUT && prev == null;
  }
}
