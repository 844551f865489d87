package windlass.controllers.expectations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;

class ExpectationsTest {
  private final FakeClock clock = new FakeClock();
  private final Expectations e = new Expectations(clock);

  @Test
  void satisfiedOnceEveryCreationIsObserved() {
    assertTrue(e.satisfied("rs"));
    e.expectCreations("rs", 2);
    assertFalse(e.satisfied("rs"));
    e.creationObserved("rs");
    assertFalse(e.satisfied("rs"));
    e.creationObserved("rs");
    assertTrue(e.satisfied("rs"));
  }

  @Test
  void aDeletionObservedTwiceCountsOnce() {
    e.expectDeletions("rs", Set.of("default/a", "default/b"));
    e.deletionObserved("rs", "default/a");
    e.deletionObserved("rs", "default/a");
    assertFalse(e.satisfied("rs"));
    e.deletionObserved("rs", "default/b");
    assertTrue(e.satisfied("rs"));
  }

  @Test
  void expectationsExpireAfterFiveMinutes() {
    e.expectCreations("rs", 1);
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertFalse(e.satisfied("rs"));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(e.satisfied("rs"));
  }
}
