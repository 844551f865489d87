package windlass.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for tests: time stands still until {@link #advance(Duration)} or {@link #set(Instant)} moves it, which then
 * runs every task that has come due, in due order, on the advancing thread. {@link #sleep(Duration)} blocks until the
 * clock is advanced past the wake-up time. Lives in main scope so every module's tests can use it.
 */
public final class FakeClock implements Clock {
  private final PriorityQueue<Entry> timers = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private Instant now;

  public FakeClock() {
    this(Instant.parse("2024-01-01T00:00:00Z"));
  }

  public FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    Entry e;
    synchronized (this) {
      e = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence.incrementAndGet(), task);
      timers.add(e);
      notifyAll();
    }
    if (delay.isZero() || delay.isNegative()) {
      fireDue();
    }
    return () -> {
      synchronized (FakeClock.this) {
        return timers.remove(e);
      }
    };
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    CountDownLatch woke = new CountDownLatch(1);
    Timer t = schedule(duration, woke::countDown);
    try {
      woke.await();
    } catch (InterruptedException e) {
      t.cancel();
      throw e;
    }
  }

  /** Moves time forward and runs the tasks that came due. */
  public void advance(Duration d) {
    synchronized (this) {
      now = now.plus(d);
    }
    fireDue();
  }

  /** Sets the time (never backwards) and runs the tasks that came due. */
  public void set(Instant t) {
    synchronized (this) {
      if (t.isAfter(now)) {
        now = t;
      }
    }
    fireDue();
  }

  /** How many tasks (including sleepers) wait for a future time. */
  public synchronized int pendingTimers() {
    return timers.size();
  }

  /** The time the earliest waiting task is due, or null. */
  public synchronized Instant nextDue() {
    Entry e = timers.peek();
    return e == null ? null : e.due;
  }

  /**
   * Waits (in real time, at most {@code timeout}) until at least {@code count} tasks wait on this clock: lets a test
   * know a background thread has reached its sleep before advancing past it.
   */
  public synchronized boolean awaitPendingTimers(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (timers.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private void fireDue() {
    while (true) {
      List<Entry> due = new ArrayList<>();
      synchronized (this) {
        while (!timers.isEmpty() && !timers.peek().due.isAfter(now)) {
          due.add(timers.poll());
        }
      }
      if (due.isEmpty()) {
        return;
      }
      for (Entry e : due) {
        e.task.run();
      }
    }
  }

  private record Entry(Instant due, long seq, Runnable task) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
