package windlass.scheduler.plugins.nodeaffinity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.scheduler.testing.Affinities.expr;
import static windlass.scheduler.testing.Affinities.fieldTerm;
import static windlass.scheduler.testing.Affinities.term;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.framework.Code;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class NodeAffinityTest {
  private static MakePod required(V1.NodeSelectorTerm... terms) {
    return MakePod.named("p").spec(s -> s.getAffinityBuilder().getNodeAffinityBuilder()
        .getRequiredDuringSchedulingIgnoredDuringExecutionBuilder().addAllNodeSelectorTerms(List.of(terms)));
  }

  private static final V1.Node ZONE_A = MakeNode.named("node-a").label("zone", "a").label("cores", "8").build();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no selector fits any node", MakePod.named("p").build(), ZONE_A, true),
        Arguments.of("nodeSelector matches", MakePod.named("p").nodeSelector("zone", "a").build(), ZONE_A, true),
        Arguments.of("nodeSelector with another value", MakePod.named("p").nodeSelector("zone", "b").build(), ZONE_A,
            false),
        Arguments.of("nodeSelector needs every label",
            MakePod.named("p").nodeSelector("zone", "a").nodeSelector("disk", "ssd").build(), ZONE_A, false),
        Arguments.of("In", required(term(expr("zone", "In", "a", "b"))).build(), ZONE_A, true),
        Arguments.of("NotIn", required(term(expr("zone", "NotIn", "a"))).build(), ZONE_A, false),
        Arguments.of("NotIn on a missing label matches", required(term(expr("disk", "NotIn", "hdd"))).build(),
            ZONE_A, true),
        Arguments.of("Exists", required(term(expr("zone", "Exists"))).build(), ZONE_A, true),
        Arguments.of("DoesNotExist", required(term(expr("zone", "DoesNotExist"))).build(), ZONE_A, false),
        Arguments.of("Gt", required(term(expr("cores", "Gt", "4"))).build(), ZONE_A, true),
        Arguments.of("Lt", required(term(expr("cores", "Lt", "4"))).build(), ZONE_A, false),
        Arguments.of("Gt with a non-integer value matches nothing", required(term(expr("zone", "Gt", "4"))).build(),
            ZONE_A, false),
        Arguments.of("expressions in one term are ANDed",
            required(term(expr("zone", "In", "a"), expr("cores", "Lt", "4"))).build(), ZONE_A, false),
        Arguments.of("terms are ORed",
            required(term(expr("zone", "In", "b")), term(expr("cores", "Gt", "4"))).build(), ZONE_A, true),
        Arguments.of("an empty term matches nothing", required(V1.NodeSelectorTerm.getDefaultInstance()).build(),
            ZONE_A, false),
        Arguments.of("matchFields metadata.name In",
            required(fieldTerm(expr("metadata.name", "In", "node-a"))).build(), ZONE_A, true),
        Arguments.of("matchFields metadata.name NotIn",
            required(fieldTerm(expr("metadata.name", "NotIn", "node-a"))).build(), ZONE_A, false),
        Arguments.of("nodeSelector and affinity must both match",
            required(term(expr("zone", "In", "a"))).nodeSelector("zone", "b").build(), ZONE_A, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(String name, V1.Pod pod, V1.Node node, boolean fits) {
    NodeAffinity p = new NodeAffinity();
    CycleState state = new CycleState();
    var pre = p.preFilter(state, pod);
    if (pre.isSkip()) {
      assertEquals(true, fits, "a skipped filter lets every node pass");
      return;
    }
    var got = p.filter(state, pod, new NodeInfo(node, List.of()));
    if (fits) {
      assertEquals(Code.SUCCESS, got.code());
    } else {
      assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, got.code());
      assertEquals(List.of("node(s) didn't match Pod's node affinity/selector"), got.reasons());
    }
  }

  @Test
  void scoresPreferredTermsByWeightNormalizedToTheBest() {
    V1.Pod pod = MakePod.named("p").spec(s -> s.getAffinityBuilder().getNodeAffinityBuilder()
        .addPreferredDuringSchedulingIgnoredDuringExecution(V1.PreferredSchedulingTerm.newBuilder().setWeight(2)
            .setPreference(term(expr("zone", "In", "a"))))
        .addPreferredDuringSchedulingIgnoredDuringExecution(V1.PreferredSchedulingTerm.newBuilder().setWeight(6)
            .setPreference(term(expr("disk", "In", "ssd"))))).build();
    NodeAffinity p = new NodeAffinity();
    List<NodeInfo> nodes = new ArrayList<>();
    for (V1.Node n : List.of(MakeNode.named("a").label("zone", "a").build(),
        MakeNode.named("ssd").label("disk", "ssd").build(),
        MakeNode.named("both").label("zone", "a").label("disk", "ssd").build(), MakeNode.named("none").build())) {
      nodes.add(new NodeInfo(n, List.of()));
    }
    long[] scores = new long[nodes.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = p.score(new CycleState(), pod, nodes.get(i));
    }
    assertArrayEquals(new long[] {2, 6, 8, 0}, scores, "a, ssd, both, none");
    p.normalize(new CycleState(), pod, nodes, scores);
    assertArrayEquals(new long[] {25, 75, 100, 0}, scores, "a, ssd, both, none");
  }

  @Test
  void skipsScoringPodsWithoutPreferredTerms() {
    assertEquals(Code.SKIP, new NodeAffinity().preScore(new CycleState(), MakePod.named("p").build(), List.of())
        .code());
  }
}
