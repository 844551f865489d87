package windlass.scheduler.plugins.podtopologyspread;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;
import windlass.scheduler.testing.Affinities;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.NodeInfos;
import windlass.scheduler.testing.MakePod;

class PodTopologySpreadTest {
  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOST = "kubernetes.io/hostname";
  private static final String OK = "";
  private static final String SKEW = PodTopologySpread.REASON_CONSTRAINTS;
  private static final String MISSING = PodTopologySpread.REASON_MISSING_LABEL;

  private static V1.TopologySpreadConstraint spread(String key, int maxSkew, String when,
      UnaryOperator<V1.TopologySpreadConstraint.Builder> more) {
    return more.apply(V1.TopologySpreadConstraint.newBuilder().setTopologyKey(key).setMaxSkew(maxSkew)
        .setWhenUnsatisfiable(when).setLabelSelector(Affinities.labels("app", "foo"))).build();
  }

  private static MakePod foo(String name) {
    return MakePod.named(name).label("app", "foo");
  }

  private static V1.Node node(String name, String zone) {
    return MakeNode.named(name).label(ZONE, zone).label(HOST, name).build();
  }

  private static final List<V1.Node> AB = List.of(node("a1", "a"), node("b1", "b"));

  static Stream<Arguments> filterCases() {
    var zone1 = spread(ZONE, 1, "DoNotSchedule", b -> b);
    V1.Pod pod = foo("p").spec(s -> s.addTopologySpreadConstraints(zone1)).build();
    List<V1.Pod> oneInA = List.of(foo("e1").node("a1").build());
    List<V1.Pod> oneEach = List.of(foo("e1").node("a1").build(), foo("e2").node("b1").build());
    V1.Node ssdA = MakeNode.named("a1").label(ZONE, "a").label("disk", "ssd").build();
    V1.Node ssdB = MakeNode.named("b1").label(ZONE, "b").label("disk", "ssd").build();
    V1.Node plainC = MakeNode.named("c1").label(ZONE, "c").build();
    V1.Node taintedC = MakeNode.named("c1").label(ZONE, "c").taint("dedicated", "x", "NoSchedule").build();
    return Stream.of(
        Arguments.of("the emptier zone is allowed, the fuller rejected", pod, AB, oneInA,
            Map.of("a1", SKEW, "b1", OK)),
        Arguments.of("balanced zones allow both", pod, AB, oneEach, Map.of("a1", OK, "b1", OK)),
        Arguments.of("a node without the topology label is rejected as unresolvable", pod,
            List.of(node("a1", "a"), MakeNode.named("nolabel").build()), List.of(),
            Map.of("a1", OK, "nolabel", MISSING)),
        Arguments.of("pods of other namespaces and other labels do not count", pod, AB,
            List.of(foo("x").namespace("other").node("a1").build(), MakePod.named("y").label("app", "bar")
                .node("a1").build()), Map.of("a1", OK, "b1", OK)),
        Arguments.of("terminating pods do not count", pod, AB,
            List.of(foo("t").node("a1").build().toBuilder().setMetadata(foo("t").build().getMetadata().toBuilder()
                .setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(1))).build()), Map.of("a1", OK, "b1", OK)),
        Arguments.of("a pod the selector does not match counts no self", MakePod.named("p").label("app", "bar")
            .spec(s -> s.addTopologySpreadConstraints(zone1)).build(), AB,
            List.of(foo("e1").node("a1").build(), foo("e2").node("a1").build()), Map.of("a1", SKEW, "b1", OK)),
        Arguments.of("minDomains above the domain count makes the global minimum 0",
            foo("p").spec(s -> s.addTopologySpreadConstraints(spread(ZONE, 1, "DoNotSchedule",
                b -> b.setMinDomains(3)))).build(), AB, oneEach, Map.of("a1", SKEW, "b1", SKEW)),
        Arguments.of("nodeAffinityPolicy Honor leaves out nodes the pod cannot go to",
            foo("p").nodeSelector("disk", "ssd").spec(s -> s.addTopologySpreadConstraints(zone1)).build(),
            List.of(ssdA, ssdB, plainC), oneEach, Map.of("a1", OK, "b1", OK, "c1", OK)),
        Arguments.of("nodeAffinityPolicy Ignore counts them as empty domains",
            foo("p").nodeSelector("disk", "ssd").spec(s -> s.addTopologySpreadConstraints(spread(ZONE, 1,
                "DoNotSchedule", b -> b.setNodeAffinityPolicy("Ignore")))).build(),
            List.of(ssdA, ssdB, plainC), oneEach, Map.of("a1", SKEW, "b1", SKEW, "c1", OK)),
        Arguments.of("nodeTaintsPolicy Ignore (default) counts tainted nodes as domains", pod,
            List.of(node("a1", "a"), node("b1", "b"), taintedC), oneEach, Map.of("a1", SKEW, "b1", SKEW, "c1", OK)),
        Arguments.of("nodeTaintsPolicy Honor leaves out nodes with untolerated taints",
            foo("p").spec(s -> s.addTopologySpreadConstraints(spread(ZONE, 1, "DoNotSchedule",
                b -> b.setNodeTaintsPolicy("Honor")))).build(),
            List.of(node("a1", "a"), node("b1", "b"), taintedC), oneEach, Map.of("a1", OK, "b1", OK, "c1", OK)),
        Arguments.of("maxSkew 2 tolerates one more", foo("p").spec(s -> s.addTopologySpreadConstraints(
            spread(ZONE, 2, "DoNotSchedule", b -> b))).build(), AB, oneInA, Map.of("a1", OK, "b1", OK)),
        Arguments.of("ScheduleAnyway never filters", foo("p").spec(s -> s.addTopologySpreadConstraints(
            spread(ZONE, 1, "ScheduleAnyway", b -> b))).build(), AB, List.of(foo("e1").node("a1").build(),
            foo("e2").node("a1").build()), Map.of("a1", OK, "b1", OK)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filter(String name, V1.Pod pod, List<V1.Node> nodes, List<V1.Pod> existing, Map<String, String> want) {
    List<NodeInfo> infos = NodeInfos.of(nodes, existing);
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(infos));
    PodTopologySpread p = new PodTopologySpread();
    Status pre = p.preFilter(state, pod);
    Map<String, String> got = new LinkedHashMap<>();
    for (NodeInfo n : infos) {
      got.put(n.name(), pre.isSkip() ? OK : p.filter(state, pod, n).message());
    }
    assertEquals(want, got);
  }

  @Test
  void scoresNodesWithFewerMatchingPodsHigher() {
    V1.Pod pod = foo("p").spec(s -> s.addTopologySpreadConstraints(spread(HOST, 1, "ScheduleAnyway", b -> b)))
        .build();
    List<NodeInfo> infos = NodeInfos.of(List.of(node("n1", "a"), node("n2", "a"), node("n3", "a")),
        List.of(foo("e1").node("n1").build(), foo("e2").node("n1").build(), foo("e3").node("n3").build()));
    // weight log(3 + 2) = 1.609: n1 2 pods -> 3, n2 -> 0, n3 -> 2; normalized 100 * (max + min - s) / max
    assertEquals(Map.of("n1", 0L, "n2", 100L, "n3", 33L), scores(pod, infos));
  }

  @Test
  void scoresZonesByTheirPodCounts() {
    V1.Pod pod = foo("p").spec(s -> s.addTopologySpreadConstraints(spread(ZONE, 1, "ScheduleAnyway", b -> b)))
        .build();
    List<NodeInfo> infos = NodeInfos.of(List.of(node("a1", "a"), node("a2", "a"), node("b1", "b"),
        MakeNode.named("none").build()), List.of(foo("e1").node("a1").build(), foo("e2").node("a2").build()));
    // zone a has 2 pods: 2 * log(4) = 2.77 -> 3; zone b 0; the node without a zone is ignored (0)
    assertEquals(Map.of("a1", 0L, "a2", 0L, "b1", 100L, "none", 0L), scores(pod, infos));
  }

  @Test
  void spreadsReplicaSetPodsByTheSystemDefaultsOnly() {
    V1.Pod owned = foo("p").build().toBuilder().setMetadata(foo("p").build().getMetadata().toBuilder()
        .addOwnerReferences(Meta.OwnerReference.newBuilder().setKind("ReplicaSet").setName("rs").setController(
            true))).build();
    List<NodeInfo> infos = NodeInfos.of(List.of(node("n1", "a"), node("n2", "a")), List.of(foo("e1").node("n1").build()));
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(infos));
    PodTopologySpread p = new PodTopologySpread();
    assertEquals(true, p.preFilter(state, owned).isSkip(), "system defaults never filter");
    Map<String, Long> got = scores(owned, infos);
    assertEquals(true, got.get("n2") > got.get("n1"), "the node without a replica wins: " + got);
    assertEquals(true, p.preScore(new CycleState(), foo("bare").build(), infos).isSkip(),
        "a pod without an owner gets no default constraints");
  }

  @Test
  void rejectsASystemDefaultingTypeWithConstraints() {
    var c = V1.TopologySpreadConstraint.newBuilder().setTopologyKey(ZONE).setMaxSkew(1)
        .setWhenUnsatisfiable("DoNotSchedule").build();
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new SpreadDefaults("System", List.of(c)));
    assertEquals("defaultingType: Invalid value: \"System\": when .defaultConstraints are not empty, defaultingType "
        + "can only be \"List\"", e.getMessage());
  }

  private static Map<String, Long> scores(V1.Pod pod, List<NodeInfo> infos) {
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(infos));
    PodTopologySpread p = new PodTopologySpread();
    p.preScore(state, pod, infos);
    long[] raw = new long[infos.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = p.score(state, pod, infos.get(i));
    }
    p.normalize(state, pod, infos, raw);
    Map<String, Long> scores = new LinkedHashMap<>();
    for (int i = 0; i < raw.length; i++) {
      scores.put(infos.get(i).name(), raw[i]);
    }
    return scores;
  }
}
