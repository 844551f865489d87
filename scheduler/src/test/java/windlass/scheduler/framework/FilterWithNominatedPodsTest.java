package windlass.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.plugins.noderesources.NodeResourcesFit;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

/** Upstream's RunFilterPluginsWithNominatedPods: the pods nominated to a node, counted when filtering it. */
class FilterWithNominatedPodsTest {
  private static final V1.Node NODE = MakeNode.named("n1").allocatable("cpu", "2", "memory", "4Gi").build();

  /**
   * A PreFilter + Filter plugin standing in for pod affinity: the pod fits only where a pod labelled app=db runs. Its
   * PreFilter state counts such pods and is updated by addPod; the filter reads that count, so it sees the nominated
   * pods only through the state copy the framework tells of them.
   */
  private static final class NeedsDb implements PreFilterPlugin, FilterPlugin, PreFilterExtensions {
    static final CycleState.Key<Count> KEY = new CycleState.Key<>("test/db-count", Count.class);
    private final Status addPodAnswer;

    NeedsDb(Status addPodAnswer) {
      this.addPodAnswer = addPodAnswer;
    }

    static final class Count implements CycleState.Copyable<Count> {
      int n;

      @Override
      public Count copy() {
        Count c = new Count();
        c.n = n;
        return c;
      }
    }

    @Override
    public String name() {
      return "NeedsDb";
    }

    @Override
    public Status preFilter(CycleState state, V1.Pod pod) {
      state.write(KEY, new Count());
      return Status.success();
    }

    @Override
    public PreFilterExtensions preFilterExtensions() {
      return this;
    }

    @Override
    public Status addPod(CycleState state, V1.Pod podToSchedule, V1.Pod podToAdd, NodeInfo nodeInfo) {
      if (!addPodAnswer.isSuccess()) {
        return addPodAnswer;
      }
      if ("db".equals(podToAdd.getMetadata().getLabelsMap().get("app"))) {
        state.get(KEY).n++;
      }
      return Status.success();
    }

    @Override
    public Status removePod(CycleState state, V1.Pod podToSchedule, V1.Pod podToRemove, NodeInfo nodeInfo) {
      return Status.success();
    }

