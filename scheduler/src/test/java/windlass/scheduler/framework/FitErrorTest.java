package windlass.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import windlass.scheduler.testing.MakePod;

class FitErrorTest {
  private static final String TAINT = "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }";

  @Test
  void countsAndSortsTheReasonsAsUpstream() {
    Diagnosis d = new Diagnosis(Map.of(
        "n1", Status.unschedulable("Insufficient cpu"),
        "n2", Status.unresolvable(TAINT),
        "n3", Status.unresolvable(TAINT)), Set.of(), "", "");
    assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 " + TAINT + ".",
        new FitError(MakePod.named("p").build(), 3, d).getMessage());
  }

  @Test
  void sortsByTheWholeStringCountFirst() {
    Diagnosis d = new Diagnosis(Map.of(
        "n1", Status.unresolvable(TAINT),
        "n2", Status.unschedulable("Insufficient cpu", "Insufficient memory"),
        "n3", Status.unschedulable("Insufficient cpu")), Set.of(), "", "");
    assertEquals("0/3 nodes are available: 1 Insufficient memory, 1 " + TAINT + ", 2 Insufficient cpu.",
        new FitError(MakePod.named("p").build(), 3, d).getMessage());
  }

  @Test
  void preFilterAndPostFilterMessagesAreSentences() {
    Diagnosis d = new Diagnosis(Map.of("n1", Status.unschedulable("x")), Set.of(), "pod has unbound PVCs",
        "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling");
    assertEquals("0/1 nodes are available: pod has unbound PVCs. preemption: 0/1 nodes are available: "
        + "1 Preemption is not helpful for scheduling.", new FitError(MakePod.named("p").build(), 1, d).getMessage());
  }
}
