package windlass.scheduler.framework;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Data plugins share within one scheduling cycle of one pod (PreFilter computes the pod's requests once, Filter reads
 * them for every node). Keys are typed so a reader gets what the writer put.
 *
 * <p>Filters and scores read their plugin's entry once per node, so a read is an array load: each key gets a small
 * number when it is created and the values sit in an array indexed by it. One cycle's state is written and read by
 * the scheduling thread, then handed to the binding thread (the executor's hand-off publishes it); it is not meant
 * for concurrent writers.
 */
public final class CycleState {
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  /**
   * A typed key; plugins keep theirs in a static field. Keys are compared by identity: two keys made with the same
   * name are different keys.
   */
  public static final class Key<T> {
    private final String name;
    private final Class<T> type;
    private final int id;

    public Key(String name, Class<T> type) {
      this.name = name;
      this.type = type;
      this.id = NEXT_ID.getAndIncrement();
    }

    public String name() {
      return name;
    }

    public Class<T> type() {
      return type;
    }

    @Override
    public String toString() {
      return "Key[" + name + "]";
    }
  }

  private Object[] values;

  public CycleState() {
    values = new Object[Math.max(16, NEXT_ID.get())];
  }

  private CycleState(Object[] values) {
    this.values = values;
  }

  /** Stores {@code value} under {@code key}; null removes the entry. */
  public <T> void write(Key<T> key, T value) {
    if (key.id >= values.length) {
      values = Arrays.copyOf(values, Math.max(key.id + 1, values.length * 2));
    }
    values[key.id] = key.type.cast(value);
  }

  /** A copy to change without touching this one (a preemption dry run's what-if state); values are shared. */
  public CycleState copy() {
    return new CycleState(values.clone());
  }

  public <T> Optional<T> read(Key<T> key) {
    return Optional.ofNullable(get(key));
  }

  /** The value under {@code key}, or null: {@link #read} without the Optional, for per-node reads. */
  public <T> T get(Key<T> key) {
    Object[] v = values;
    return key.id < v.length ? key.type.cast(v[key.id]) : null;
  }
}
