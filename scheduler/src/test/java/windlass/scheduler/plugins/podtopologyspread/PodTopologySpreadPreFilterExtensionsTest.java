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
import windlass.scheduler.framework.Code;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;
import windlass.scheduler.testing.Affinities;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.NodeInfos;
import windlass.scheduler.testing.MakePod;

/** AddPod / RemovePod (upstream's PreFilterExtensions) on a copy of PodTopologySpread's PreFilter state. */
class PodTopologySpreadPreFilterExtensionsTest {
  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOST = "kubernetes.io/hostname";
  private static final String OK = "";
  private static final String SKEW = PodTopologySpread.REASON_CONSTRAINTS;

  private static V1.TopologySpreadConstraint spread(String key, int maxSkew,
      UnaryOperator<V1.TopologySpreadConstraint.Builder> more) {
    return more.apply(V1.TopologySpreadConstraint.newBuilder().setTopologyKey(key).setMaxSkew(maxSkew)
        .setWhenUnsatisfiable("DoNotSchedule").setLabelSelector(Affinities.labels("app", "foo"))).build();
  }

  private static MakePod foo(String name) {
    return MakePod.named(name).label("app", "foo");
  }

  private static V1.Node node(String name, String zone) {
    return MakeNode.named(name).label(ZONE, zone).label(HOST, name).build();
  }

  private static final List<V1.Node> ABC = List.of(node("a1", "a"), node("b1", "b"), node("c1", "c"));

