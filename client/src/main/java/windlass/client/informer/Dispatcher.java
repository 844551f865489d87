package windlass.client.informer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers an informer's notifications to its handlers in order, on one thread. Each notification carries the
 * handlers registered when it was made, so a handler added late gets its replay of the cache and then only later
 * changes, never a change twice.
 */
final class Dispatcher<T> {
  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

  enum Type { ADD, UPDATE, DELETE }

  private record Notification<T>(Type type, T oldObj, T newObj, List<ResourceEventHandler<T>> to) {}

  private final LinkedBlockingQueue<Notification<T>> queue = new LinkedBlockingQueue<>();
  private final Notification<T> stop = new Notification<>(null, null, null, List.of());
  private final Thread thread;
  private volatile List<ResourceEventHandler<T>> handlers = List.of();
  private final AtomicLong made = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger waiters = new java.util.concurrent.atomic.AtomicInteger();

  Dispatcher(String name) {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Registers a handler; later notifications reach it. Call under the lock that orders notifications. */
  void addHandler(ResourceEventHandler<T> h) {
    List<ResourceEventHandler<T>> next = new ArrayList<>(handlers);
    next.add(h);
    handlers = List.copyOf(next);
  }

  void add(T obj) {
    made.incrementAndGet();
    queue.add(new Notification<>(Type.ADD, null, obj, handlers));
  }

  /** An add for one handler only: its replay of the cache when it registers late. */
  void addTo(ResourceEventHandler<T> h, T obj) {
    made.incrementAndGet();
    queue.add(new Notification<>(Type.ADD, null, obj, List.of(h)));
  }

  void update(T oldObj, T newObj) {
    made.incrementAndGet();
    queue.add(new Notification<>(Type.UPDATE, oldObj, newObj, handlers));
  }

  void delete(T obj) {
    made.incrementAndGet();
    queue.add(new Notification<>(Type.DELETE, null, obj, handlers));
  }

  /** True when every notification made so far has been delivered. */
  boolean drained() {
    return delivered.get() == made.get();
  }

  /** How many notifications have been made so far (call under the lock that orders them for an exact mark). */
  long made() {
    return made.get();
  }

  boolean delivered(long count) {
    return delivered.get() >= count;
  }

  /** Waits until the first {@code count} notifications have been delivered, until {@code deadline} (nanoTime). */
  boolean awaitDelivered(long count, long deadline) throws InterruptedException {
    waiters.incrementAndGet();
    try {
      synchronized (delivered) {
        while (delivered.get() < count) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(delivered, left);
        }
        return true;
      }
    } finally {
      waiters.decrementAndGet();
    }
  }

  void stop() {
    queue.add(stop);
  }

  private void run() {
    while (true) {
      Notification<T> n;
      try {
        n = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (n == stop) {
        return;
      }
      for (ResourceEventHandler<T> h : n.to()) {
        try {
          switch (n.type()) {
            case ADD -> h.onAdd(n.newObj());
            case UPDATE -> h.onUpdate(n.oldObj(), n.newObj());
            case DELETE -> h.onDelete(n.newObj());
          }
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.ERROR, thread.getName() + ": event handler failed on " + n.type(), e);
        }
      }
      delivered.incrementAndGet();
      if (waiters.get() > 0) {
        synchronized (delivered) {
          delivered.notifyAll();
        }
      }
    }
  }
}
