package windlass.client.workqueue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The plain {@link WorkQueue}: a FIFO plus a dirty set and a processing set, under one monitor. */
final class FifoWorkQueue<K> implements WorkQueue<K> {
  private final ArrayDeque<K> queue = new ArrayDeque<>();
  /** Items that need processing: queued, or added again while being processed. */
  private final Set<K> dirty = new HashSet<>();
  /** Items handed out and not yet done. */
  private final Set<K> processing = new HashSet<>();
  private boolean shuttingDown;

  @Override
  public synchronized void add(K item) {
    if (shuttingDown || !dirty.add(item)) {
      return;
    }
    if (processing.contains(item)) {
      return; // queued again by done()
    }
    queue.addLast(item);
    notify();
  }

  @Override
  public synchronized Optional<K> get() throws InterruptedException {
    while (queue.isEmpty() && !shuttingDown) {
      wait();
    }
    if (queue.isEmpty()) {
      return Optional.empty();
    }
    K item = queue.removeFirst();
    processing.add(item);
    dirty.remove(item);
    return Optional.of(item);
  }

  @Override
  public synchronized void done(K item) {
    processing.remove(item);
    if (dirty.contains(item)) {
      queue.addLast(item);
      notify();
    }
  }

  @Override
  public synchronized int len() {
    return queue.size();
  }

  @Override
  public synchronized void shutDown() {
    shuttingDown = true;
    notifyAll();
  }

  @Override
  public synchronized boolean isShuttingDown() {
    return shuttingDown;
  }
}
