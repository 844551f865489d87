package windlass.scheduler.plugins.imagelocality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class ImageLocalityTest {
  private static final long MB = 1024L * 1024;

  static Stream<Arguments> cases() {
    V1.Pod big = MakePod.named("p").image("gcr.io/big:v1").build();
    V1.Node hasBig = MakeNode.named("has").image(523 * MB, "gcr.io/big:v1").build();
    V1.Node empty = MakeNode.named("empty").build();
    return Stream.of(
        Arguments.of("no image on the node scores 0", big, empty, List.of(hasBig, empty), 0L),
        // 523 MiB on 1 of 2 nodes -> 261.5 MiB: (261.5 - 23) * 100 / (1000 - 23) = 24
        Arguments.of("an image on half the nodes counts half its size", big, hasBig, List.of(hasBig, empty), 24L),
        // 523 MiB on every node: (523 - 23) * 100 / 977 = 51
        Arguments.of("an image on every node counts fully", big, hasBig, List.of(hasBig), 51L),
        Arguments.of("an image below 23 MiB scores 0", MakePod.named("p").image("tiny:1").build(),
            MakeNode.named("n").image(10 * MB, "tiny:1").build(), List.<V1.Node>of(), 0L),
        Arguments.of("an image above 1000 MiB per container scores 100", MakePod.named("p").image("huge:1").build(),
            MakeNode.named("n").image(3000 * MB, "huge:1").build(), List.<V1.Node>of(), 100L),
        Arguments.of("an untagged image is matched as :latest", MakePod.named("p").image("nginx").build(),
            MakeNode.named("n").image(1000 * MB, "nginx:latest").build(), List.<V1.Node>of(), 100L),
        // two containers: max threshold 2000 MiB; 1000 MiB image + missing one: (1000-23)*100/(2000-23) = 49
        Arguments.of("the threshold grows with the number of containers",
            MakePod.named("p").image("a:1").image("b:1").build(), MakeNode.named("n").image(1000 * MB, "a:1").build(),
            List.<V1.Node>of(), 49L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void score(String name, V1.Pod pod, V1.Node node, List<V1.Node> all, long want) {
    List<NodeInfo> infos = (all.isEmpty() ? List.of(node) : all).stream().map(n -> new NodeInfo(n, List.of()))
        .toList();
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(infos));
    ImageLocality p = new ImageLocality();
    p.preScore(state, pod, infos);
    assertEquals(want, p.score(state, pod, new NodeInfo(node, List.of())));
  }
}