    @Override
    public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
      int onNode = (int) node.pods().stream().filter(p -> "db".equals(p.getMetadata().getLabelsMap().get("app")))
          .count();
      // Both views must agree: the node's pods and the PreFilter state kept by addPod.
      if (onNode != state.get(KEY).n) {
        return Status.error("state and node disagree: " + state.get(KEY).n + " vs " + onNode);
      }
      return onNode > 0 ? Status.success() : Status.unresolvable("no db here");
    }
  }

  private static Framework fitOnly() {
    NodeResourcesFit fit = new NodeResourcesFit();
    return Framework.builder("test").preFilter(fit).filter(fit).bind(new DefaultBinder(null)).build();
  }

  private static V1.Pod pod(String name, int priority, String cpu) {
    return MakePod.named(name).priority(priority).req("cpu", cpu).build();
  }

  static Stream<Arguments> resourceCases() {
    V1.Pod promised = pod("promised", 100, "2");
    return Stream.of(
        Arguments.of("a lower-priority pod cannot take the room a nominated pod was promised", pod("p", 50, "1"),
            List.of(promised), "Insufficient cpu"),
        Arguments.of("an equal-priority pod yields to the nominated pod too", pod("p", 100, "1"), List.of(promised),
            "Insufficient cpu"),
        Arguments.of("a higher-priority pod ignores lower-priority nominations", pod("p", 200, "2"),
            List.of(promised), ""),
        Arguments.of("the pod's own nomination does not count against it", promised, List.of(promised), ""),
        Arguments.of("room left beside the nominated pods is free to take", pod("p", 50, "1"),
            List.of(pod("promised", 100, "1")), ""),
        Arguments.of("only the pods of at least the pod's priority count", pod("p", 50, "1"),
            List.of(pod("a", 100, "1"), pod("b", 10, "1")), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resourceCases")
  void nominatedPodsOfAtLeastThePodsPriorityHoldTheirRoom(String name, V1.Pod pod, List<V1.Pod> nominated,
      String rejection) {
    Framework f = fitOnly();
    CycleState state = new CycleState();
    assertTrue(f.runPreFilter(state, pod).isSuccess());
    NodeInfo node = new NodeInfo(NODE, List.of());
    Status s = f.runFiltersWithNominatedPods(state, pod, node, nominated);
    if (rejection.isEmpty()) {
      assertEquals(Status.success(), s);
    } else {
      assertEquals(Code.UNSCHEDULABLE, s.code());
      assertEquals(rejection, s.message());
      assertEquals("NodeResourcesFit", s.plugin());
    }
  }

  @Test
  void theNominatorLeftInTheCycleStateIsConsultedByNodeName() {
    Framework f = fitOnly();
    V1.Pod pod = pod("p", 50, "1");
    CycleState state = new CycleState();
    assertTrue(f.runPreFilter(state, pod).isSuccess());
    state.write(PodNominator.KEY, () -> java.util.Map.of("n1", List.of(pod("promised", 100, "2"))));
    assertEquals("Insufficient cpu", f.runFiltersWithNominatedPods(state, pod, new NodeInfo(NODE, List.of()))
        .message());
    NodeInfo other = new NodeInfo(MakeNode.named("n2").allocatable("cpu", "2").build(), List.of());
    assertEquals(Status.success(), f.runFiltersWithNominatedPods(state, pod, other));
  }

  @Test
  void aPodPassingOnlyWithTheNominatedPodsFailsSinceTheyMayGoElsewhere() {
    NeedsDb needsDb = new NeedsDb(Status.success());
    Framework f = Framework.builder("test").preFilter(needsDb).filter(needsDb).bind(new DefaultBinder(null)).build();
    V1.Pod pod = pod("web", 10, "1");
    CycleState state = new CycleState();
    assertTrue(f.runPreFilter(state, pod).isSuccess());
    V1.Pod db = MakePod.named("db").priority(100).label("app", "db").build();
    Status s = f.runFiltersWithNominatedPods(state, pod, new NodeInfo(NODE, List.of()), List.of(db));
    // First pass (db added to the node and, through addPod, to a copy of the state) passes; the second, on the node
    // as it is, fails and decides.
    assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
    assertEquals("no db here", s.message());
    assertEquals("NeedsDb", s.plugin());
    assertEquals(0, state.get(NeedsDb.KEY).n, "the cycle's own state is left as it was");
    // With a db really on the node both passes succeed.
    NodeInfo withDb = new NodeInfo(NODE, List.of(MakePod.named("db0").label("app", "db").node("n1").build()));
    state.get(NeedsDb.KEY).n = 1;
    assertEquals(Status.success(), f.runFiltersWithNominatedPods(state, pod, withDb, List.of(db)));
  }

  @Test
  void aPodRejectedWithTheNominatedPodsIsNotFilteredAgainWithoutThem() {
    List<String> calls = new java.util.ArrayList<>();
    NodeResourcesFit fit = new NodeResourcesFit();
    FilterPlugin recording = new FilterPlugin() {
      @Override
      public String name() {
        return "Recording";
      }

      @Override
      public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
        calls.add(node.pods().size() + " pods");
        return Status.success();
      }
    };
    Framework f = Framework.builder("test").preFilter(fit).filter(recording).filter(fit)
        .bind(new DefaultBinder(null)).build();
    V1.Pod pod = pod("p", 50, "1");
    CycleState state = new CycleState();
    assertTrue(f.runPreFilter(state, pod).isSuccess());
    NodeInfo node = new NodeInfo(NODE, List.of());
    assertEquals("Insufficient cpu", f.runFiltersWithNominatedPods(state, pod, node, List.of(pod("n", 100, "2")))
        .message());
    assertEquals(List.of("1 pods"), calls);
    calls.clear();
    assertEquals(Status.success(), f.runFiltersWithNominatedPods(state, pod, node, List.of(pod("n", 100, "1"))));
    assertEquals(List.of("1 pods", "0 pods"), calls, "passing with the nominated pods, it must pass without");
    calls.clear();
    assertEquals(Status.success(), f.runFiltersWithNominatedPods(state, pod, node, List.of(pod("n", 10, "2"))));
    assertEquals(List.of("0 pods"), calls, "no pod added: one pass");
  }

  @Test
  void anAddPodFailureIsAnErrorNamingThePlugin() {
    NeedsDb needsDb = new NeedsDb(Status.error("boom"));
    Framework f = Framework.builder("test").preFilter(needsDb).filter(needsDb).bind(new DefaultBinder(null)).build();
    V1.Pod pod = pod("web", 10, "1");
    CycleState state = new CycleState();
    assertTrue(f.runPreFilter(state, pod).isSuccess());
    Status s = f.runFiltersWithNominatedPods(state, pod, new NodeInfo(NODE, List.of()),
        List.of(pod("db", 100, "1")));
    assertEquals(Code.ERROR, s.code());
    assertEquals("running AddPod on PreFilter plugin \"NeedsDb\": boom", s.message());
  }
}
