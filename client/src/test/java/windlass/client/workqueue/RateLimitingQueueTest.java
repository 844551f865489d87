package windlass.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;

class RateLimitingQueueTest {

  @Test
  void backoffStartsAt5MillisAndDoublesUpTo1000Seconds() {
    ItemExponentialRateLimiter<String> l = ItemExponentialRateLimiter.controllerDefault();
    assertEquals(Duration.ofMillis(5), l.when("a"));
    assertEquals(Duration.ofMillis(10), l.when("a"));
    assertEquals(Duration.ofMillis(20), l.when("a"));
    assertEquals(Duration.ofMillis(40), l.when("a"));
    assertEquals(4, l.numRequeues("a"));
    for (int i = 0; i < 100; i++) {
      l.when("a");
    }
    assertEquals(Duration.ofSeconds(1000), l.when("a"), "capped, never overflowing");
    assertEquals(Duration.ofMillis(5), l.when("b"), "backoff is per item");
  }

  @Test
  void forgetResetsTheBackoff() {
    ItemExponentialRateLimiter<String> l = ItemExponentialRateLimiter.controllerDefault();
    l.when("a");
    l.when("a");
    l.forget("a");
    assertEquals(0, l.numRequeues("a"));
    assertEquals(Duration.ofMillis(5), l.when("a"));
  }

  @Test
  void addRateLimitedWaitsTheGrowingBackoff() {
    FakeClock clock = new FakeClock();
    RateLimitingQueue<String> q = RateLimitingQueue.create(clock);
    q.addRateLimited("a");
    assertEquals(0, q.len());
    clock.advance(Duration.ofMillis(5));
    assertEquals(1, q.len());

    RateLimitingQueue<String> q2 = RateLimitingQueue.create(clock);
    q2.addRateLimited("b"); // 5 ms
    q2.addRateLimited("b"); // 10 ms (merged: the earlier time wins)
    assertEquals(2, q2.numRequeues("b"));
    q2.forget("b");
    assertEquals(0, q2.numRequeues("b"));
  }

  @Test
  void secondFailureWaitsTwiceAsLong() throws Exception {
    FakeClock clock = new FakeClock();
    RateLimitingQueue<String> q = RateLimitingQueue.create(clock);
    q.addRateLimited("a");
    clock.advance(Duration.ofMillis(5));
    q.get();
    q.done("a");
    q.addRateLimited("a");
    clock.advance(Duration.ofMillis(9));
    assertEquals(0, q.len());
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, q.len());
  }
}
