package windlass.scheduler.plugins.queuesort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.testing.MakePod;

class PrioritySortTest {
  private static final Instant EARLY = Instant.ofEpochSecond(100);
  private static final Instant LATE = Instant.ofEpochSecond(200);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("higher priority first, however late", MakePod.named("a").priority(10).build(), LATE,
            MakePod.named("b").priority(1).build(), EARLY, true),
        Arguments.of("lower priority later, however early", MakePod.named("a").priority(1).build(), EARLY,
            MakePod.named("b").priority(10).build(), LATE, false),
        Arguments.of("equal priority: earlier first", MakePod.named("a").build(), EARLY,
            MakePod.named("b").build(), LATE, true),
        Arguments.of("equal priority and time: not less", MakePod.named("a").build(), EARLY,
            MakePod.named("b").build(), EARLY, false),
        Arguments.of("negative priority after none", MakePod.named("a").priority(-5).build(), EARLY,
            MakePod.named("b").build(), LATE, false),
        Arguments.of("unset priority with system-node-critical class beats 1e9",
            MakePod.named("a").priorityClassName("system-node-critical").build(), LATE,
            MakePod.named("b").priority(1_000_000_000).build(), EARLY, true),
        Arguments.of("spec.priority wins over the class name",
            MakePod.named("a").priorityClassName("system-cluster-critical").priority(0).build(), EARLY,
            MakePod.named("b").priority(1).build(), LATE, false),
        Arguments.of("an unknown class counts as priority 0",
            MakePod.named("a").priorityClassName("high").build(), LATE,
            MakePod.named("b").priority(-1).build(), EARLY, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ordersByPriorityThenQueueTime(String name, V1.Pod a, Instant aTime, V1.Pod b, Instant bTime, boolean less) {
    assertEquals(less, new PrioritySort().less(a, aTime, b, bTime));
  }
}
