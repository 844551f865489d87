package windlass.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import windlass.scheduler.cache.Snapshot;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.plugins.noderesources.NodeResourcesFit;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class SchedulingAlgorithmTest {
  @ParameterizedTest(name = "{0} nodes: find {1}")
  @CsvSource({"1,1", "99,99", "100,100", "500,230", "1000,420", "5000,500", "6000,300", "20000,1000"})
  void findsUpstreamsAdaptiveShareOfFeasibleNodes(int nodes, int wanted) {
    assertEquals(wanted, SchedulingAlgorithm.numFeasibleNodesToFind(nodes));
  }

  @Test
  void eachCycleStartsWhereThePreviousStoppedSoEveryNodeGetsItsTurn() throws Exception {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      nodes.add(new NodeInfo(MakeNode.named(String.format("n%04d", i)).allocatable("cpu", "4").build(), List.of()));
    }
    NodeResourcesFit fit = new NodeResourcesFit();
    Framework f = Framework.builder("t").preFilter(fit).filter(fit).score(fit, 1).bind(new DefaultBinder(null))
        .build();
    SchedulingAlgorithm algorithm = new SchedulingAlgorithm(f, new Random(1));
    Snapshot snapshot = new Snapshot(nodes);
    int[][] windows = {{0, 420}, {420, 840}, {840, 1260}};
    for (int[] w : windows) {
      SchedulingAlgorithm.Result r = algorithm.schedule(new CycleState(), MakePod.named("p").build(), snapshot);
      assertEquals(420, r.evaluatedNodes());
      int i = Integer.parseInt(r.nodeName().substring(1));
      int unwrapped = i < w[0] ? i + 1000 : i;
      assertTrue(unwrapped >= w[0] && unwrapped < w[1], r.nodeName() + " outside nodes " + w[0] + ".." + w[1]);
    }
  }
}
