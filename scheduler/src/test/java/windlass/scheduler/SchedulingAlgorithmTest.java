package windlass.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import windlass.scheduler.cache.Snapshot;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class SchedulingAlgorithmTest {
  @ParameterizedTest(name = "{0}% of {1} nodes -> {2}")
  @CsvSource({
      "0, 50, 50",       // fewer than 100 nodes: all
      "0, 100, 100",     // adaptive 50% but at least 100
      "0, 5000, 500",    // adaptive 50 - 5000/125 = 10%
      "0, 10000, 500",   // adaptive floor of 5%
      "30, 1000, 300",
      "100, 5000, 5000",
      "10, 500, 100"})   // never fewer than 100
  void findsAsManyFeasibleNodesAsUpstream(int percentage, int nodes, int want) {
    assertEquals(want, SchedulingAlgorithm.numFeasibleNodesToFind(percentage, nodes));
  }

  @Test
  void stopsFilteringOnceEnoughNodesFitAndStartsTheNextCycleWhereItStopped() throws Exception {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      nodes.add(new NodeInfo(MakeNode.named(String.format("n%03d", i)).allocatable("cpu", "4").build(), List.of()));
    }
    SchedulingAlgorithm alg = new SchedulingAlgorithm(DefaultProfile.create("default-scheduler", null),
        new Random(1), 25);
    var first = alg.schedule(new CycleState(), MakePod.named("a").build(), new Snapshot(nodes));
    assertEquals(100, first.evaluatedNodes());
    assertEquals(100, first.feasibleNodes());
    var second = alg.schedule(new CycleState(), MakePod.named("b").build(), new Snapshot(nodes));
    assertEquals(100, second.evaluatedNodes());
    assertNotEquals(first.nodeName().substring(0, 2), second.nodeName().substring(0, 2),
        "the second cycle looks at n100..n199, the first at n000..n099");
  }
}
