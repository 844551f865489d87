package windlass.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The drain loop shared by storage's and the watch cache's watches, on an executor the test runs by hand. */
class SerialDrainTest {
  /** Holds submitted tasks until the test runs them. */
  static final class HandExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();
    boolean refusing;

    @Override
    public void execute(Runnable r) {
      if (refusing) {
        throw new RejectedExecutionException("shut down");
      }
      tasks.add(r);
    }

    void runOne() {
      tasks.remove().run();
    }
  }

  final HandExecutor executor = new HandExecutor();
  final AtomicInteger queued = new AtomicInteger();
  final AtomicInteger drains = new AtomicInteger();

  @Test
  void requestsBeforeTheDrainRunsStartOneDrain() {
    SerialDrain d = new SerialDrain(executor, () -> {
      drains.incrementAndGet();
      queued.set(0);
    }, () -> queued.get() > 0);
    queued.set(3);
    d.request();
    d.request();
    d.request();
    assertEquals(1, executor.tasks.size());
    executor.runOne();
    assertEquals(1, drains.get());
    assertEquals(0, executor.tasks.size(), "nothing pending: no further drain");
  }

  @Test
  void workQueuedWhileADrainFinishesGetsAnotherDrainAfterIt() {
    SerialDrain[] self = new SerialDrain[1];
    self[0] = new SerialDrain(executor, () -> {
      drains.incrementAndGet();
      queued.set(0);
      if (drains.get() == 1) {
        queued.incrementAndGet(); // arrives after the drain's last look at its queue
        self[0].request(); // the drain still runs: no second task now
      }
    }, () -> queued.get() > 0);
    queued.set(1);
    self[0].request();
    executor.runOne();
    assertEquals(1, executor.tasks.size(), "the re-check scheduled one more drain");
    executor.runOne();
    assertEquals(2, drains.get());
    assertEquals(0, queued.get());
    assertEquals(0, executor.tasks.size());
  }

  @Test
  void aRefusingExecutorLeavesTheWorkQueuedForALaterRequest() {
    SerialDrain d = new SerialDrain(executor, () -> {
      drains.incrementAndGet();
      queued.set(0);
    }, () -> queued.get() > 0);
    queued.set(1);
    executor.refusing = true;
    d.request();
    assertEquals(0, drains.get());
    executor.refusing = false;
    d.request();
    executor.runOne();
    assertEquals(1, drains.get(), "the refused request did not leave the drain marked as scheduled");
  }
}
