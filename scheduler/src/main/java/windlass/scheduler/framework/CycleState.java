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

  /**
   * A value that a preemption dry run changes (upstream's StateData.Clone): {@link CycleState#copy} copies it, so the
   * dry run of one node does not see another's changes. Values that are not Copyable are shared by the copies.
   */
  public interface Copyable<T> {
    T copy();
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

  /**
   * A copy to change without touching this one (upstream's CycleState.Clone, made per node by a preemption dry run):
   * {@link Copyable} values are copied, the others shared. Never made on the normal scheduling path.
   */
  public CycleState copy() {
    Object[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      if (v[i] instanceof Copyable<?> c) {
        v[i] = c.copy();
      }
    }
    return new CycleState(v);
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
