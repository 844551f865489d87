package windlass.client.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-item exponential backoff: base * 2^failures, capped at max. client-go's controller default is base 5 ms, max
 * 1000 s ({@link #controllerDefault()}).
 */
public final class ItemExponentialRateLimiter<K> implements RateLimiter<K> {
  private final Duration base;
  private final Duration max;
  private final Map<K, Integer> failures = new HashMap<>();

  public ItemExponentialRateLimiter(Duration base, Duration max) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max, got base " + base + ", max " + max);
    }
    this.base = base;
    this.max = max;
  }

  /** 5 ms doubling to 1000 s, as client-go's DefaultControllerRateLimiter's per-item part. */
  public static <K> ItemExponentialRateLimiter<K> controllerDefault() {
    return new ItemExponentialRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
  }

  @Override
  public synchronized Duration when(K item) {
    int exp = failures.merge(item, 1, Integer::sum) - 1;
    if (exp >= 62) {
      return max;
    }
    long nanos = base.toNanos();
    // base * 2^exp, saturating, then capped
    if (nanos > (Long.MAX_VALUE >> exp)) {
      return max;
    }
    Duration d = Duration.ofNanos(nanos << exp);
    return d.compareTo(max) > 0 ? max : d;
  }

  @Override
  public synchronized void forget(K item) {
    failures.remove(item);
  }

  @Override
  public synchronized int numRequeues(K item) {
    return failures.getOrDefault(item, 0);
  }
}
