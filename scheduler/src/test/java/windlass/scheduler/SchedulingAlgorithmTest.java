package windlass.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
  @ParameterizedTest(name = "{0}% of {1} nodes -> {2}")
  @CsvSource({
      "0, 1, 1",         // fewer than 100 nodes: all
      "0, 50, 50",
      "0, 99, 99",
      "0, 100, 100",     // adaptive 50% but at least 100
      "0, 500, 230",     // adaptive 50 - 500/125 = 46%
      "0, 1000, 420",
      "0, 5000, 500",    // adaptive 50 - 5000/125 = 10%
      "0, 6000, 300",
      "0, 10000, 500",   // adaptive floor of 5%
      "0, 20000, 1000",
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

  @Test
  void withTheAdaptiveDefaultEachCycleStartsWhereThePreviousStoppedSoEveryNodeGetsItsTurn() throws Exception {
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

  private static Framework fitAndScore() {
    NodeResourcesFit fit = new NodeResourcesFit();
    return Framework.builder("t").preFilter(fit).filter(fit).score(fit, 1).bind(new DefaultBinder(null)).build();
  }

  /** n1 with 8 cpu free (LeastAllocated's favourite), n2 with 2. */
  private static Snapshot roomyAndTight() {
    return new Snapshot(List.of(
        new NodeInfo(MakeNode.named("n1").allocatable("cpu", "8").build(), List.of()),
        new NodeInfo(MakeNode.named("n2").allocatable("cpu", "2").build(), List.of())));
  }

  @Test
  void aPodNominatedToANodeThatFitsGoesThereWithoutLookingFurther() throws Exception {
    SchedulingAlgorithm alg = new SchedulingAlgorithm(fitAndScore(), new Random(1));
    var r = alg.schedule(new CycleState(), MakePod.named("p").req("cpu", "1").nominatedNode("n2").build(),
        roomyAndTight());
    assertEquals(new SchedulingAlgorithm.Result("n2", 1, 1), r);
  }

  @Test
  void aPodWhoseNominatedNodeNoLongerFitsSearchesAsUsual() throws Exception {
    SchedulingAlgorithm alg = new SchedulingAlgorithm(fitAndScore(), new Random(1));
    var r = alg.schedule(new CycleState(), MakePod.named("p").req("cpu", "4").nominatedNode("n2").build(),
        roomyAndTight());
    assertEquals(new SchedulingAlgorithm.Result("n1", 2, 1), r);
    r = alg.schedule(new CycleState(), MakePod.named("q").req("cpu", "1").nominatedNode("gone").build(),
        roomyAndTight());
    assertEquals("n1", r.nodeName(), "a nominated node missing from the snapshot is skipped");
  }

  @Test
  void nodesWithRoomPromisedToHigherPriorityPodsAreLeftToThem() throws Exception {
    // n1 is roomier, but 7 of its 8 cpu are promised to a pod of higher priority.
    var promised = java.util.Map.of("n1", List.of(MakePod.named("big").priority(100).req("cpu", "7").build()));
    SchedulingAlgorithm alg = new SchedulingAlgorithm(fitAndScore(), new Random(1), 0, () -> promised);
    var r = alg.schedule(new CycleState(), MakePod.named("p").priority(10).req("cpu", "2").build(),
        roomyAndTight());
    assertEquals(new SchedulingAlgorithm.Result("n2", 2, 1), r);
    r = alg.schedule(new CycleState(), MakePod.named("vip").priority(1000).req("cpu", "2").build(),
        roomyAndTight());
    assertEquals("n1", r.nodeName(), "a pod of higher priority than the nominated one does not yield");
  }
}
