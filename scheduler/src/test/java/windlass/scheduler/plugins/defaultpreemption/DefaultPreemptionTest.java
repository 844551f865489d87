package windlass.scheduler.plugins.defaultpreemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.Diagnosis;
import windlass.scheduler.framework.FitError;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PostFilterPlugin;
import windlass.scheduler.framework.Status;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.plugins.interpodaffinity.InterPodAffinity;
import windlass.scheduler.plugins.noderesources.NodeResourcesFit;
import windlass.scheduler.plugins.podtopologyspread.PodTopologySpread;
import windlass.scheduler.plugins.tainttoleration.TaintToleration;
import windlass.scheduler.testing.Affinities;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class DefaultPreemptionTest {
  /** What the plugin evicted, as "pod@node". */
  private final List<String> evicted = new ArrayList<>();
  private final DefaultPreemption preemption =
      new DefaultPreemption((v, p, node) -> evicted.add(v.getMetadata().getName() + "@" + node), new Random(1));
  private final Framework framework;

  DefaultPreemptionTest() {
    NodeResourcesFit fit = new NodeResourcesFit();
    TaintToleration taints = new TaintToleration();
    framework = Framework.builder("test").preFilter(fit).filter(taints).filter(fit).postFilter(preemption)
        .bind(new DefaultBinder(null)).build();
  }

  /** A node with 2 cpu and the given pods on it. */
  private static NodeInfo node(String name, V1.Pod... pods) {
    List<V1.Pod> placed = new ArrayList<>();
    for (V1.Pod p : pods) {
      placed.add(p.toBuilder().setSpec(p.getSpec().toBuilder().setNodeName(name)).build());
    }
    return new NodeInfo(MakeNode.named(name).allocatable("cpu", "2", "memory", "4Gi").build(), placed);
  }

  private static V1.Pod low(String name, int priority, String cpu) {
    return MakePod.named(name).priority(priority).req("cpu", cpu).build();
  }

  /** The scheduling cycle up to PostFilter: the FitError message with preemption's part, and the result. */
  private record Outcome(String message, PostFilterPlugin.Result result) {}

  private Outcome schedule(V1.Pod pod, NodeInfo... nodes) {
    CycleState state = new CycleState();
    assertTrue(framework.runPreFilter(state, pod).isSuccess());
    Map<String, Status> statuses = new HashMap<>();
    for (NodeInfo n : nodes) {
      Status s = framework.runFilters(state, pod, n);
      assertTrue(!s.isSuccess(), "the test needs " + n.name() + " to reject the pod");
      statuses.put(n.name(), s);
    }
    PostFilterPlugin.Result r = framework.runPostFilter(state, pod, statuses, List.of(nodes)).orElseThrow();
    FitError e = new FitError(pod, nodes.length, new Diagnosis(statuses, Set.of(), "", ""));
    return new Outcome(e.withPostFilterMsg(r.status().message()).getMessage(), r);
  }

  static Stream<Arguments> noCandidate() {
    V1.Pod big = MakePod.named("p").priority(100).req("cpu", "2").build();
    return Stream.of(
        Arguments.of("no lower-priority pods anywhere", big,
            new NodeInfo[] {node("n1", low("a", 100, "1")), node("n2", low("b", 200, "1")),
                node("n3", low("c", 1000, "1"))},
            "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: "
                + "3 No preemption victims found for incoming pod.."),
        Arguments.of("a taint cannot be preempted away", big,
            new NodeInfo[] {
                new NodeInfo(MakeNode.named("cp").allocatable("cpu", "2").taint("dedicated", "x", "NoSchedule")
                    .build(), List.of()),
                node("n1", low("a", 100, "1"))},
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: x}. "
                + "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, "
                + "1 Preemption is not helpful for scheduling.."),
        Arguments.of("evicting every lower-priority pod is still not enough",
            MakePod.named("p").priority(100).req("cpu", "1500m").build(),
            new NodeInfo[] {node("n1", low("a", 0, "1"), low("b", 500, "1"))},
            "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                + "1 Insufficient cpu.."),
        Arguments.of("preemptionPolicy Never",
            MakePod.named("p").priority(100).req("cpu", "2").preemptionPolicy("Never").build(),
            new NodeInfo[] {node("n1", low("a", 0, "1"))},
            "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.."),
        Arguments.of("a victim of an earlier preemption is still terminating on the nominated node",
            MakePod.named("p").priority(100).req("cpu", "2").nominatedNode("n1").build(),
            new NodeInfo[] {node("n1", MakePod.named("a").priority(0).req("cpu", "1").terminating().build())},
            "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the "
                + "nominated node.."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noCandidate")
  void withoutACandidateNothingIsEvictedAndTheMessageSaysWhy(String name, V1.Pod pod, NodeInfo[] nodes,
      String message) {
    Outcome o = schedule(pod, nodes);
    assertEquals(message, o.message());
    assertTrue(o.result().status().isRejected());
    assertEquals(List.of(), evicted);
  }

  static Stream<Arguments> choice() {
    V1.Pod pod = MakePod.named("p").priority(100).req("cpu", "1").build();
    return Stream.of(
        Arguments.of("the node whose most important victim has the lowest priority", pod,
            new NodeInfo[] {node("n1", low("a", 50, "2")), node("n2", low("b", 10, "2")),
                node("n3", low("c", 30, "2"))},
            List.of("b@n2")),
        Arguments.of("then the smallest sum of priorities", MakePod.named("p").priority(100).req("cpu", "2").build(),
            new NodeInfo[] {node("n1", low("a1", 10, "1"), low("a2", 10, "1")),
                node("n2", low("b1", 10, "1500m"), low("b2", 5, "500m"))},
            List.of("b1@n2", "b2@n2")),
        Arguments.of("fewer victims of equal priority make a smaller (shifted) sum", MakePod.named("p").priority(100).req("cpu", "2").build(),
            new NodeInfo[] {node("n1", low("a1", 0, "1"), low("a2", 0, "1")), node("n2", low("b", 0, "2"))},
            List.of("b@n2")),
        Arguments.of("then the node whose victims started latest", pod,
            new NodeInfo[] {node("n1", MakePod.named("old").priority(0).req("cpu", "2").startTime(1000).build()),
                node("n2", MakePod.named("new").priority(0).req("cpu", "2").startTime(2000).build())},
            List.of("new@n2")),
        Arguments.of("only as many victims as needed, the least important first", pod,
            new NodeInfo[] {node("n1", low("keep", 50, "1"), low("go", 10, "1"))},
            List.of("go@n1")),
        Arguments.of("equal pods of higher priority are never victims", pod,
            new NodeInfo[] {node("n1", low("same", 100, "1"), low("go", 99, "1"))},
            List.of("go@n1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("choice")
  void picksTheCheapestNodeAndEvictsItsVictims(String name, V1.Pod pod, NodeInfo[] nodes, List<String> victims) {
    Outcome o = schedule(pod, nodes);
    assertTrue(o.result().status().isSuccess(), o.message());
    assertEquals(victims, evicted);
    assertEquals(victims.get(0).substring(victims.get(0).indexOf('@') + 1), o.result().nominatedNodeName());
    assertTrue(o.message().endsWith("Insufficient cpu."), "success adds nothing to the FitError: " + o.message());
  }

  /**
   * Pods on other nodes and the victims' own terms: the dry run tells InterPodAffinity and PodTopologySpread which
   * pods it removes (upstream's PreFilterExtensions), on its own copy of their PreFilter state.
   */
  static Stream<Arguments> acrossPods() {
    String host = "kubernetes.io/hostname";
    String zone = "topology.kubernetes.io/zone";
    V1.PodAffinityTerm avoidsWeb = Affinities.podTerm("app", "web", host);
    V1.Pod web = MakePod.named("web").label("app", "web").priority(100).req("cpu", "100m").build();
    V1.TopologySpreadConstraint zoneSpread = V1.TopologySpreadConstraint.newBuilder().setTopologyKey(zone)
        .setMaxSkew(1).setWhenUnsatisfiable("DoNotSchedule").setLabelSelector(Affinities.labels("app", "web"))
        .build();
    V1.Pod spreadWeb = MakePod.named("web-new").label("app", "web").priority(100).req("cpu", "100m")
        .spec(s -> s.addTopologySpreadConstraints(zoneSpread)).build();
    V1.Pod busyB = MakePod.named("busy").priority(1000).req("cpu", "2").build();
    return Stream.of(
        Arguments.of("a lower-priority pod whose required anti-affinity keeps the pod off its node", web,
            new NodeInfo[] {zoned("n1", "a", MakePod.named("loner").priority(10).req("cpu", "100m")
                .spec(s -> s.getAffinityBuilder().getPodAntiAffinityBuilder()
                    .addRequiredDuringSchedulingIgnoredDuringExecution(avoidsWeb)).build())},
            List.of("loner@n1")),
        Arguments.of("... not when that pod has the higher priority", web,
            new NodeInfo[] {zoned("n1", "a", MakePod.named("loner").priority(500).req("cpu", "100m")
                .spec(s -> s.getAffinityBuilder().getPodAntiAffinityBuilder()
                    .addRequiredDuringSchedulingIgnoredDuringExecution(avoidsWeb)).build())},
            List.of()),
        Arguments.of("each node's dry run has its own state: pods selected in the same zone on two nodes",
            MakePod.named("p").priority(100).req("cpu", "100m").spec(s -> s.getAffinityBuilder()
                .getPodAntiAffinityBuilder().addRequiredDuringSchedulingIgnoredDuringExecution(
                    Affinities.podTerm("app", "web", zone))).build(),
            new NodeInfo[] {zoned("n1", "a", MakePod.named("web-1").label("app", "web").priority(10)
                .req("cpu", "100m").build()), zoned("n2", "a", MakePod.named("web-2").label("app", "web")
                .priority(10).req("cpu", "100m").build())},
            List.of()),
        Arguments.of("lower-priority pods of the spread group in the fuller zone", spreadWeb,
            new NodeInfo[] {zoned("n1", "a", MakePod.named("web-1").label("app", "web").priority(10)
                .req("cpu", "100m").build(), MakePod.named("batch").priority(10).req("cpu", "100m").build()),
                zoned("n2", "b", busyB)},
            List.of("web-1@n1")),
        Arguments.of("... not when the pod of the spread group has the higher priority", spreadWeb,
            new NodeInfo[] {zoned("n1", "a", MakePod.named("web-1").label("app", "web").priority(500)
                .req("cpu", "100m").build(), MakePod.named("batch").priority(10).req("cpu", "100m").build()),
                zoned("n2", "b", busyB)},
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acrossPods")
  void preemptsPodsThatAffinityOrSpreadingCountOnOtherNodes(String name, V1.Pod pod, NodeInfo[] nodes,
      List<String> victims) {
    NodeResourcesFit fit = new NodeResourcesFit();
    InterPodAffinity affinity = new InterPodAffinity();
    PodTopologySpread spread = new PodTopologySpread();
    Framework f = Framework.builder("t").preFilter(fit).preFilter(spread).preFilter(affinity).filter(fit)
        .filter(spread).filter(affinity).postFilter(preemption).bind(new DefaultBinder(null)).build();
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(List.of(nodes)));
    assertTrue(f.runPreFilter(state, pod).isSuccess());
    Map<String, Status> statuses = new HashMap<>();
    for (NodeInfo n : nodes) {
      Status s = f.runFilters(state, pod, n);
      assertTrue(!s.isSuccess(), "the test needs " + n.name() + " to reject the pod");
      statuses.put(n.name(), s);
    }
    PostFilterPlugin.Result r = f.runPostFilter(state, pod, statuses, List.of(nodes)).orElseThrow();
    assertEquals(victims, evicted);
    assertEquals(!victims.isEmpty(), r.status().isSuccess(), r.status().message());
  }

  private static NodeInfo zoned(String name, String zone, V1.Pod... pods) {
    List<V1.Pod> placed = new ArrayList<>();
    for (V1.Pod p : pods) {
      placed.add(p.toBuilder().setSpec(p.getSpec().toBuilder().setNodeName(name)).build());
    }
    return new NodeInfo(MakeNode.named(name).label("kubernetes.io/hostname", name)
        .label("topology.kubernetes.io/zone", zone).allocatable("cpu", "2", "memory", "4Gi").build(), placed);
  }

  /** The cycle up to PostFilter with NodeResourcesFit and {@code p}. */
  private static PostFilterPlugin.Result preemptWith(DefaultPreemption p, V1.Pod pod, NodeInfo... nodes) {
    NodeResourcesFit fit = new NodeResourcesFit();
    Framework f = Framework.builder("t").preFilter(fit).filter(fit).postFilter(p).bind(new DefaultBinder(null))
        .build();
    CycleState state = new CycleState();
    f.runPreFilter(state, pod);
    Map<String, Status> statuses = new HashMap<>();
    for (NodeInfo n : nodes) {
      statuses.put(n.name(), f.runFilters(state, pod, n));
    }
    return f.runPostFilter(state, pod, statuses, List.of(nodes)).orElseThrow();
  }

  private static V1.Pod web(String name, int priority, String cpu) {
    return MakePod.named(name).label("app", "web").priority(priority).req("cpu", cpu).build();
  }

  private static final List<V1Policy.PodDisruptionBudget> WEB_BUDGET =
      List.of(PdbViolationsTest.pdb("default", Affinities.labels("app", "web"), 0));

  @Test
  void podsABudgetProtectsAreReprievedFirst() {
    DefaultPreemption p = new DefaultPreemption((v, x, n) -> evicted.add(v.getMetadata().getName() + "@" + n),
        () -> WEB_BUDGET, new Random(1));
    // Without the budget "protected" (less important) would go; with it, it is given back first.
    PostFilterPlugin.Result r = preemptWith(p, MakePod.named("p").priority(100).req("cpu", "1").build(),
        node("n1", web("protected", 5, "1"), low("other", 10, "1")));
    assertTrue(r.status().isSuccess(), r.status().message());
    assertEquals(List.of("other@n1"), evicted);
  }

  @Test
  void aNodeWithoutBudgetViolationsWinsOverLowerPriorityVictims() {
    DefaultPreemption p = new DefaultPreemption((v, x, n) -> evicted.add(v.getMetadata().getName() + "@" + n),
        () -> WEB_BUDGET, new Random(1));
    PostFilterPlugin.Result r = preemptWith(p, MakePod.named("p").priority(100).req("cpu", "2").build(),
        node("n1", web("protected", 5, "2")), node("n2", low("free", 50, "2")));
    assertEquals("n2", r.nominatedNodeName());
    assertEquals(List.of("free@n2"), evicted);
  }

  @Test
  void victimSelectionCountsTheViolationsAndKeepsVictimsMostImportantFirst() {
    NodeInfo n1 = node("n1", web("w-low", 5, "1"), web("w-high", 20, "1"), low("x", 10, "1"));
    V1.Pod pod = MakePod.named("p").priority(100).req("cpu", "1").build();
    DefaultPreemption.VictimSelection v = DefaultPreemption.selectVictimsOnNode(new CycleState(), pod, n1,
        new PostFilterPlugin.Handle() {
          private final NodeResourcesFit fit = new NodeResourcesFit();

          @Override
          public List<NodeInfo> nodes() {
            return List.of(n1);
          }

          @Override
          public Status runFilters(CycleState s, V1.Pod p, NodeInfo node) {
            return fit.filter(s, p, node);
          }

          @Override
          public Status runPreFilterExtensionAddPod(CycleState s, V1.Pod p, V1.Pod add, NodeInfo node) {
            return Status.success();
          }

          @Override
          public Status runPreFilterExtensionRemovePod(CycleState s, V1.Pod p, V1.Pod remove, NodeInfo node) {
            return Status.success();
          }
        }, WEB_BUDGET);
    assertTrue(v.status().isSuccess(), v.status().message());
    // 3 cpu of 2 in use and 1 needed: two must go. Both web pods would violate the budget (allowance 0), so they are
    // given back first: w-high fits, w-low does not (a violation); then x does not. Victims most important first.
    assertEquals(List.of("x", "w-low"), v.victims().stream().map(q -> q.getMetadata().getName()).toList());
    assertEquals(1, v.pdbViolations());
  }

  @Test
  void aRefusedEvictionEndsTheAttemptWithAnError() {
    DefaultPreemption p = new DefaultPreemption((v, x, n) -> {
      evicted.add(v.getMetadata().getName() + "@" + n);
      throw new ApiException(io.grpc.Status.Code.RESOURCE_EXHAUSTED, Meta.Status.newBuilder().setCode(429)
          .setReason("TooManyRequests")
          .setMessage("Cannot evict pod as it would violate the pod's disruption budget.").build());
    }, () -> WEB_BUDGET, new Random(1));
    PostFilterPlugin.Result r = preemptWith(p, MakePod.named("p").priority(100).req("cpu", "2").build(),
        node("n1", web("a", 5, "1"), web("b", 6, "1")));
    assertEquals(windlass.scheduler.framework.Code.ERROR, r.status().code());
    assertEquals("preemption: evicting pod default/b from node n1: Cannot evict pod as it would violate the pod's "
        + "disruption budget.", r.status().message());
    assertEquals(null, r.nominatedNodeName(), "no nomination: the pod retries after its backoff");
    assertEquals(List.of("b@n1"), evicted, "the first refusal ends the attempt");
  }

  @Test
  void aFailedEvictionIsAnError() {
    DefaultPreemption failing = new DefaultPreemption((v, p, n) -> {
      throw new IllegalStateException("pods \"a\" is forbidden");
    }, new Random(1));
    Framework f = Framework.builder("t").preFilter(new NodeResourcesFit()).filter(new NodeResourcesFit())
        .postFilter(failing).bind(new DefaultBinder(null)).build();
    V1.Pod pod = MakePod.named("p").priority(100).req("cpu", "2").build();
    NodeInfo n1 = node("n1", low("a", 0, "1"));
    CycleState state = new CycleState();
    f.runPreFilter(state, pod);
    PostFilterPlugin.Result r = f.runPostFilter(state, pod, Map.of("n1", f.runFilters(state, pod, n1)), List.of(n1))
        .orElseThrow();
    assertEquals(windlass.scheduler.framework.Code.ERROR, r.status().code());
    assertEquals(DefaultPreemption.NAME, r.status().plugin());
  }

  @Test
  void searchesTenPercentOfTheNodesButAtLeastAHundred() {
    assertEquals(3, DefaultPreemption.numCandidates(3));
    assertEquals(100, DefaultPreemption.numCandidates(500));
    assertEquals(500, DefaultPreemption.numCandidates(5000));
  }
}
