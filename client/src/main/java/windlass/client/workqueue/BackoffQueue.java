package windlass.client.workqueue;

import java.time.Duration;
import java.util.Optional;

/** {@link RateLimitingQueue} over a {@link DelayingQueue} and a {@link RateLimiter}. */
final class BackoffQueue<K> implements RateLimitingQueue<K> {
  private final DelayingQueue<K> queue;
  private final RateLimiter<K> limiter;

  BackoffQueue(DelayingQueue<K> queue, RateLimiter<K> limiter) {
    this.queue = queue;
    this.limiter = limiter;
  }

  @Override
  public void addRateLimited(K item) {
    queue.addAfter(item, limiter.when(item));
  }

  @Override
  public void forget(K item) {
    limiter.forget(item);
  }

  @Override
  public int numRequeues(K item) {
    return limiter.numRequeues(item);
  }

  @Override
  public void addAfter(K item, Duration delay) {
    queue.addAfter(item, delay);
  }

  @Override
  public void add(K item) {
    queue.add(item);
  }

  @Override
  public Optional<K> get() throws InterruptedException {
    return queue.get();
  }

  @Override
  public void done(K item) {
    queue.done(item);
  }

  @Override
  public int len() {
    return queue.len();
  }

  @Override
  public void shutDown() {
    queue.shutDown();
  }

  @Override
  public boolean isShuttingDown() {
    return queue.isShuttingDown();
  }
}
