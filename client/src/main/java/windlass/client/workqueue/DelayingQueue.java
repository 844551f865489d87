package windlass.client.workqueue;

import java.time.Duration;
import windlass.client.Clock;

/**
 * A {@link WorkQueue} that can also add an item later. An item waiting to be added is kept once, with the earliest
 * time asked for; adding it directly meanwhile does not cancel the later add (as client-go).
 */
public interface DelayingQueue<K> extends WorkQueue<K> {

  /** Adds {@code item} once {@code delay} has passed on the queue's clock; at once when delay &lt;= 0. */
  void addAfter(K item, Duration delay);

  static <K> DelayingQueue<K> create(Clock clock) {
    return new ClockDelayingQueue<>(new FifoWorkQueue<>(), clock);
  }
}
