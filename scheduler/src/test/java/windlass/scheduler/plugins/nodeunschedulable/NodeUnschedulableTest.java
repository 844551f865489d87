package windlass.scheduler.plugins.nodeunschedulable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class NodeUnschedulableTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("schedulable node", MakePod.named("p").build(), MakeNode.named("n").build(), Status.success()),
        Arguments.of("cordoned node", MakePod.named("p").build(), MakeNode.named("n").unschedulable().build(),
            Status.unresolvable("node(s) were unschedulable")),
        Arguments.of("pod tolerates the unschedulable taint",
            MakePod.named("p").toleration("node.kubernetes.io/unschedulable", "Exists", "", "NoSchedule").build(),
            MakeNode.named("n").unschedulable().build(), Status.success()),
        Arguments.of("pod tolerates everything", MakePod.named("p").toleration("", "Exists", "", "").build(),
            MakeNode.named("n").unschedulable().build(), Status.success()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(String name, V1.Pod pod, V1.Node node, Status want) {
    Status got = new NodeUnschedulable().filter(new CycleState(), pod, new NodeInfo(node, List.of()));
    assertEquals(want.code(), got.code());
    assertEquals(want.reasons(), got.reasons());
  }
}
