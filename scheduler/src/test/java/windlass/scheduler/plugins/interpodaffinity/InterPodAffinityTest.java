package windlass.scheduler.plugins.interpodaffinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.scheduler.testing.Affinities.podTerm;
import static windlass.scheduler.testing.Affinities.weighted;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.NodeInfos;
import windlass.scheduler.testing.MakePod;

class InterPodAffinityTest {
  static final String ZONE = "topology.kubernetes.io/zone";
  static final String HOST = "kubernetes.io/hostname";
  static final String OK = "";
  static final String AFF = InterPodAffinity.REASON_AFFINITY;
  static final String ANTI = InterPodAffinity.REASON_ANTI_AFFINITY;
  static final String EXISTING = InterPodAffinity.REASON_EXISTING_ANTI_AFFINITY;

  private static V1.Node node(String name, String zone) {
    return MakeNode.named(name).label(ZONE, zone).label(HOST, name).build();
  }

  static final List<V1.Node> NODES = List.of(node("n1", "a"), node("n2", "a"), node("n3", "b"));

  static MakePod affinity(MakePod p, V1.PodAffinityTerm t) {
    return p.spec(s -> s.getAffinityBuilder().getPodAffinityBuilder()
        .addRequiredDuringSchedulingIgnoredDuringExecution(t));
  }

  static MakePod anti(MakePod p, V1.PodAffinityTerm t) {
    return p.spec(s -> s.getAffinityBuilder().getPodAntiAffinityBuilder()
        .addRequiredDuringSchedulingIgnoredDuringExecution(t));
  }

