package windlass.scheduler.plugins.noderesources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.framework.Code;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class NodeResourcesFitTest {
  private static final V1.Node NODE =
      MakeNode.named("n").allocatable("cpu", "2", "memory", "4Gi", "pods", "3", "nvidia.com/gpu", "1").build();

  static Stream<Arguments> cases() {
    V1.Pod running = MakePod.named("running").node("n").req("cpu", "1", "memory", "1Gi").build();
    return Stream.of(
        Arguments.of("fits an empty node", MakePod.named("p").req("cpu", "2", "memory", "4Gi").build(), List.of(),
            List.of()),
        Arguments.of("too much cpu", MakePod.named("p").req("cpu", "1500m").build(), List.of(running),
            List.of("Insufficient cpu")),
        Arguments.of("too much cpu and memory", MakePod.named("p").req("cpu", "3", "memory", "5Gi").build(),
            List.of(), List.of("Insufficient cpu", "Insufficient memory")),
        Arguments.of("exactly what is left fits", MakePod.named("p").req("cpu", "1", "memory", "3Gi").build(),
            List.of(running), List.of()),
        Arguments.of("too many pods, even for a best-effort pod", MakePod.named("p").build(),
            List.of(running, MakePod.named("a").node("n").build(), MakePod.named("b").node("n").build()),
            List.of("Too many pods")),
        Arguments.of("ephemeral-storage",
            MakePod.named("p").req("ephemeral-storage", "1Gi").build(), List.of(),
            List.of("Insufficient ephemeral-storage")),
        Arguments.of("cpu and a gpu short at once, in upstream's order",
            MakePod.named("p").req("cpu", "3", "nvidia.com/gpu", "2").build(), List.of(),
            List.of("Insufficient cpu", "Insufficient nvidia.com/gpu")),
        Arguments.of("a gpu left fits", MakePod.named("p").req("nvidia.com/gpu", "1").build(), List.of(running),
            List.of()),
        Arguments.of("extended resource", MakePod.named("p").req("nvidia.com/gpu", "2").build(), List.of(),
            List.of("Insufficient nvidia.com/gpu")),
        Arguments.of("init containers count by their maximum, not their sum",
            MakePod.named("p").req("cpu", "500m").initReq("cpu", "2").initReq("cpu", "2").build(), List.of(),
            List.of()),
        Arguments.of("an init container larger than the node",
            MakePod.named("p").req("cpu", "500m").initReq("cpu", "3").build(), List.of(),
            List.of("Insufficient cpu")),
        Arguments.of("sidecars add to the containers' sum",
            MakePod.named("p").req("cpu", "1500m").sidecarReq("cpu", "1").build(), List.of(),
            List.of("Insufficient cpu")),
        Arguments.of("pod overhead counts", MakePod.named("p").req("cpu", "1900m").overhead("cpu", "200m").build(),
            List.of(), List.of("Insufficient cpu")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(String name, V1.Pod pod, List<V1.Pod> onNode, List<String> wantReasons) {
    NodeResourcesFit fit = new NodeResourcesFit();
    CycleState state = new CycleState();
    assertTrue(fit.preFilter(state, pod).isSuccess());
    Status got = fit.filter(state, pod, new NodeInfo(NODE, onNode));
    assertEquals(wantReasons.isEmpty() ? Code.SUCCESS : Code.UNSCHEDULABLE, got.code());
    assertEquals(wantReasons, got.reasons());
  }

  @Test
  void leastAllocatedPrefersTheEmptierNode() {
    NodeResourcesFit fit = new NodeResourcesFit();
    V1.Node big = MakeNode.named("big").allocatable("cpu", "4", "memory", "8Gi").build();
    V1.Pod pod = MakePod.named("p").req("cpu", "1", "memory", "2Gi").build();
    // cpu (4-1)/4 = 75, memory (8-2)/8 = 75
    assertEquals(75, fit.score(null, pod, new NodeInfo(big, List.of())));
    V1.Pod there = MakePod.named("there").node("big").req("cpu", "2", "memory", "4Gi").build();
    // cpu (4-3)/4 = 25, memory (8-6)/8 = 25
    assertEquals(25, fit.score(null, pod, new NodeInfo(big, List.of(there))));
  }

  @Test
  void leastAllocatedCountsDefaultsForPodsWithoutRequests() {
    NodeResourcesFit fit = new NodeResourcesFit();
    V1.Node n = MakeNode.named("n").allocatable("cpu", "1", "memory", "1000Mi").build();
    // 100m of 1000m cpu → 90; 200Mi of 1000Mi → 80; mean 85
    assertEquals(85, fit.score(null, MakePod.named("p").build(), new NodeInfo(n, List.of())));
  }

  @Test
  void scoreIsZeroWhenThePodWouldNotFit() {
    assertEquals(0, ScoringStrategy.least(3, 2));
    assertEquals(0, ScoringStrategy.least(1, 0));
    assertEquals(50, ScoringStrategy.least(1, 2));
  }

  private static final V1.Node FOUR_CPU = MakeNode.named("n").allocatable("cpu", "4", "memory", "8Gi").build();

  static Stream<Arguments> strategies() {
    V1.Pod running = MakePod.named("running").node("n").req("cpu", "1", "memory", "2Gi").build();
    V1.Pod pod = MakePod.named("p").req("cpu", "1", "memory", "2Gi").build();
    var shape = List.of(new ScoringStrategy.ShapePoint(0, 0), new ScoringStrategy.ShapePoint(100, 10));
    var cpuOnly3 = List.of(new ScoringStrategy.ResourceWeight("cpu", 3), new ScoringStrategy.ResourceWeight(
        "memory", 1));
    return Stream.of(
        Arguments.of("LeastAllocated: half used", ScoringStrategy.leastAllocated(), pod, List.of(running), 50L),
        Arguments.of("MostAllocated: half used",
            new ScoringStrategy(ScoringStrategy.Type.MostAllocated, ScoringStrategy.CPU_AND_MEMORY, List.of()), pod,
            List.of(running), 50L),
        Arguments.of("MostAllocated: a quarter used, empty node",
            new ScoringStrategy(ScoringStrategy.Type.MostAllocated, ScoringStrategy.CPU_AND_MEMORY, List.of()), pod,
            List.of(), 25L),
        Arguments.of("LeastAllocated with weights: cpu 3/4 used weighs 3, memory 1/4 used weighs 1",
            new ScoringStrategy(ScoringStrategy.Type.LeastAllocated, cpuOnly3, List.of()),
            MakePod.named("p").req("cpu", "3", "memory", "2Gi").build(), List.of(), (25L * 3 + 75) / 4),
        Arguments.of("RequestedToCapacityRatio: linear 0..10 at 50%",
            new ScoringStrategy(ScoringStrategy.Type.RequestedToCapacityRatio, ScoringStrategy.CPU_AND_MEMORY, shape),
            pod, List.of(running), 50L),
        Arguments.of("RequestedToCapacityRatio: falling shape favours empty nodes",
            new ScoringStrategy(ScoringStrategy.Type.RequestedToCapacityRatio, ScoringStrategy.CPU_AND_MEMORY,
                List.of(new ScoringStrategy.ShapePoint(0, 10), new ScoringStrategy.ShapePoint(100, 0))),
            pod, List.of(), 75L),
        Arguments.of("a gpu the pod does not ask for is not scored",
            ScoringStrategy.leastAllocated().withGpu(), pod, List.of(), 75L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void scoresWithTheConfiguredStrategy(String name, ScoringStrategy strategy, V1.Pod pod, List<V1.Pod> onNode,
      long want) {
    V1.Node node = MakeNode.named("n").allocatable("cpu", "4", "memory", "8Gi", "nvidia.com/gpu", "4").build();
    assertEquals(want, new NodeResourcesFit(strategy).score(null, pod, new NodeInfo(node, onNode)));
  }

  @Test
  void balancedAllocationPrefersEvenlyUsedNodes() {
    BalancedAllocation b = new BalancedAllocation();
    V1.Pod pod = MakePod.named("p").req("cpu", "1", "memory", "2Gi").build();
    // cpu 1/4, memory 2/8: perfectly balanced
    assertEquals(100, b.score(null, pod, new NodeInfo(FOUR_CPU, List.of())));
    // cpu 3/4, memory 2/8: std = |0.75 - 0.25| / 2 = 0.25
    V1.Pod cpuHeavy = MakePod.named("heavy").node("n").req("cpu", "2").build();
    assertEquals(75, b.score(null, pod, new NodeInfo(FOUR_CPU, List.of(cpuHeavy))));
    // a best-effort pod counts no defaults: cpu 0, memory 0
    assertEquals(100, b.score(null, MakePod.named("be").build(), new NodeInfo(FOUR_CPU, List.of())));
  }
}
