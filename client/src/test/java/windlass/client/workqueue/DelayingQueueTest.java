package windlass.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;

class DelayingQueueTest {
  private final FakeClock clock = new FakeClock();
  private final DelayingQueue<String> q = DelayingQueue.create(clock);

  @Test
  void addsTheItemOnlyWhenItsTimeComes() throws Exception {
    q.addAfter("a", Duration.ofSeconds(10));
    assertEquals(0, q.len());
    clock.advance(Duration.ofSeconds(9));
    assertEquals(0, q.len());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, q.len());
    assertEquals(Optional.of("a"), q.get());
  }

  @Test
  void zeroDelayAddsAtOnce() {
    q.addAfter("a", Duration.ZERO);
    assertEquals(1, q.len());
  }

  @Test
  void anItemWaitingTwiceKeepsTheEarlierTime() {
    q.addAfter("a", Duration.ofSeconds(10));
    q.addAfter("a", Duration.ofSeconds(2));
    q.addAfter("a", Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, q.len());
    q.add("a");
    assertEquals(1, q.len(), "deduplicated with the waiting add that fired");
    clock.advance(Duration.ofSeconds(60));
    assertEquals(1, q.len(), "the later adds were merged into the earliest");
  }

  @Test
  void itemsComeDueInTimeOrder() throws Exception {
    q.addAfter("late", Duration.ofSeconds(5));
    q.addAfter("early", Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Optional.of("early"), q.get());
    assertEquals(Optional.of("late"), q.get());
  }

  @Test
  void nothingIsAddedAfterShutDown() {
    q.addAfter("a", Duration.ofSeconds(1));
    q.shutDown();
    clock.advance(Duration.ofSeconds(2));
    assertEquals(0, q.len());
  }
}
