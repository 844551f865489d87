package windlass.client.informer;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import windlass.client.ObjectKey;
import windlass.client.ObjectMetas;
import windlass.client.LabelSelector;

/**
 * The informer's thread-safe store: objects by "namespace/name" key plus indexes. Reads return immutable messages, so
 * callers may keep them; they must not expect them to change.
 */
final class Cache<T extends Message> implements Lister<T>, Indexer<T> {
  /** What a relist changed compared with the cache. */
  record Diff<T>(List<T> added, List<Map.Entry<T, T>> updated, List<T> deleted) {}

  private final Map<String, T> items = new HashMap<>();
  private final Map<String, IndexFunction<T>> indexFunctions = new LinkedHashMap<>();
  /** index name → index value → keys. */
  private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();

  Cache() {
    addIndex(NAMESPACE, o -> List.of(ObjectMetas.of(o).getNamespace()));
  }

  synchronized void addIndex(String name, IndexFunction<T> f) {
    if (indexFunctions.putIfAbsent(name, f) != null) {
      throw new IllegalArgumentException("index \"" + name + "\" already exists");
    }
    Map<String, Set<String>> index = new HashMap<>();
    indexes.put(name, index);
    items.forEach((k, o) -> indexInto(index, f, k, o));
  }

  static String keyOf(Message obj) {
    return ObjectMetas.key(obj).toString();
  }

  /** Stores {@code obj}, returning what it replaced. */
  synchronized Optional<T> put(T obj) {
    String key = keyOf(obj);
    T old = items.put(key, obj);
    if (old != null) {
      unindex(key, old);
    }
    index(key, obj);
    return Optional.ofNullable(old);
  }

  /** Removes the object with {@code obj}'s key, returning what was cached. */
  synchronized Optional<T> remove(T obj) {
    String key = keyOf(obj);
    T old = items.remove(key);
    if (old != null) {
      unindex(key, old);
    }
    return Optional.ofNullable(old);
  }

  /** Makes the cache hold exactly {@code fresh}; returns the difference (updates only where resourceVersion moved). */
  synchronized Diff<T> replace(List<T> fresh) {
    List<T> added = new ArrayList<>();
    List<Map.Entry<T, T>> updated = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (T obj : fresh) {
      String key = keyOf(obj);
      seen.add(key);
      Optional<T> old = put(obj);
      if (old.isEmpty()) {
        added.add(obj);
      } else if (!ObjectMetas.of(old.get()).getResourceVersion().equals(ObjectMetas.of(obj).getResourceVersion())) {
        updated.add(Map.entry(old.get(), obj));
      }
    }
    List<T> deleted = new ArrayList<>();
    for (String key : new ArrayList<>(items.keySet())) {
      if (!seen.contains(key)) {
        T old = items.remove(key);
        unindex(key, old);
        deleted.add(old);
      }
    }
    return new Diff<>(added, updated, deleted);
  }

  @Override
  public synchronized Optional<T> get(String namespace, String name) {
    return Optional.ofNullable(items.get(new ObjectKey(namespace, name).toString()));
  }

  @Override
  public synchronized List<T> list() {
    return new ArrayList<>(items.values());
  }

  @Override
  public List<T> list(String namespace) {
    return namespace == null || namespace.isEmpty() ? list() : byIndex(NAMESPACE, namespace);
  }

  @Override
  public List<T> list(String namespace, LabelSelector selector) {
    List<T> out = new ArrayList<>();
    for (T o : list(namespace)) {
      if (selector.matches(ObjectMetas.of(o).getLabelsMap())) {
        out.add(o);
      }
    }
    return out;
  }

  @Override
  public synchronized List<T> byIndex(String indexName, String value) {
    Map<String, Set<String>> index = indexes.get(indexName);
    if (index == null) {
      throw new IllegalArgumentException("no index \"" + indexName + "\"; indexes: " + indexes.keySet());
    }
    List<T> out = new ArrayList<>();
    for (String key : index.getOrDefault(value, Set.of())) {
      out.add(items.get(key));
    }
    return out;
  }

  synchronized int size() {
    return items.size();
  }

  private void index(String key, T obj) {
    indexFunctions.forEach((name, f) -> indexInto(indexes.get(name), f, key, obj));
  }

  private static <T> void indexInto(Map<String, Set<String>> index, IndexFunction<T> f, String key, T obj) {
    Collection<String> values = f.apply(obj);
    if (values != null) {
      for (String v : values) {
        index.computeIfAbsent(v, x -> new HashSet<>()).add(key);
      }
    }
  }

  private void unindex(String key, T obj) {
    indexFunctions.forEach((name, f) -> {
      Map<String, Set<String>> index = indexes.get(name);
      Collection<String> values = f.apply(obj);
      if (values != null) {
        for (String v : values) {
          Set<String> keys = index.get(v);
          if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
              index.remove(v);
            }
          }
        }
      }
    });
  }
}
