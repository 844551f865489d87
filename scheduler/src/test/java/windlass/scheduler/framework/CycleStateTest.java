package windlass.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CycleStateTest {
  private static final CycleState.Key<String> A = new CycleState.Key<>("test/a", String.class);
  private static final CycleState.Key<String> SAME_NAME = new CycleState.Key<>("test/a", String.class);

  @Test
  void readsWhatWasWrittenUnderThatKeyOnly() {
    CycleState s = new CycleState();
    s.write(A, "x");
    assertEquals(Optional.of("x"), s.read(A));
    assertEquals("x", s.get(A));
    assertEquals(Optional.empty(), s.read(SAME_NAME), "keys are compared by identity, not by name");
  }

  @Test
  void writingNullRemovesTheEntry() {
    CycleState s = new CycleState();
    s.write(A, "x");
    s.write(A, null);
    assertEquals(Optional.empty(), s.read(A));
    assertNull(s.get(A));
  }

  @Test
  void aCopyChangesWithoutTouchingTheOriginal() {
    CycleState s = new CycleState();
    s.write(A, "x");
    CycleState c = s.copy();
    c.write(A, "y");
    c.write(SAME_NAME, "z");
    assertEquals("x", s.get(A));
    assertNull(s.get(SAME_NAME));
    assertEquals("y", c.get(A));
    assertEquals("z", c.get(SAME_NAME));
  }

  @Test
  void keysMadeAfterTheStateStillFitInIt() {
    CycleState s = new CycleState();
    CycleState.Key<Integer> last = null;
    for (int i = 0; i < 100; i++) {
      last = new CycleState.Key<>("test/later-" + i, Integer.class);
      s.write(last, i);
    }
    assertEquals(99, s.get(last));
    assertNull(new CycleState().get(new CycleState.Key<>("test/never-written", Integer.class)));
  }
}
