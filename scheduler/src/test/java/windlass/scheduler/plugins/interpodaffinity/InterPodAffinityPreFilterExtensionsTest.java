package windlass.scheduler.plugins.interpodaffinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.scheduler.plugins.interpodaffinity.InterPodAffinityTest.AFF;
import static windlass.scheduler.plugins.interpodaffinity.InterPodAffinityTest.ANTI;
import static windlass.scheduler.plugins.interpodaffinity.InterPodAffinityTest.EXISTING;
import static windlass.scheduler.plugins.interpodaffinity.InterPodAffinityTest.NODES;
import static windlass.scheduler.plugins.interpodaffinity.InterPodAffinityTest.OK;
import static windlass.scheduler.plugins.interpodaffinity.InterPodAffinityTest.ZONE;
import static windlass.scheduler.plugins.interpodaffinity.InterPodAffinityTest.affinity;
import static windlass.scheduler.plugins.interpodaffinity.InterPodAffinityTest.anti;
import static windlass.scheduler.testing.Affinities.podTerm;

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
import windlass.scheduler.framework.Code;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;
import windlass.scheduler.testing.NodeInfos;
import windlass.scheduler.testing.MakePod;

/**
 * AddPod / RemovePod (upstream's PreFilterExtensions) on a copy of InterPodAffinity's PreFilter state, on
 * InterPodAffinityTest's nodes and pod builders.
 */
class InterPodAffinityPreFilterExtensionsTest {
  /**
   * Each case: the pod, the existing pods, the operations on the copied state ("-name" removes that existing pod,
   * "+name" puts it back), and each node's Filter reason afterwards.
   */
  static Stream<Arguments> cases() {
    V1.Pod web1 = MakePod.named("web-1").label("app", "web").node("n1").build();
    V1.Pod web2 = MakePod.named("web-2").label("app", "web").node("n2").build();
    V1.Pod db1 = MakePod.named("db").label("app", "db").node("n1").build();
    V1.Pod loner = anti(MakePod.named("loner").node("n3"), podTerm("app", "web", ZONE)).build();
    V1.Pod avoidsWebByZone = anti(MakePod.named("p"), podTerm("app", "web", ZONE)).build();
    V1.Pod wantsDbZone = affinity(MakePod.named("p"), podTerm("app", "db", ZONE)).build();
    return Stream.of(
        Arguments.of("removing the only pod the anti-affinity selects frees its zone", avoidsWebByZone,
            List.of(web1), List.of("-web-1"), Map.of("n1", OK, "n2", OK, "n3", OK)),
        Arguments.of("the zone stays closed while another selected pod is in it", avoidsWebByZone,
            List.of(web1, web2), List.of("-web-1"), Map.of("n1", ANTI, "n2", ANTI, "n3", OK)),
        Arguments.of("putting it back closes the zone again", avoidsWebByZone, List.of(web1),
            List.of("-web-1", "+web-1"), Map.of("n1", ANTI, "n2", ANTI, "n3", OK)),
        Arguments.of("removing an existing pod whose anti-affinity selects the pod lifts it",
            MakePod.named("p").label("app", "web").build(), List.of(loner), List.of("-loner"),
            Map.of("n1", OK, "n2", OK, "n3", OK)),
        Arguments.of("... and adding it back restores it", MakePod.named("p").label("app", "web").build(),
            List.of(loner), List.of("-loner", "+loner"), Map.of("n1", OK, "n2", OK, "n3", EXISTING)),
        Arguments.of("removing the pod the affinity needs leaves no match: the pod is not the first of its group",
            wantsDbZone, List.of(db1), List.of("-db"), Map.of("n1", AFF, "n2", AFF, "n3", AFF)),
        Arguments.of("a pod the terms do not select changes nothing", avoidsWebByZone, List.of(web1, db1),
            List.of("-db"), Map.of("n1", ANTI, "n2", ANTI, "n3", OK)),
        Arguments.of("the first pod of a group may go anywhere again once its only match is removed",
            affinity(MakePod.named("p").label("app", "web"), podTerm("app", "web", ZONE)).build(), List.of(web1),
            List.of("-web-1"), Map.of("n1", OK, "n2", OK, "n3", OK)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void updatesTheCopiedStateOnly(String name, V1.Pod pod, List<V1.Pod> existing, List<String> ops,
      Map<String, String> want) {
    List<NodeInfo> infos = NodeInfos.of(NODES, existing);
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(infos));
    InterPodAffinity p = new InterPodAffinity();
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
  void withoutItsPreFilterStateAnUpdateIsAnError() {
    V1.Pod pod = MakePod.named("p").build();
    NodeInfo n1 = new NodeInfo(NODES.get(0), List.of());
    Status s = new InterPodAffinity().removePod(new CycleState(), pod, pod, n1);
    assertEquals(Code.ERROR, s.code());
    assertEquals("reading \"PreFilterInterPodAffinity\" from cycleState: not found", s.message());
  }

  private static Map<String, String> filter(InterPodAffinity p, CycleState state, V1.Pod pod, List<NodeInfo> infos) {
    Map<String, String> got = new LinkedHashMap<>();
    for (NodeInfo n : infos) {
      got.put(n.name(), p.filter(state, pod, n).message());
    }
    return got;
  }
}
