package windlass.scheduler.plugins.volumebinding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.framework.Code;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class VolumeBindingTest {
  /** An in-memory lister. */
  private static final class Fake implements VolumeLister {
    final Map<String, V1.PersistentVolumeClaim> claims = new HashMap<>();
    final Map<String, V1.PersistentVolume> volumes = new HashMap<>();

    @Override
    public Optional<V1.PersistentVolumeClaim> claim(String namespace, String name) {
      return Optional.ofNullable(claims.get(namespace + "/" + name));
    }

    @Override
    public Optional<V1.PersistentVolume> volume(String name) {
      return Optional.ofNullable(volumes.get(name));
    }

    Fake withClaim(String name, String volumeName) {
      claims.put("default/" + name, V1.PersistentVolumeClaim.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default"))
          .setSpec(V1.PersistentVolumeClaimSpec.newBuilder().setVolumeName(volumeName)).build());
      return this;
    }

    /** A volume usable only on nodes whose label {@code key} is one of {@code values} (none: anywhere). */
    Fake withVolume(String name, String key, String... values) {
      V1.PersistentVolumeSpec.Builder spec = V1.PersistentVolumeSpec.newBuilder();
      if (key != null) {
        spec.setNodeAffinity(V1.VolumeNodeAffinity.newBuilder().setRequired(V1.NodeSelector.newBuilder()
            .addNodeSelectorTerms(V1.NodeSelectorTerm.newBuilder().addMatchExpressions(
                V1.NodeSelectorRequirement.newBuilder().setKey(key).setOperator("In")
                    .addAllValues(List.of(values))))));
      }
      volumes.put(name, V1.PersistentVolume.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName(name))
          .setSpec(spec).build());
      return this;
    }
  }

  private static NodeInfo node(String name, String zone) {
    V1.Node n = MakeNode.named(name).allocatable("cpu", "4").build();
    n = n.toBuilder().setMetadata(n.getMetadata().toBuilder().putLabels("topology.kubernetes.io/zone", zone)).build();
    return new NodeInfo(n, List.of());
  }

  static Stream<Arguments> preFilter() {
    return Stream.of(
        Arguments.of("a pod without claims skips the plugin", new Fake(), MakePod.named("p").build(), Code.SKIP, ""),
        Arguments.of("a missing claim", new Fake(), MakePod.named("p").pvc("data").build(),
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "persistentvolumeclaim \"data\" not found"),
        Arguments.of("an unbound claim", new Fake().withClaim("data", ""), MakePod.named("p").pvc("data").build(),
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "pod has unbound immediate PersistentVolumeClaims"),
        Arguments.of("a bound claim", new Fake().withClaim("data", "pv1").withVolume("pv1", null),
            MakePod.named("p").pvc("data").build(), Code.SUCCESS, ""),
        Arguments.of("a claim bound to a volume that is gone", new Fake().withClaim("data", "pv1"),
            MakePod.named("p").pvc("data").build(), Code.ERROR,
            "pvc default/data bound to persistentvolume \"pv1\", which is not found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("preFilter")
  void preFilterChecksEveryClaim(String name, Fake lister, V1.Pod pod, Code code, String message) {
    Status s = new VolumeBinding(lister).preFilter(new CycleState(), pod);
    assertEquals(code, s.code());
    assertEquals(message, s.message());
  }

  @Test
  void filterKeepsPodsOnNodesTheirVolumesCanReach() {
    Fake lister = new Fake().withClaim("data", "pv1").withVolume("pv1", "topology.kubernetes.io/zone", "a", "b")
        .withClaim("logs", "pv2").withVolume("pv2", null);
    VolumeBinding plugin = new VolumeBinding(lister);
    V1.Pod pod = MakePod.named("p").pvc("data").pvc("logs").build();
    CycleState state = new CycleState();
    assertEquals(Code.SUCCESS, plugin.preFilter(state, pod).code());
    assertEquals(Status.success(), plugin.filter(state, pod, node("n-a", "a")));
    assertEquals(Status.success(), plugin.filter(state, pod, node("n-b", "b")));
    Status c = plugin.filter(state, pod, node("n-c", "c"));
    assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, c.code());
    assertEquals("node(s) had volume node affinity conflict", c.message());
  }

  static Stream<Arguments> requirements() {
    Map<String, String> labels = Map.of("zone", "a", "gen", "5");
    return Stream.of(
        Arguments.of("In", "zone", "In", List.of("a", "b"), true),
        Arguments.of("In, other value", "zone", "In", List.of("b"), false),
        Arguments.of("NotIn", "zone", "NotIn", List.of("b"), true),
        Arguments.of("NotIn, missing label", "rack", "NotIn", List.of("b"), true),
        Arguments.of("Exists", "zone", "Exists", List.of(), true),
        Arguments.of("DoesNotExist", "zone", "DoesNotExist", List.of(), false),
        Arguments.of("Gt", "gen", "Gt", List.of("4"), true),
        Arguments.of("Lt", "gen", "Lt", List.of("5"), false),
        Arguments.of("Gt on a non-number", "zone", "Gt", List.of("1"), false))
        .map(a -> Arguments.of(a.get()[0], labels, a.get()[1], a.get()[2], a.get()[3], a.get()[4]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requirements")
  void nodeSelectorOperatorsMatchAsUpstream(String name, Map<String, String> labels, String key, String op,
      List<String> values, boolean match) {
    V1.NodeSelectorRequirement r = V1.NodeSelectorRequirement.newBuilder().setKey(key).setOperator(op)
        .addAllValues(values).build();
    assertEquals(match, VolumeNodeAffinity.matches(r, labels));
  }
}
