package windlass.client;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as everything that waits, expires or backs off sees it (conventions §5). Production code takes a Clock;
 * {@link #system()} is the real one, {@link FakeClock} moves only when a test says so, so tests never sleep.
 */
public interface Clock {

  /** The current instant. */
  Instant now();

  /**
   * Runs {@code task} once, {@code delay} from now, on a thread of the clock's choosing (the system clock's timer
   * thread; for {@link FakeClock}, the thread that advances it). Tasks must be short: hand long work to an executor.
   */
  Timer schedule(Duration delay, Runnable task);

  /** Blocks the calling thread until {@code duration} has passed on this clock. */
  void sleep(Duration duration) throws InterruptedException;

  /** A scheduled task that may still be called off. */
  interface Timer {
    /** Calls the task off; false when it already ran or was cancelled. */
    boolean cancel();
  }

  /** The wall clock, with one shared daemon timer thread. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /** Time since {@code start} on this clock. */
  default Duration since(Instant start) {
    return Duration.between(start, now());
  }
}
