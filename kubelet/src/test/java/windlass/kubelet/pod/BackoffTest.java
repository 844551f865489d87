package windlass.kubelet.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;

class BackoffTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Backoff backoff = Backoff.crashLoop(clock);

  @Test
  void firstRestartIsImmediateThenTenSecondsDoublingToFiveMinutes() {
    assertFalse(backoff.isInBackoffSince("c", clock.now()));
    long[] expected = {10, 20, 40, 80, 160, 300, 300};
    for (long s : expected) {
      backoff.next("c");
      assertEquals(Duration.ofSeconds(s), backoff.delay("c"));
    }
  }

  @Test
  void waitsTheDelayCountedFromTheExit() {
    backoff.next("c");
    Instant exited = clock.now();
    clock.advance(Duration.ofSeconds(9));
    assertTrue(backoff.isInBackoffSince("c", exited));
    assertEquals(exited.plusSeconds(10), backoff.readyAt("c", exited));
    clock.advance(Duration.ofSeconds(1));
    assertFalse(backoff.isInBackoffSince("c", exited));
  }

  @Test
  void startsOverAfterTenQuietMinutes() {
    backoff.next("c");
    backoff.next("c");
    assertEquals(Duration.ofSeconds(20), backoff.delay("c"));
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertFalse(backoff.isInBackoffSince("c", clock.now()));
    backoff.next("c");
    assertEquals(Duration.ofSeconds(10), backoff.delay("c"));
  }

  @Test
  void keysAreIndependentAndForgottenByPrefix() {
    backoff.next("uid1/a");
    backoff.next("uid2/a");
    backoff.resetPrefix("uid1/");
    assertEquals(Duration.ZERO, backoff.delay("uid1/a"));
    assertEquals(Duration.ofSeconds(10), backoff.delay("uid2/a"));
  }
}
