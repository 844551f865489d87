package windlass.scheduler.framework;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Data plugins share within one scheduling cycle of one pod (PreFilter computes the pod's requests once, Filter reads
 * them for every node). Keys are typed so a reader gets what the writer put.
 */
public final class CycleState {
  /** A typed key; plugins keep theirs in a static field. */
  public record Key<T>(String name, Class<T> type) {}

  private final Map<Key<?>, Object> data = new HashMap<>();

  public synchronized <T> void write(Key<T> key, T value) {
    data.put(key, value);
  }

  /** A copy to change without touching this one (a preemption dry run's what-if state); values are shared. */
  public synchronized CycleState copy() {
    CycleState c = new CycleState();
    c.data.putAll(data);
    return c;
  }

  public synchronized <T> Optional<T> read(Key<T> key) {
    return Optional.ofNullable(key.type().cast(data.get(key)));
  }
}
