package windlass.client.workqueue;

/** {@link RateLimitingQueue}: a {@link ClockDelayingQueue} asking a {@link RateLimiter} how long each retry waits. */
final class BackoffQueue<K> extends ClockDelayingQueue<K> implements RateLimitingQueue<K> {
  private final RateLimiter<K> limiter;

  BackoffQueue(WorkQueue<K> queue, windlass.client.Clock clock, RateLimiter<K> limiter) {
    super(queue, clock);
    this.limiter = limiter;
  }

  @Override
  public void addRateLimited(K item) {
    addAfter(item, limiter.when(item));
  }

  @Override
  public void forget(K item) {
    limiter.forget(item);
  }

  @Override
  public int numRequeues(K item) {
    return limiter.numRequeues(item);
  }
}
