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

  /** A value a dry run changes in place. */
  private record Counter(int[] n) implements CycleState.Copyable<Counter> {
    @Override
    public Counter copy() {
      return new Counter(n.clone());
    }
  }

  private static final CycleState.Key<Counter> COUNTER = new CycleState.Key<>("test/counter", Counter.class);

  @Test
  void aCopyCopiesCopyableValuesAndSharesTheOthers() {
    CycleState s = new CycleState();
    s.write(COUNTER, new Counter(new int[] {1}));
    s.write(A, "x");
    CycleState c = s.copy();
    c.get(COUNTER).n()[0]++;
    assertEquals(1, s.get(COUNTER).n()[0], "the original's counter is untouched");
    assertEquals(2, c.get(COUNTER).n()[0]);
    org.junit.jupiter.api.Assertions.assertSame(s.get(A), c.get(A));
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
