package windlass.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  @Test
  void handsOutItemsInOrderOnce() throws Exception {
    WorkQueue<String> q = WorkQueue.create();
    q.add("a");
    q.add("b");
    q.add("a");
    assertEquals(2, q.len());
    assertEquals(Optional.of("a"), q.get());
    assertEquals(Optional.of("b"), q.get());
    assertEquals(0, q.len());
  }

  @Test
  void itemAddedWhileProcessingIsHandedOutAgainOnlyAfterDone() throws Exception {
    WorkQueue<String> q = WorkQueue.create();
    q.add("a");
    assertEquals(Optional.of("a"), q.get());
    q.add("a");
    q.add("a");
    assertEquals(0, q.len(), "an item being processed must not be handed to a second worker");
    q.done("a");
    assertEquals(1, q.len());
    assertEquals(Optional.of("a"), q.get());
    q.done("a");
    assertEquals(0, q.len());
  }

  @Test
  void doneWithoutReAddDropsTheItem() throws Exception {
    WorkQueue<String> q = WorkQueue.create();
    q.add("a");
    q.get();
    q.done("a");
    assertEquals(0, q.len());
  }

  @Test
  void shutDownWakesWaitingWorkersAndIgnoresAdds() throws Exception {
    WorkQueue<String> q = WorkQueue.create();
    AtomicReference<Optional<String>> got = new AtomicReference<>();
    CountDownLatch returned = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      try {
        got.set(q.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      returned.countDown();
    });
    worker.start();
    q.shutDown();
    assertTrue(returned.await(5, TimeUnit.SECONDS));
    assertEquals(Optional.empty(), got.get());
    q.add("late");
    assertEquals(0, q.len());
  }

  @Test
  void shutDownStillDrainsQueuedItems() throws Exception {
    WorkQueue<String> q = WorkQueue.create();
    q.add("a");
    q.shutDown();
    assertEquals(Optional.of("a"), q.get());
    assertEquals(Optional.empty(), q.get());
  }

  @Test
  void blockedWorkerGetsAnItemAddedLater() throws Exception {
    WorkQueue<String> q = WorkQueue.create();
    AtomicReference<Optional<String>> got = new AtomicReference<>();
    CountDownLatch returned = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      try {
        got.set(q.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      returned.countDown();
    });
    worker.start();
    q.add("x");
    assertTrue(returned.await(5, TimeUnit.SECONDS));
    assertEquals(Optional.of("x"), got.get());
  }
}