  /**
   * Each case: the pod, the nodes, the existing pods, the operations on the copied state ("-name" removes that pod,
   * "+name" puts it back), and each node's Filter reason afterwards.
   */
  static Stream<Arguments> cases() {
    V1.Pod zone1 = foo("p").spec(s -> s.addTopologySpreadConstraints(spread(ZONE, 1, b -> b))).build();
    List<V1.Pod> twoInA = List.of(foo("a-1").node("a1").build(), foo("a-2").node("a1").build(),
        foo("b-1").node("b1").build(), foo("c-1").node("c1").build());
    V1.Pod terminating = foo("t").node("b1").build().toBuilder().setMetadata(foo("t").build().getMetadata()
        .toBuilder().setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(1))).build();
    return Stream.of(
        Arguments.of("removing a matching pod from the fuller zone lets the pod in", zone1, ABC, twoInA,
            List.of("-a-1"), Map.of("a1", OK, "b1", OK, "c1", OK)),
        Arguments.of("putting it back makes that zone too full again", zone1, ABC, twoInA, List.of("-a-1", "+a-1"),
            Map.of("a1", SKEW, "b1", OK, "c1", OK)),
        Arguments.of("removing the pod of a zone at the minimum lowers the minimum", zone1, ABC,
            List.of(foo("a-1").node("a1").build(), foo("b-1").node("b1").build(), foo("c-1").node("c1").build()),
            List.of("-c-1"), Map.of("a1", SKEW, "b1", SKEW, "c1", OK)),
        Arguments.of("the minimum rises again when the only emptiest zone gets its pod back", zone1, ABC,
            List.of(foo("a-1").node("a1").build(), foo("b-1").node("b1").build(), foo("c-1").node("c1").build()),
            List.of("-c-1", "+c-1"), Map.of("a1", OK, "b1", OK, "c1", OK)),
        Arguments.of("a pod the selector does not match changes nothing", zone1, ABC,
            List.of(foo("a-1").node("a1").build(), MakePod.named("other").label("app", "bar").node("a1").build()),
            List.of("-other"), Map.of("a1", SKEW, "b1", OK, "c1", OK)),
        Arguments.of("a pod of another namespace changes nothing", zone1, ABC,
            List.of(foo("a-1").node("a1").build(), foo("x").namespace("other").node("b1").build()),
            List.of("-x"), Map.of("a1", SKEW, "b1", OK, "c1", OK)),
        Arguments.of("a terminating pod was not counted, so removing it changes nothing", zone1, ABC,
            List.of(foo("a-1").node("a1").build(), terminating), List.of("-t"),
            Map.of("a1", SKEW, "b1", OK, "c1", OK)),
        Arguments.of("a node the pod's node selector excludes (nodeAffinityPolicy Honor) is not counted",
            foo("p").nodeSelector("disk", "ssd").spec(s -> s.addTopologySpreadConstraints(spread(ZONE, 1, b -> b)))
                .build(),
            List.of(MakeNode.named("a1").label(ZONE, "a").label("disk", "ssd").build(),
                MakeNode.named("b1").label(ZONE, "b").label("disk", "ssd").build(),
                MakeNode.named("c1").label(ZONE, "c").build()),
            List.of(foo("a-1").node("a1").build(), foo("c-1").node("c1").build()), List.of("-c-1"),
            Map.of("a1", SKEW, "b1", OK, "c1", OK)),
        Arguments.of("minDomains: removals do not change the number of domains", foo("p").spec(s ->
            s.addTopologySpreadConstraints(spread(ZONE, 1, b -> b.setMinDomains(3)))).build(), ABC.subList(0, 2),
            List.of(foo("a-1").node("a1").build(), foo("b-1").node("b1").build()), List.of("-a-1", "-b-1"),
            Map.of("a1", OK, "b1", OK)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void updatesTheCopiedStateOnly(String name, V1.Pod pod, List<V1.Node> nodes, List<V1.Pod> existing,
      List<String> ops, Map<String, String> want) {
    List<NodeInfo> infos = NodeInfos.of(nodes, existing);
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(infos));
    PodTopologySpread p = new PodTopologySpread();
    assertEquals(Code.SUCCESS, p.preFilter(state, pod).code());
    Map<String, String> before = filter(p, state, pod, infos);
    CycleState copy = state.copy();
    for (String op : ops) {
      V1.Pod target = existing.stream().filter(e -> e.getMetadata().getName().equals(op.substring(1))).findFirst()
          .orElseThrow();
      NodeInfo on = infos.stream().filter(n -> n.name().equals(target.getSpec().getNodeName())).findFirst()
          .orElseThrow();
      Status s = op.startsWith("+") ? p.addPod(copy, pod, target, on) : p.removePod(copy, pod, target, on);
      assertEquals(Status.success(), s);
    }
    assertEquals(want, filter(p, copy, pod, infos));
    assertEquals(before, filter(p, state, pod, infos), "the original state is unchanged");
  }

  @Test
  void theMinimumStaysExactOverManyDomainsAndChanges() {
    // 5 hostname domains with 0..4 matching pods; remove and re-add pods and compare with a fresh count.
    DomainCounts c = new DomainCounts();
    for (int i = 0; i < 5; i++) {
      c.addWhileCounting("n" + i, i);
    }
    c.computeMin();
    assertEquals(0, c.minMatch(1));
    c.update("n0", 1);
    assertEquals(1, c.minMatch(1), "n0 was the only domain at 0");
    c.update("n1", 1);
    assertEquals(1, c.minMatch(1), "n0 still has 1");
    c.update("n0", 1);
    assertEquals(2, c.minMatch(1), "n0 and n1 now have 2, as n2 does");
    c.update("n4", -4);
    assertEquals(0, c.minMatch(1));
    assertEquals(0, c.minMatch(6), "fewer domains than minDomains: 0");
    assertEquals(5, c.domains());
  }

  @Test
  void withoutItsPreFilterStateAnUpdateIsAnError() {
    V1.Pod pod = foo("p").build();
    Status s = new PodTopologySpread().addPod(new CycleState(), pod, pod, new NodeInfo(ABC.get(0), List.of()));
    assertEquals(Code.ERROR, s.code());
    assertEquals("reading \"PreFilterPodTopologySpread\" from cycleState: not found", s.message());
  }

  private static Map<String, String> filter(PodTopologySpread p, CycleState state, V1.Pod pod,
      List<NodeInfo> infos) {
    Map<String, String> got = new LinkedHashMap<>();
    for (NodeInfo n : infos) {
      got.put(n.name(), p.filter(state, pod, n).message());
    }
    return got;
  }
}
