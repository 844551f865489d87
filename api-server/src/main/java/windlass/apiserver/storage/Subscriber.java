package windlass.apiserver.storage;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One watch of a {@link WatchHub}: a queue of live changes and markers, drained by one delivery task at a time (so
 * the listener sees one call at a time, in order). The first drain replays the history above the start revision.
 */
final class Subscriber implements BackendWatch {
  private static final int REPLAY_CHUNK = 500;

  private record Progress(long revision) {}

  private record End(StorageException error) {}

  private final WatchHub hub;
  private final String prefix;
  private final WatchListener listener;
  private final int maxQueued;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final SerialDrain delivery;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean overflowed;
  // Touched only by the delivery task (the SerialDrain runs one at a time).
  private long position;
  private boolean replayed;

  Subscriber(WatchHub hub, String prefix, long fromRevision, WatchListener listener, int maxQueued) {
    this.hub = hub;
    this.prefix = prefix;
    this.listener = listener;
    this.position = fromRevision;
    this.maxQueued = maxQueued;
    this.delivery = new SerialDrain(hub::execute, this::drain, () -> !ended.get() && !queue.isEmpty());
  }

  void offer(StorageEvent e) {
    if (ended.get() || !e.kv().key().startsWith(prefix)) {
      return;
    }
    if (queued.incrementAndGet() > maxQueued) {
      overflowed = true;
    }
    queue.add(e);
    schedule();
  }

  @Override
  public boolean requestProgress() {
    if (ended.get()) {
      return false;
    }
    queued.incrementAndGet();
    queue.add(new Progress(hub.publishedRevision()));
    schedule();
    return true;
  }

  @Override
  public void close() {
    if (ended.compareAndSet(false, true)) {
      hub.remove(this);
      queue.clear();
    }
  }

  /** Ends the watch from the backend's side: the listener hears onClose after what was queued before it. */
  void endFromBackend(StorageException error) {
    queued.incrementAndGet();
    queue.add(new End(error));
    schedule();
  }

  void schedule() {
    delivery.request();
  }

  private void drain() {
    try {
      if (!replayed) {
        replay();
        replayed = true;
      }
      Object item;
      while (!ended.get() && (item = queue.poll()) != null) {
        queued.decrementAndGet();
        if (overflowed) {
          finish(new StorageException(StorageException.Reason.TOO_SLOW, "", position,
              "the watch fell too far behind (more than " + maxQueued + " changes queued); watch again from " + position));
          return;
        }
        deliver(item);
      }
    } catch (StorageException e) {
      finish(e);
    } catch (RuntimeException e) {
      finish(new StorageException("watch delivery failed: " + e, e));
    }
  }

  private void replay() {
    while (!ended.get()) {
      List<StorageEvent> chunk = hub.history().readAfter(prefix, position, REPLAY_CHUNK);
      for (StorageEvent e : chunk) {
        if (ended.get()) {
          return;
        }
        listener.onEvent(e);
        position = e.revision();
      }
      if (chunk.size() < REPLAY_CHUNK) {
        return;
      }
    }
  }

  private void deliver(Object item) {
    if (item instanceof StorageEvent e) {
      if (e.revision() > position) {
        listener.onEvent(e);
        position = e.revision();
      }
    } else if (item instanceof Progress p) {
      position = Math.max(position, p.revision());
      listener.onProgress(position);
    } else if (item instanceof End end) {
      finish(end.error());
    }
  }

  private void finish(StorageException error) {
    if (ended.compareAndSet(false, true)) {
      hub.remove(this);
      queue.clear();
      listener.onClose(error);
    }
  }
}
