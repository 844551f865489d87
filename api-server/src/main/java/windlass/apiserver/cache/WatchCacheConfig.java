package windlass.apiserver.cache;

import java.math.BigDecimal;
import windlass.client.Quantities;

/**
 * How the apiserver's watch caches are sized: on or off, the memory budget shared by all resources (each gets an equal
 * part), the bounds of each resource's event window and the queue of each watcher.
 *
 * @param memoryBytes the budget of all caches together: current objects plus the event windows (estimated)
 * @param minEvents the window never shrinks below this many events, whatever the budget
 * @param maxEvents the window never grows beyond this many events (upstream's upper bound, 100 Ki events)
 * @param watcherQueue events a watcher may have queued before it is closed as too slow
 */
public record WatchCacheConfig(boolean enabled, long memoryBytes, int minEvents, int maxEvents, int watcherQueue) {
  public static final String DEFAULT_MEMORY = "64Mi";
  public static final WatchCacheConfig DEFAULT = of(true, parseMemory(DEFAULT_MEMORY));

  public WatchCacheConfig {
    if (memoryBytes <= 0) {
      throw new IllegalArgumentException("the watch cache memory must be positive, got " + memoryBytes + " bytes");
    }
    if (minEvents < 1 || maxEvents < minEvents || watcherQueue < 1) {
      throw new IllegalArgumentException("watch cache bounds out of order: minEvents " + minEvents + ", maxEvents "
          + maxEvents + ", watcherQueue " + watcherQueue);
    }
  }

  /** Upstream's window bounds (100 to 100 Ki events) and a 1024-event queue per watcher. */
  public static WatchCacheConfig of(boolean enabled, long memoryBytes) {
    return new WatchCacheConfig(enabled, memoryBytes, 100, 100 * 1024, 1024);
  }

  /** No cache: every list reads storage and every watch decodes its own events. */
  public static WatchCacheConfig disabled() {
    return of(false, parseMemory(DEFAULT_MEMORY));
  }

  /** The budget of each of {@code resources} caches. */
  public long perResource(int resources) {
    return Math.max(1, memoryBytes / Math.max(1, resources));
  }

  /** Bytes of a quantity such as {@code 64Mi} or {@code 1G}; IllegalArgumentException saying why not. */
  public static long parseMemory(String quantity) {
    BigDecimal v = Quantities.parse(quantity);
    if (v.signum() <= 0) {
      throw new IllegalArgumentException("watch cache memory " + quantity + " must be positive");
    }
    try {
      return v.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("watch cache memory " + quantity + " is too large");
    }
  }
}
