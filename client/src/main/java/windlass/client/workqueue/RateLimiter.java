package windlass.client.workqueue;

import java.time.Duration;

/** Decides how long an item waits before it is retried. */
public interface RateLimiter<K> {

  /** The delay before the next retry of {@code item}; counts the retry. */
  Duration when(K item);

  /** Stops tracking {@code item}: its next failure starts from the base delay again. */
  void forget(K item);

  /** How many times {@code item} has been retried since it was last forgotten. */
  int numRequeues(K item);
}
