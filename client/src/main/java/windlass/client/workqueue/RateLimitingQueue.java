package windlass.client.workqueue;

import windlass.client.Clock;

/**
 * A {@link DelayingQueue} that also retries items with backoff: a controller calls {@link #addRateLimited(Object)}
 * when reconciling failed and {@link #forget(Object)} when it succeeded.
 */
public interface RateLimitingQueue<K> extends DelayingQueue<K> {

  /** Adds {@code item} after the rate limiter's delay for it (which grows with each call until forgotten). */
  void addRateLimited(K item);

  /** Resets the item's backoff. Does not remove it from the queue. */
  void forget(K item);

  /** Retries of {@code item} since it was last forgotten. */
  int numRequeues(K item);

  /**
   * A queue with client-go's default controller rate limiter: per item 5 ms doubling to 1000 s, and overall at most
   * 10 retries a second after a burst of 100 ({@link RateLimiter#controllerDefault(Clock)}).
   */
  static <K> RateLimitingQueue<K> create(Clock clock) {
    return create(clock, RateLimiter.controllerDefault(clock));
  }

  static <K> RateLimitingQueue<K> create(Clock clock, RateLimiter<K> limiter) {
    return new BackoffQueue<>(new FifoWorkQueue<>(), clock, limiter);
  }
}
