package windlass.scheduler.plugins.defaultpreemption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.testing.Affinities;
import windlass.scheduler.testing.MakePod;

class PdbViolationsTest {
  static V1Policy.PodDisruptionBudget pdb(String namespace, Meta.LabelSelector selector, int allowed,
      String... disrupted) {
    V1Policy.PodDisruptionBudget.Builder b = V1Policy.PodDisruptionBudget.newBuilder();
    b.getMetadataBuilder().setName("pdb").setNamespace(namespace);
    if (selector != null) {
      b.getSpecBuilder().setSelector(selector);
    }
    b.getStatusBuilder().setDisruptionsAllowed(allowed);
    for (String d : disrupted) {
      b.getStatusBuilder().putDisruptedPods(d, Meta.Time.newBuilder().setSeconds(1).build());
    }
    return b.build();
  }

  private static V1.Pod web(String name) {
    return MakePod.named(name).label("app", "web").build();
  }

  static Stream<Arguments> cases() {
    Meta.LabelSelector app = Affinities.labels("app", "web");
    List<V1.Pod> three = List.of(web("w1"), web("w2"), web("w3"));
    return Stream.of(
        Arguments.of("no budget: nothing violates", three, List.of(), List.of()),
        Arguments.of("the budget's allowance is used up in order: the pods after it violate", three,
            List.of(pdb("default", app, 1)), List.of("w2", "w3")),
        Arguments.of("an allowance of 0 makes every matching pod violate", three, List.of(pdb("default", app, 0)),
            List.of("w1", "w2", "w3")),
        Arguments.of("a budget in another namespace does not count", three, List.of(pdb("other", app, 0)),
            List.of()),
        Arguments.of("a budget whose selector does not match does not count", three,
            List.of(pdb("default", Affinities.labels("app", "db"), 0)), List.of()),
        Arguments.of("an empty selector matches nothing", three,
            List.of(pdb("default", Meta.LabelSelector.getDefaultInstance(), 0)), List.of()),
        Arguments.of("no selector matches nothing", three, List.of(pdb("default", null, 0)), List.of()),
        Arguments.of("a pod without labels matches no budget", List.of(MakePod.named("bare").build()),
            List.of(pdb("default", Meta.LabelSelector.newBuilder().addMatchExpressions(
                Meta.LabelSelectorRequirement.newBuilder().setKey("app").setOperator("DoesNotExist")).build(), 0)),
            List.of()),
        Arguments.of("a pod in status.disruptedPods is not counted again", three,
            List.of(pdb("default", app, 1, "w1")), List.of("w3")),
        Arguments.of("a pod violates when any of its budgets goes below zero", three,
            List.of(pdb("default", app, 5), pdb("default", Affinities.labels("app", "web"), 2)), List.of("w3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splitsThePodsThatWouldViolateABudget(String name, List<V1.Pod> pods,
      List<V1Policy.PodDisruptionBudget> pdbs, List<String> violating) {
    PdbViolations.Split s = PdbViolations.split(pods, pdbs);
    assertEquals(violating, s.violating().stream().map(p -> p.getMetadata().getName()).toList());
    assertEquals(pods.size(), s.violating().size() + s.nonViolating().size());
  }
}
