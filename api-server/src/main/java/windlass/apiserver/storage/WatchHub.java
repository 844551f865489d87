package windlass.apiserver.storage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans committed changes out to watches for a backend whose store keeps its own history (a log table): each watch
 * subscribes first, then replays the history above its start revision, then takes live changes, skipping what the
 * replay already delivered. So no change is lost between replay and live, and none is delivered twice.
 *
 * <p>{@link #publish} must be called by one thread in revision order, after the change is committed.
 */
final class WatchHub implements AutoCloseable {
  /** Reads stored changes above a revision: the replay half of a watch. */
  interface History {
    /** Up to {@code limit} changes under prefix above {@code afterRevision}, in revision order. */
    List<StorageEvent> readAfter(String prefix, long afterRevision, int limit);
  }

  private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorService delivery;
  private final History history;
  private final int maxQueued;
  private volatile long publishedRevision;

  WatchHub(History history, long currentRevision, int maxQueued) {
    this.history = history;
    this.publishedRevision = currentRevision;
    this.maxQueued = maxQueued;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "watch-delivery-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.delivery = Executors.newCachedThreadPool(tf);
  }

  BackendWatch subscribe(String prefix, long fromRevision, WatchListener listener) {
    Subscriber s = new Subscriber(this, prefix, fromRevision, listener, maxQueued);
    subscribers.add(s);
    s.schedule();
    return s;
  }

  void publish(StorageEvent e) {
    for (Subscriber s : subscribers) {
      s.offer(e);
    }
    publishedRevision = e.revision();
  }

  long publishedRevision() {
    return publishedRevision;
  }

  History history() {
    return history;
  }

  void execute(Runnable r) {
    delivery.execute(r);
  }

  void remove(Subscriber s) {
    subscribers.remove(s);
  }

  int size() {
    return subscribers.size();
  }

  /** Ends every watch with onClose(null) and stops the delivery threads. */
  @Override
  public void close() {
    for (Subscriber s : subscribers) {
      s.endFromBackend(null);
    }
    delivery.shutdown();
  }
}
