package windlass.apiserver.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The watch cache's current objects, by the key's parent ({@code /registry/pods/default/}) and then by key: a point
 * read is two hash lookups, and a namespace's list visits that namespace's objects instead of every object of the
 * resource (upstream's cacher keeps a namespace index for the same reason). Not thread-safe: the cache's lock
 * guards it.
 */
final class ObjectIndex<V> {
  private final HashMap<String, HashMap<String, V>> byParent = new HashMap<>();

  /** Everything up to and including the key's last '/'. */
  static String parent(String key) {
    return key.substring(0, key.lastIndexOf('/') + 1);
  }

  V get(String key) {
    HashMap<String, V> siblings = byParent.get(parent(key));
    return siblings == null ? null : siblings.get(key);
  }

  /** Stores {@code value} at {@code key}; returns what was there, or null. */
  V put(String key, V value) {
    return byParent.computeIfAbsent(parent(key), p -> new HashMap<>()).put(key, value);
  }

  /** Removes {@code key}; returns what was there, or null. */
  V remove(String key) {
    String p = parent(key);
    HashMap<String, V> siblings = byParent.get(p);
    if (siblings == null) {
      return null;
    }
    V old = siblings.remove(key);
    if (siblings.isEmpty()) {
      byParent.remove(p);
    }
    return old;
  }

  void clear() {
    byParent.clear();
  }

  /**
   * Calls {@code action} for every key that starts with {@code prefix}, in no order. A key starts with the prefix when
   * its parent does, or when the prefix runs past the parent into the key's last segment (then each key is checked).
   */
  void forEachUnder(String prefix, BiConsumer<String, V> action) {
    for (Map.Entry<String, HashMap<String, V>> group : byParent.entrySet()) {
      String parent = group.getKey();
      if (parent.startsWith(prefix)) {
        group.getValue().forEach(action);
      } else if (prefix.startsWith(parent)) {
        group.getValue().forEach((k, v) -> {
          if (k.startsWith(prefix)) {
            action.accept(k, v);
          }
        });
      }
    }
  }
}
