package windlass.apiserver.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the history as upstream's apiserver does with etcd: every interval, compact to the revision that was
 * current one interval ago, so watches can resume from anything newer than one interval.
 */
public final class Compactor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Compactor.class.getName());

  private final Backend backend;
  private final ScheduledExecutorService timer;
  private long previous;

  public Compactor(Backend backend, Duration interval) {
    this.backend = backend;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "storage-compactor");
      t.setDaemon(true);
      return t;
    });
    this.previous = backend.currentRevision();
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** One round: compact to the revision remembered last time, remember the current one. */
  void tick() {
    try {
      long target = previous;
      previous = backend.currentRevision();
      if (target > backend.compactRevision()) {
        backend.compact(target);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "compaction failed; retrying next round", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
