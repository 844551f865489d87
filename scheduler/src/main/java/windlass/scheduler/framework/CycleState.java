package windlass.scheduler.framework;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data plugins share within one scheduling cycle of one pod (PreFilter computes the pod's requests once, Filter reads
 * them for every node). Keys are typed so a reader gets what the writer put.
 */
public final class CycleState {
  /** A typed key; plugins keep theirs in a static field. */
  public record Key<T>(String name, Class<T> type) {}

  /** Lock-free reads: filters and scores read their plugin's entry once per node. */
  private final Map<Key<?>, Object> data = new ConcurrentHashMap<>();

  /** Stores {@code value} under {@code key}; null removes the entry. */
  public <T> void write(Key<T> key, T value) {
    if (value == null) {
      data.remove(key);
    } else {
      data.put(key, value);
    }
  }

  /** A copy to change without touching this one (a preemption dry run's what-if state); values are shared. */
  public CycleState copy() {
    CycleState c = new CycleState();
    c.data.putAll(data);
    return c;
  }

  public <T> Optional<T> read(Key<T> key) {
    return Optional.ofNullable(key.type().cast(data.get(key)));
  }
}