  static Stream<Arguments> filterCases() {
    V1.Pod db1 = MakePod.named("db").label("app", "db").node("n1").build();
    V1.Pod web1 = MakePod.named("web-1").label("app", "web").node("n1").build();
    V1.Pod wantsDbZone = affinity(MakePod.named("p"), podTerm("app", "db", ZONE)).build();
    return Stream.of(
        Arguments.of("affinity: nodes in the zone of a matching pod", wantsDbZone, NODES, List.of(db1),
            Map.of("n1", OK, "n2", OK, "n3", AFF)),
        Arguments.of("affinity with no matching pod rejects every node", wantsDbZone, NODES, List.of(web1),
            Map.of("n1", AFF, "n2", AFF, "n3", AFF)),
        Arguments.of("the first pod of a group matching its own terms may go anywhere",
            affinity(MakePod.named("p").label("app", "web"), podTerm("app", "web", ZONE)).build(), NODES, List.of(),
            Map.of("n1", OK, "n2", OK, "n3", OK)),
        Arguments.of("... but only on nodes with the topology label",
            affinity(MakePod.named("p").label("app", "web"), podTerm("app", "web", ZONE)).build(),
            List.of(node("n1", "a"), MakeNode.named("bare").build()), List.of(), Map.of("n1", OK, "bare", AFF)),
        Arguments.of("affinity terms are ANDed: a pod must match all of them",
            affinity(affinity(MakePod.named("p"), podTerm("app", "db", ZONE)), podTerm("tier", "x", ZONE)).build(),
            NODES, List.of(db1), Map.of("n1", AFF, "n2", AFF, "n3", AFF)),
        Arguments.of("anti-affinity by hostname", anti(MakePod.named("p"), podTerm("app", "web", HOST)).build(),
            NODES, List.of(web1), Map.of("n1", ANTI, "n2", OK, "n3", OK)),
        Arguments.of("anti-affinity by zone", anti(MakePod.named("p"), podTerm("app", "web", ZONE)).build(),
            NODES, List.of(web1), Map.of("n1", ANTI, "n2", ANTI, "n3", OK)),
        Arguments.of("an existing pod's anti-affinity keeps matching pods out of its zone",
            MakePod.named("p").label("app", "web").build(), NODES,
            List.of(anti(MakePod.named("loner").node("n3"), podTerm("app", "web", ZONE)).build()),
            Map.of("n1", OK, "n2", OK, "n3", EXISTING)),
        Arguments.of("an existing pod's anti-affinity ignores pods it does not select",
            MakePod.named("p").label("app", "db").build(), NODES,
            List.of(anti(MakePod.named("loner").node("n3"), podTerm("app", "web", ZONE)).build()),
            Map.of("n1", OK, "n2", OK, "n3", OK)),
        Arguments.of("terms select pods in the pod's own namespace by default", wantsDbZone, NODES,
            List.of(MakePod.named("db").namespace("other").label("app", "db").node("n1").build()),
            Map.of("n1", AFF, "n2", AFF, "n3", AFF)),
        Arguments.of("terms may name namespaces",
            affinity(MakePod.named("p"), podTerm("app", "db", ZONE).toBuilder().addNamespaces("other").build())
                .build(), NODES,
            List.of(MakePod.named("db").namespace("other").label("app", "db").node("n3").build()),
            Map.of("n1", AFF, "n2", AFF, "n3", OK)),
        Arguments.of("an empty namespaceSelector selects every namespace",
            affinity(MakePod.named("p"), podTerm("app", "db", ZONE).toBuilder()
                .setNamespaceSelector(Meta.LabelSelector.getDefaultInstance()).build()).build(), NODES,
            List.of(MakePod.named("db").namespace("other").label("app", "db").node("n3").build()),
            Map.of("n1", AFF, "n2", AFF, "n3", OK)),
        Arguments.of("affinity is checked before anti-affinity",
            anti(affinity(MakePod.named("p"), podTerm("app", "db", ZONE)), podTerm("app", "web", ZONE)).build(),
            NODES, List.of(web1), Map.of("n1", AFF, "n2", AFF, "n3", AFF)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filter(String name, V1.Pod pod, List<V1.Node> nodes, List<V1.Pod> existing, Map<String, String> want) {
    List<NodeInfo> infos = NodeInfos.of(nodes, existing);
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(infos));
    InterPodAffinity p = new InterPodAffinity();
    Status pre = p.preFilter(state, pod);
    Map<String, String> got = new LinkedHashMap<>();
    for (NodeInfo n : infos) {
      got.put(n.name(), pre.isSkip() ? OK : p.filter(state, pod, n).message());
    }
    assertEquals(want, got);
  }

  @Test
  void skipsThePreFilterWhenNoAffinityIsInvolved() {
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(NodeInfos.of(NODES, List.of(MakePod.named("x").node("n1").build()))));
    assertEquals(true, new InterPodAffinity().preFilter(state, MakePod.named("p").build()).isSkip());
  }

  @Test
  void scoresPreferredAffinityAndAntiAffinityByWeight() {
    V1.Pod pod = MakePod.named("p").spec(s -> s.getAffinityBuilder()
        .setPodAffinity(V1.PodAffinity.newBuilder().addPreferredDuringSchedulingIgnoredDuringExecution(
            weighted(10, podTerm("app", "db", ZONE))))
        .setPodAntiAffinity(V1.PodAntiAffinity.newBuilder().addPreferredDuringSchedulingIgnoredDuringExecution(
            weighted(5, podTerm("app", "web", HOST))))).build();
    List<NodeInfo> infos = NodeInfos.of(NODES, List.of(MakePod.named("db").label("app", "db").node("n1").build(),
        MakePod.named("web").label("app", "web").node("n1").build()));
    // raw: n1 = 10 - 5 = 5, n2 = 10, n3 = 0 -> min-max scaled
    assertEquals(Map.of("n1", 50L, "n2", 100L, "n3", 0L), scores(new InterPodAffinity(), pod, infos));
  }

  @Test
  void existingPodsRequiredAffinityAttractsWithTheHardWeight() {
    V1.Pod pod = MakePod.named("p").label("app", "web").build();
    List<NodeInfo> infos = NodeInfos.of(NODES, List.of(affinity(MakePod.named("cache").node("n3"),
        podTerm("app", "web", ZONE)).build()));
    assertEquals(Map.of("n1", 0L, "n2", 0L, "n3", 100L), scores(new InterPodAffinity(), pod, infos));
    assertEquals(true, new InterPodAffinity(0, ns -> Map.of()).preScore(state(infos), pod, infos).isSkip(),
        "hardPodAffinityWeight 0 ignores required terms of existing pods");
  }

  @Test
  void rejectsAHardPodAffinityWeightOutOfRange() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new InterPodAffinity(101, ns -> Map.of()));
    assertEquals("hardPodAffinityWeight: Invalid value: 101: not in valid range [0-100]", e.getMessage());
  }

  private static CycleState state(List<NodeInfo> infos) {
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(infos));
    return state;
  }

  private static Map<String, Long> scores(InterPodAffinity p, V1.Pod pod, List<NodeInfo> infos) {
    CycleState state = state(infos);
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
