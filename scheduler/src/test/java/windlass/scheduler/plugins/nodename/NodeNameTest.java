package windlass.scheduler.plugins.nodename;

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

class NodeNameTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no node name asked", MakePod.named("p").build(), Status.success()),
        Arguments.of("this node asked", MakePod.named("p").node("n1").build(), Status.success()),
        Arguments.of("another node asked", MakePod.named("p").node("n2").build(),
            Status.unresolvable("node(s) didn't match the requested node name")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(String name, V1.Pod pod, Status want) {
    Status got = new NodeName().filter(new CycleState(), pod,
        new NodeInfo(MakeNode.named("n1").build(), List.of()));
    assertEquals(want.code(), got.code());
    assertEquals(want.reasons(), got.reasons());
  }
}
