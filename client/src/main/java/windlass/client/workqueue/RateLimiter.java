package windlass.client.workqueue;

import java.time.Duration;
import windlass.client.Clock;

/** Decides how long an item waits before it is retried. */
public interface RateLimiter<K> {

  /** The delay before the next retry of {@code item}; counts the retry. */
  Duration when(K item);

  /** Stops tracking {@code item}: its next failure starts from the base delay again. */
  void forget(K item);

  /** How many times {@code item} has been retried since it was last forgotten. */
  int numRequeues(K item);

  /**
   * client-go's DefaultControllerRateLimiter: the longer of per-item exponential backoff (5 ms doubling to 1000 s)
   * and an overall token bucket of 10 qps with a burst of 100.
   */
  static <K> RateLimiter<K> controllerDefault(Clock clock) {
    return new MaxOfRateLimiter<>(ItemExponentialRateLimiter.controllerDefault(),
        new TokenBucketRateLimiter<>(10, 100, clock));
  }
}
