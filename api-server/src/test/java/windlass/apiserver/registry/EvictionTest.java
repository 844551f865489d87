package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.apiserver.registry.CoreKindsValidationTest.pdb;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;

/** The pod eviction subresource against PodDisruptionBudgets. */
class EvictionTest extends RegistryTestBase {
  private static final V1Policy.Eviction EVICT = V1Policy.Eviction.getDefaultInstance();

  private void runningReadyPod(String name) {
    registry.create(Kinds.POD, "default", Objects.pod(name, Map.of("app", "web")), false);
    V1.Pod p = (V1.Pod) registry.get(Kinds.POD, "default", name);
    registry.updateStatus(Kinds.POD, "default", p.toBuilder().setStatus(p.getStatus().toBuilder().setPhase("Running")
        .addConditions(V1.PodCondition.newBuilder().setType("Ready").setStatus("True"))).build(), false);
  }

  private V1Policy.PodDisruptionBudget budget() {
    return (V1Policy.PodDisruptionBudget) registry.get(Kinds.POD_DISRUPTION_BUDGET, "default", "web");
  }

  @Test
  void evictionsStopWhereTheBudgetWouldBeViolated() {
    runningReadyPod("a");
    runningReadyPod("b");
    runningReadyPod("c");
    registry.create(Kinds.POD_DISRUPTION_BUDGET, "default",
        pdb("web", IntOrString.newBuilder().setType(0).setIntVal(2).build()), false);
    assertEquals(1, budget().getStatus().getDisruptionsAllowed());
    assertEquals(3, budget().getStatus().getCurrentHealthy());

    Meta.Status ok = registry.evict("default", "a", EVICT, false);
    assertEquals("Success", ok.getStatus());
    assertEquals(201, ok.getCode());
    assertEquals(Code.NOT_FOUND, fails(() -> registry.get(Kinds.POD, "default", "a")).code(), "the pod is deleted");
    assertEquals(0, budget().getStatus().getDisruptionsAllowed());

    ApiException e = fails(() -> registry.evict("default", "b", EVICT, false));
    assertEquals(Code.RESOURCE_EXHAUSTED, e.code());
    assertEquals(429, e.status().getCode());
    assertEquals("TooManyRequests", e.reason());
    assertEquals("Cannot evict pod as it would violate the pod's disruption budget.", e.getMessage());
    assertEquals("The disruption budget web needs 2 healthy pods and has 2 currently", e.causes().get(0).getMessage());
    registry.get(Kinds.POD, "default", "b"); // still there

    runningReadyPod("d");
    assertEquals(1, budget().getStatus().getDisruptionsAllowed(), "a new ready pod gives a disruption back");
    registry.evict("default", "b", EVICT, false);
  }

  @Test
  void aMaxUnavailableBudgetOverPodsWithoutAControllerAllowsNothing() {
    runningReadyPod("a");
    runningReadyPod("b");
    registry.create(Kinds.POD_DISRUPTION_BUDGET, "default", pdb("web", IntOrString.getDefaultInstance()).toBuilder()
        .setSpec(pdb("web", IntOrString.getDefaultInstance()).getSpec().toBuilder().clearMinAvailable()
            .setMaxUnavailable(IntOrString.newBuilder().setType(0).setIntVal(1))).build(), false);
    assertEquals(0, budget().getStatus().getDisruptionsAllowed(), "upstream cannot scale bare pods: failsafe");
    assertEquals(Code.RESOURCE_EXHAUSTED, fails(() -> registry.evict("default", "a", EVICT, false)).code());
  }

  @Test
  void podsThatAreNotRunningGoRegardlessOfTheBudget() {
    registry.create(Kinds.POD, "default", Objects.pod("pending", Map.of("app", "web")), false);
    registry.create(Kinds.POD_DISRUPTION_BUDGET, "default",
        pdb("web", IntOrString.newBuilder().setType(0).setIntVal(5).build()), false);
    registry.evict("default", "pending", EVICT, false);
    assertEquals(Code.NOT_FOUND, fails(() -> registry.get(Kinds.POD, "default", "pending")).code());
  }

  @Test
  void theEvictionsDeleteOptionsApplyAndDryRunKeepsThePod() {
    runningReadyPod("a");
    registry.bind("default", "a", V1.Binding.newBuilder().setTarget(V1.ObjectReference.newBuilder().setName("n1"))
        .build(), false);
    registry.evict("default", "a", EVICT, true);
    assertEquals(false, ((V1.Pod) registry.get(Kinds.POD, "default", "a")).getMetadata().hasDeletionTimestamp());
    registry.evict("default", "a", V1Policy.Eviction.newBuilder().setDeleteOptions(Meta.DeleteOptions.newBuilder()
        .setGracePeriodSeconds(7)).build(), false);
    assertEquals(7, ((V1.Pod) registry.get(Kinds.POD, "default", "a")).getMetadata().getDeletionGracePeriodSeconds());
    assertEquals("name in URL does not match name in Eviction object", fails(() -> registry.evict("default", "a",
        V1Policy.Eviction.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("b")).build(), false))
        .getMessage());
  }
}
