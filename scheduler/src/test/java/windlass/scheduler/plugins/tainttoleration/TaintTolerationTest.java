package windlass.scheduler.plugins.tainttoleration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class TaintTolerationTest {
  private static final String CP = "node-role.kubernetes.io/control-plane";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no taints", MakePod.named("p").build(), MakeNode.named("n").build(), null),
        Arguments.of("control-plane NoSchedule taint, not tolerated", MakePod.named("p").build(),
            MakeNode.named("n").taint(CP, "", "NoSchedule").build(),
            "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"),
        Arguments.of("NoExecute taint with a value, not tolerated", MakePod.named("p").build(),
            MakeNode.named("n").taint("dedicated", "gpu", "NoExecute").build(),
            "node(s) had untolerated taint {dedicated: gpu}"),
        Arguments.of("PreferNoSchedule never filters", MakePod.named("p").build(),
            MakeNode.named("n").taint("soft", "x", "PreferNoSchedule").build(), null),
        Arguments.of("tolerated with Exists", MakePod.named("p").toleration(CP, "Exists", "", "NoSchedule").build(),
            MakeNode.named("n").taint(CP, "", "NoSchedule").build(), null),
        Arguments.of("tolerated with Equal and value",
            MakePod.named("p").toleration("dedicated", "Equal", "gpu", "").build(),
            MakeNode.named("n").taint("dedicated", "gpu", "NoSchedule").build(), null),
        Arguments.of("Equal with another value does not tolerate",
            MakePod.named("p").toleration("dedicated", "Equal", "cpu", "NoSchedule").build(),
            MakeNode.named("n").taint("dedicated", "gpu", "NoSchedule").build(),
            "node(s) had untolerated taint {dedicated: gpu}"),
        Arguments.of("toleration for another effect does not tolerate",
            MakePod.named("p").toleration("dedicated", "Exists", "", "NoExecute").build(),
            MakeNode.named("n").taint("dedicated", "gpu", "NoSchedule").build(),
            "node(s) had untolerated taint {dedicated: gpu}"),
        Arguments.of("the first untolerated taint is named",
            MakePod.named("p").toleration("a", "Exists", "", "").build(),
            MakeNode.named("n").taint("a", "1", "NoSchedule").taint("b", "2", "NoSchedule")
                .taint("c", "3", "NoSchedule").build(),
            "node(s) had untolerated taint {b: 2}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(String name, V1.Pod pod, V1.Node node, String wantReason) {
    var got = new TaintToleration().filter(new CycleState(), pod, new NodeInfo(node, List.of()));
    if (wantReason == null) {
      assertEquals(Code.SUCCESS, got.code());
    } else {
      assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, got.code());
      assertEquals(List.of(wantReason), got.reasons());
    }
  }

  @Test
  void scoresFewerUntoleratedPreferNoScheduleTaintsHigher() {
    TaintToleration p = new TaintToleration();
    V1.Pod pod = MakePod.named("p").toleration("tolerated", "Exists", "", "PreferNoSchedule").build();
    List<NodeInfo> nodes = List.of(new NodeInfo(MakeNode.named("clean").build(), List.of()),
        new NodeInfo(MakeNode.named("tolerated").taint("tolerated", "", "PreferNoSchedule").build(), List.of()),
        new NodeInfo(MakeNode.named("one").taint("x", "", "PreferNoSchedule").build(), List.of()),
        new NodeInfo(MakeNode.named("two").taint("x", "", "PreferNoSchedule").taint("y", "", "PreferNoSchedule")
            .build(), List.of()));
    long[] scores = new long[nodes.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = p.score(null, pod, nodes.get(i));
    }
    assertArrayEquals(new long[] {0, 0, 1, 2}, scores);
    p.normalize(null, pod, nodes, scores);
    assertArrayEquals(new long[] {100, 100, 50, 0}, scores, "clean, tolerated, one, two");
  }
}
