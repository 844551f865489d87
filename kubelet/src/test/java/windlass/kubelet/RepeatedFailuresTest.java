package windlass.kubelet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RepeatedFailuresTest {
  private final RepeatedFailures failures = new RepeatedFailures();

  @Test
  void aFailureIsNewsOnceUntilItsMessageChangesOrTheTaskRecovers() {
    assertFalse(failures.succeeded("pleg"), "never failed");
    assertTrue(failures.failed("pleg", "UNAVAILABLE"));
    assertFalse(failures.failed("pleg", "UNAVAILABLE"));
    assertTrue(failures.failed("lease", "UNAVAILABLE"), "each task on its own");
    assertTrue(failures.failed("pleg", "DEADLINE_EXCEEDED"));
    assertTrue(failures.succeeded("pleg"));
    assertFalse(failures.succeeded("pleg"));
    assertTrue(failures.failed("pleg", "DEADLINE_EXCEEDED"), "failing again after a recovery is news");
  }
}
