package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static windlass.apiserver.registry.CoreKindsValidationTest.meta;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Scheduling.PriorityClass;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;

/** scheduling.k8s.io/v1 PriorityClasses and Priority admission of pods, with upstream's wording. */
class PriorityClassTest extends RegistryTestBase {
  private PriorityClass createClass(String name, int value, boolean globalDefault) {
    return (PriorityClass) registry.create(Kinds.PRIORITY_CLASS, "", PriorityClass.newBuilder()
        .setMetadata(meta(name)).setValue(value).setGlobalDefault(globalDefault).build(), false);
  }

  private V1.Pod createPod(String name, java.util.function.Consumer<V1.PodSpec.Builder> spec) {
    V1.Pod.Builder b = Objects.pod(name, "nginx").toBuilder();
    spec.accept(b.getSpecBuilder());
    return (V1.Pod) registry.create(Kinds.POD, "default", b.build(), false);
  }

  @Test
  void theBuiltInClassesExistFromTheStart() {
    PriorityClass node = (PriorityClass) registry.get(Kinds.PRIORITY_CLASS, "", "system-node-critical");
    assertEquals(2000001000, node.getValue());
    assertEquals("PreemptLowerPriority", node.getPreemptionPolicy());
    assertEquals(2000000000,
        ((PriorityClass) registry.get(Kinds.PRIORITY_CLASS, "", "system-cluster-critical")).getValue());
  }

  @Test
  void aPodGetsTheValueAndPolicyOfItsClass() {
    registry.create(Kinds.PRIORITY_CLASS, "", PriorityClass.newBuilder().setMetadata(meta("batch")).setValue(-5)
        .setPreemptionPolicy("Never").build(), false);
    V1.Pod p = createPod("job", s -> s.setPriorityClassName("batch"));
    assertEquals(-5, p.getSpec().getPriority());
    assertEquals("Never", p.getSpec().getPreemptionPolicy());
    assertEquals(2000000000, createPod("dns", s -> s.setPriorityClassName("system-cluster-critical")).getSpec()
        .getPriority());
  }

  @Test
  void aPodNamingNoClassGetsTheGlobalDefaultOrZero() {
    V1.Pod before = createPod("a", s -> {});
    assertEquals(0, before.getSpec().getPriority());
    assertEquals("", before.getSpec().getPriorityClassName());
    assertEquals("PreemptLowerPriority", before.getSpec().getPreemptionPolicy());
    createClass("normal", 100, true);
    // admission reads the classes' cache as it is, as upstream's lister; a consistent list brings it up to date
    registry.list(Kinds.PRIORITY_CLASS, ListQuery.all(""));
    V1.Pod after = createPod("b", s -> {});
    assertEquals(100, after.getSpec().getPriority());
    assertEquals("normal", after.getSpec().getPriorityClassName());
  }

  @Test
  void podsAreRefusedAnUnknownClassOrAPriorityOfTheirOwn() {
    ApiException unknown = fails(() -> createPod("x", s -> s.setPriorityClassName("gold")));
    assertEquals(Code.PERMISSION_DENIED, unknown.code());
    assertEquals("pods \"x\" is forbidden: no PriorityClass with name gold was found", unknown.getMessage());
    createClass("gold", 1000, false);
    ApiException own = fails(() -> createPod("y", s -> s.setPriorityClassName("gold").setPriority(7)));
    assertEquals("pods \"y\" is forbidden: the integer value of priority (7) must not be provided in pod spec; "
        + "priority admission controller computed 1000 from the given PriorityClass name", own.getMessage());
    ApiException policy = fails(() -> createPod("z", s -> s.setPriorityClassName("gold").setPreemptionPolicy("Never")));
    assertEquals("pods \"z\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod "
        + "spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name",
        policy.getMessage());
    assertEquals(1000, createPod("ok", s -> s.setPriorityClassName("gold").setPriority(1000)).getSpec()
        .getPriority(), "the class's own value may be repeated");
  }

  @Test
  void onlyOneClassMayBeTheGlobalDefault() {
    createClass("first", 10, true);
    ApiException e = fails(() -> createClass("second", 20, true));
    assertEquals(Code.PERMISSION_DENIED, e.code());
    assertEquals("priorityclasses.scheduling.k8s.io \"second\" is forbidden: PriorityClass first is already marked as "
        + "default. Only one default can exist", e.getMessage());
    PriorityClass other = createClass("other", 30, false);
    ApiException onUpdate = fails(() -> registry.update(Kinds.PRIORITY_CLASS, "", other.toBuilder()
        .setGlobalDefault(true).build(), false));
    assertEquals("priorityclasses.scheduling.k8s.io \"other\" is forbidden: PriorityClass first is already marked "
        + "as default. Only one default can exist", onUpdate.getMessage());
    PriorityClass first = (PriorityClass) registry.get(Kinds.PRIORITY_CLASS, "", "first");
    registry.update(Kinds.PRIORITY_CLASS, "", first.toBuilder().setDescription("still the default").build(), false);
  }

  @Test
  void validationFollowsUpstream() {
    assertEquals("PriorityClass.scheduling.k8s.io \"system-mine\" is invalid: metadata.name: Forbidden: priority "
        + "class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known "
        + "system priority class", fails(() -> createClass("system-mine", 1, false)).getMessage());
    assertEquals("PriorityClass.scheduling.k8s.io \"huge\" is invalid: value: Forbidden: maximum allowed value of a "
        + "user defined priority is 1000000000", fails(() -> createClass("huge", 1_000_000_001, false)).getMessage());
    ApiException policy = fails(() -> registry.create(Kinds.PRIORITY_CLASS, "", PriorityClass.newBuilder()
        .setMetadata(meta("p")).setValue(1).setPreemptionPolicy("Sometimes").build(), false));
    assertEquals("PriorityClass.scheduling.k8s.io \"p\" is invalid: preemptionPolicy: Unsupported value: "
        + "\"Sometimes\": supported values: \"Never\", \"PreemptLowerPriority\"", policy.getMessage());
    PriorityClass c = createClass("c", 5, false);
    assertEquals("PriorityClass.scheduling.k8s.io \"c\" is invalid: value: Forbidden: may not be changed in an "
        + "update.", fails(() -> registry.update(Kinds.PRIORITY_CLASS, "", c.toBuilder().setValue(6).build(), false))
        .getMessage());
    assertFalse(c.getGlobalDefault());
  }
}
