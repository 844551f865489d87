package windlass.client.workqueue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import windlass.client.Clock;

/** {@link DelayingQueue} over a {@link WorkQueue}: waiting items are kept by ready time, woken by clock timers. */
class ClockDelayingQueue<K> implements DelayingQueue<K> {
  private final WorkQueue<K> queue;
  private final Clock clock;
  private final Map<K, Instant> waiting = new HashMap<>();

  ClockDelayingQueue(WorkQueue<K> queue, Clock clock) {
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public void addAfter(K item, Duration delay) {
    if (queue.isShuttingDown()) {
      return;
    }
    if (delay.isZero() || delay.isNegative()) {
      queue.add(item);
      return;
    }
    Instant readyAt = clock.now().plus(delay);
    synchronized (this) {
      Instant had = waiting.get(item);
      if (had != null && !had.isAfter(readyAt)) {
        return; // already due earlier
      }
      waiting.put(item, readyAt);
    }
    // A timer that fires after shutDown finds nothing waiting, or a queue that ignores adds: harmless.
    clock.schedule(delay, this::addReady);
  }

  /** Moves every waiting item whose time has come into the queue. */
  private void addReady() {
    Instant now = clock.now();
    List<Map.Entry<K, Instant>> ready = new ArrayList<>();
    synchronized (this) {
      waiting.entrySet().removeIf(e -> {
        if (!e.getValue().isAfter(now)) {
          ready.add(Map.entry(e.getKey(), e.getValue()));
          return true;
        }
        return false;
      });
    }
    ready.sort(Map.Entry.comparingByValue());
    ready.forEach(e -> queue.add(e.getKey()));
  }

  /** Items waiting for their time (for tests and metrics). */
  synchronized int waitingCount() {
    return waiting.size();
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
    synchronized (this) {
      waiting.clear();
    }
  }

  @Override
  public boolean isShuttingDown() {
    return queue.isShuttingDown();
  }
}
