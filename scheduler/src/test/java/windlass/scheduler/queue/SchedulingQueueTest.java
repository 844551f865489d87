package windlass.scheduler.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.scheduler.framework.QueueSortPlugin;
import windlass.scheduler.testing.MakePod;

class SchedulingQueueTest {
  private final FakeClock clock = new FakeClock();
  private final SchedulingQueue q = new SchedulingQueue(clock);

  private SchedulingQueue.Popped pop() throws InterruptedException {
    return q.pop().orElseThrow();
  }

  @Test
  void popsHigherPriorityFirstThenOlder() throws Exception {
    q.add(MakePod.named("old").build());
    clock.advance(Duration.ofSeconds(1));
    q.add(MakePod.named("young").build());
    q.add(MakePod.named("important").priority(1000).build());
    assertEquals("important", pop().info().pod().getMetadata().getName());
    assertEquals("old", pop().info().pod().getMetadata().getName());
    assertEquals("young", pop().info().pod().getMetadata().getName());
  }

  @Test
  void anUnschedulablePodWaitsForAMoveThenItsBackoff() throws Exception {
    q.add(MakePod.named("p").build());
    SchedulingQueue.Popped p = pop();
    q.addUnschedulableIfNotPresent(p.info(), p.cycle());
    assertEquals(1, q.unschedulableCount());

    q.moveAllToActiveOrBackoffQueue("NodeAdd");
    assertEquals(1, q.backoffCount(), "first failure backs off 1 s");
    clock.advance(Duration.ofMillis(999));
    q.flushBackoffCompleted();
    assertEquals(0, q.activeCount());
    clock.advance(Duration.ofMillis(1));
    q.flushBackoffCompleted();
    assertEquals(1, q.activeCount());
    assertEquals(2, pop().info().attempts());
  }

  @Test
  void aMoveDuringTheCycleSendsTheFailedPodToBackoffNotUnschedulable() throws Exception {
    q.add(MakePod.named("p").build());
    SchedulingQueue.Popped p = pop();
    q.moveAllToActiveOrBackoffQueue("NodeAdd"); // a node arrived while the pod was being scheduled
    q.addUnschedulableIfNotPresent(p.info(), p.cycle());
    assertEquals(0, q.unschedulableCount());
    assertEquals(1, q.backoffCount());
  }

  @Test
  void backoffDoublesUpToTenSeconds() {
    assertEquals(Duration.ofSeconds(1), SchedulingQueue.backoffDuration(1));
    assertEquals(Duration.ofSeconds(2), SchedulingQueue.backoffDuration(2));
    assertEquals(Duration.ofSeconds(8), SchedulingQueue.backoffDuration(4));
    assertEquals(Duration.ofSeconds(10), SchedulingQueue.backoffDuration(5));
    assertEquals(Duration.ofSeconds(10), SchedulingQueue.backoffDuration(50));
  }

  @Test
  void longUnschedulablePodsAreRetriedAfterFiveMinutes() throws Exception {
    q.start();
    q.add(MakePod.named("p").build());
    SchedulingQueue.Popped p = pop();
    q.addUnschedulableIfNotPresent(p.info(), p.cycle());
    clock.advance(Duration.ofMinutes(4));
    assertEquals(1, q.unschedulableCount());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(0, q.unschedulableCount());
    assertEquals(1, q.activeCount());
    q.close();
  }

  @Test
  void aStatusUpdateDoesNotMoveAnUnschedulablePodButASpecChangeDoes() throws Exception {
    V1.Pod pod = MakePod.named("p").build();
    q.add(pod);
    SchedulingQueue.Popped p = pop();
    q.addUnschedulableIfNotPresent(p.info(), p.cycle());
    V1.Pod withStatus = pod.toBuilder().setStatus(V1.PodStatus.newBuilder().setPhase("Pending")).build();
    q.update(pod, withStatus);
    assertTrue(q.isUnschedulable(pod));
    clock.advance(Duration.ofSeconds(5));
    q.update(withStatus, MakePod.named("p").labels(Map.of("a", "b")).build());
    assertEquals(1, q.activeCount());
  }

  @Test
  void aDeletedPodLeavesTheQueue() throws Exception {
    V1.Pod pod = MakePod.named("p").build();
    q.add(pod);
    q.delete(pod);
    assertEquals(0, q.activeCount());
    q.add(pod);
    SchedulingQueue.Popped p = pop();
    q.delete(pod); // deleted while in flight
    q.addUnschedulableIfNotPresent(p.info(), p.cycle());
    assertEquals(0, q.unschedulableCount());
  }

  @Test
  void anUpdateWhileInFlightIsWhatGetsRequeued() throws Exception {
    V1.Pod pod = MakePod.named("p").build();
    q.add(pod);
    SchedulingQueue.Popped p = pop();
    V1.Pod newer = MakePod.named("p").labels(Map.of("v", "2")).build();
    q.update(pod, newer);
    assertEquals(0, q.activeCount(), "an in-flight pod is not queued twice");
    q.addBackoff(p.info());
    clock.advance(Duration.ofSeconds(1));
    q.flushBackoffCompleted();
    assertEquals("2", pop().info().pod().getMetadata().getLabelsOrThrow("v"));
  }

  @Test
  void aPriorityClassNameWithoutPriorityStillCounts() throws Exception {
    q.add(MakePod.named("plain").priority(1_000_000).build());
    q.add(MakePod.named("critical").priorityClassName("system-node-critical").build());
    assertEquals("critical", pop().info().pod().getMetadata().getName());
  }

  @Test
  void theProfilesQueueSortOrdersActiveQ() throws Exception {
    QueueSortPlugin byName = new QueueSortPlugin() {
      @Override
      public String name() {
        return "ByName";
      }

      @Override
      public boolean less(V1.Pod a, java.time.Instant at, V1.Pod b, java.time.Instant bt) {
        return a.getMetadata().getName().compareTo(b.getMetadata().getName()) < 0;
      }
    };
    SchedulingQueue sorted = new SchedulingQueue(clock, byName);
    sorted.add(MakePod.named("b").priority(100).build());
    sorted.add(MakePod.named("a").build());
    assertEquals("a", sorted.pop().orElseThrow().info().pod().getMetadata().getName());
  }

  @Test
  void backoffGrowsWithEachFailedAttempt() throws Exception {
    q.add(MakePod.named("p").build());
    for (int attempt = 1; attempt <= 5; attempt++) {
      SchedulingQueue.Popped p = pop();
      assertEquals(attempt, p.info().attempts());
      q.addBackoff(p.info());
      Duration wait = SchedulingQueue.backoffDuration(attempt);
      clock.advance(wait.minusMillis(1));
      q.flushBackoffCompleted();
      assertEquals(0, q.activeCount(), "attempt " + attempt + " still backing off");
      clock.advance(Duration.ofMillis(1));
      q.flushBackoffCompleted();
      assertEquals(1, q.activeCount(), "attempt " + attempt + " done after " + wait);
    }
  }
}
