package windlass.apiserver.storage;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs a watch's drain task on a shared executor, at most one at a time, so its listener hears one call at a time, in
 * order. {@link #request()} after queueing work: it starts a drain unless one is scheduled or running. After each
 * drain it asks whether work is still pending (queued while the drain was finishing) and, if so, starts another, so
 * no request is lost between the drain's last look at its queue and its end. An executor that refuses the task (shut
 * down) leaves the work queued.
 */
public final class SerialDrain {
  private final Executor executor;
  private final Runnable drain;
  private final BooleanSupplier pending;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /**
   * @param drain delivers what is queued; it must not throw (the caller ends its watch on errors itself)
   * @param pending whether work is left for another drain, asked after each drain
   */
  public SerialDrain(Executor executor, Runnable drain, BooleanSupplier pending) {
    this.executor = executor;
    this.drain = drain;
    this.pending = pending;
  }

  /** Starts a drain unless one is already scheduled or running (that one, or the one after it, sees the work). */
  public void request() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::run);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
      }
    }
  }

  private void run() {
    try {
      drain.run();
    } finally {
      scheduled.set(false);
    }
    if (pending.getAsBoolean()) {
      request();
    }
  }
}
