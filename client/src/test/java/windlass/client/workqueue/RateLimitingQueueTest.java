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

  @Test
  void theBucketLetsABurstOf100ThroughThenTenASecond() {
    FakeClock clock = new FakeClock();
    TokenBucketRateLimiter<String> l = new TokenBucketRateLimiter<>(10, 100, clock);
    for (int i = 0; i < 100; i++) {
      assertEquals(Duration.ZERO, l.when("item-" + i), "burst token " + i);
    }
    assertEquals(Duration.ofMillis(100), l.when("x"));
    assertEquals(Duration.ofMillis(200), l.when("y"), "each retry reserves the next token");
    clock.advance(Duration.ofMillis(300));
    assertEquals(Duration.ofMillis(0), l.when("z"), "three tokens refilled, two were reserved");
    clock.advance(Duration.ofSeconds(60));
    for (int i = 0; i < 100; i++) {
      assertEquals(Duration.ZERO, l.when("again-" + i), "refilled to the burst, never beyond");
    }
    assertEquals(Duration.ofMillis(100), l.when("x"));
  }

  @Test
  void theControllerDefaultTakesTheLongerOfBackoffAndBucket() {
    FakeClock clock = new FakeClock();
    RateLimiter<String> l = RateLimiter.controllerDefault(clock);
    assertEquals(Duration.ofMillis(5), l.when("a"), "per-item backoff while the bucket has tokens");
    for (int i = 0; i < 99; i++) {
      l.when("other-" + i);
    }
    assertEquals(Duration.ofMillis(100), l.when("fresh"), "bucket empty: 100 ms beats the fresh item's 5 ms");
    assertEquals(Duration.ofMillis(200), l.when("fresh2"));
    assertEquals(1, l.numRequeues("a"));
    l.forget("a");
    assertEquals(0, l.numRequeues("a"));
  }

  @Test
  void aFloodOfFailuresIsSpreadOutByTheBucket() {
    FakeClock clock = new FakeClock();
    RateLimitingQueue<String> q = RateLimitingQueue.create(clock);
    for (int i = 0; i < 110; i++) {
      q.addRateLimited("k" + i);
    }
    clock.advance(Duration.ofMillis(5));
    assertEquals(100, q.len(), "the burst, after the first backoff");
    clock.advance(Duration.ofMillis(495));
    assertEquals(105, q.len(), "then ten a second");
    clock.advance(Duration.ofMillis(500));
    assertEquals(110, q.len());
  }
}
