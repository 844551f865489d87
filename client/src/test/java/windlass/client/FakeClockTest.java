package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  @Test
  void runsDueTasksInTimeOrderWhenAdvanced() {
    FakeClock c = new FakeClock();
    List<String> ran = new ArrayList<>();
    c.schedule(Duration.ofSeconds(2), () -> ran.add("two"));
    c.schedule(Duration.ofSeconds(1), () -> ran.add("one"));
    Clock.Timer cancelled = c.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
    assertTrue(cancelled.cancel());
    c.advance(Duration.ofMillis(999));
    assertTrue(ran.isEmpty());
    c.advance(Duration.ofSeconds(5));
    assertEquals(List.of("one", "two"), ran);
    assertEquals(0, c.pendingTimers());
  }

  @Test
  void sleepReturnsWhenTheClockIsAdvancedPastIt() throws Exception {
    FakeClock c = new FakeClock();
    CountDownLatch woke = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      try {
        c.sleep(Duration.ofMinutes(1));
        woke.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    assertTrue(c.awaitPendingTimers(1, Duration.ofSeconds(5)));
    c.advance(Duration.ofSeconds(59));
    assertFalse(woke.await(0, TimeUnit.SECONDS));
    c.advance(Duration.ofSeconds(1));
    assertTrue(woke.await(5, TimeUnit.SECONDS));
  }
}
