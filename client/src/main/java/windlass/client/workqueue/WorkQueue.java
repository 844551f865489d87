package windlass.client.workqueue;

import java.util.Optional;

/**
 * A deduplicating FIFO of work items, shared by worker threads.
 *
 * <p>Invariants, as client-go's workqueue:
 *
 * <ul>
 *   <li>An item added several times before a worker gets it is handed out once ("dirty" set).
 *   <li>An item being processed (handed out by {@link #get()}, not yet {@link #done(Object)}) is never handed out to a
 *       second worker. If it is added again meanwhile, it is handed out again after {@code done}.
 *   <li>After {@link #shutDown()}, adds are ignored and {@code get} returns empty once the queue is drained.
 * </ul>
 */
public interface WorkQueue<K> {

  /** Marks {@code item} as needing processing. */
  void add(K item);

  /**
   * Blocks until an item is available and returns it, marked as processing; empty once the queue is shut down and
   * drained. Callers must call {@link #done(Object)} when finished with it.
   */
  Optional<K> get() throws InterruptedException;

  /** Ends processing of {@code item}; if it was added meanwhile it is queued again. */
  void done(K item);

  /** Items waiting to be handed out (not counting those being processed). */
  int len();

  /** Stops accepting items and wakes all waiting workers. */
  void shutDown();

  boolean isShuttingDown();

  /** A new plain work queue. */
  static <K> WorkQueue<K> create() {
    return new FifoWorkQueue<>();
  }
}
