package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.apiserver.registry.CoreKindsValidationTest.claim;
import static windlass.apiserver.registry.CoreKindsValidationTest.meta;
import static windlass.apiserver.registry.CoreKindsValidationTest.q;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.List;
import org.junit.jupiter.api.Test;
import windlass.client.Kinds;

/** Defaults of the core/v1 and policy/v1 kinds as upstream fills them. */
class CoreKindsDefaultingTest extends RegistryTestBase {
  @Test
  void secretsAreOpaqueAndFoldStringDataIntoData() {
    V1.Secret s = (V1.Secret) registry.create(Kinds.SECRET, "default", V1.Secret.newBuilder().setMetadata(meta("s"))
        .putStringData("password", "hunter2").build(), false);
    assertEquals("Opaque", s.getType());
    assertEquals("hunter2", s.getDataOrThrow("password").toStringUtf8());
    assertEquals(0, s.getStringDataCount());
  }

  @Test
  void volumesAndClaimsGetUpstreamDefaults() {
    V1.PersistentVolume pv = (V1.PersistentVolume) registry.create(Kinds.PERSISTENT_VOLUME, "", V1.PersistentVolume
        .newBuilder().setMetadata(meta("pv1")).setSpec(V1.PersistentVolumeSpec.newBuilder()
            .addAccessModes("ReadWriteOnce").putCapacity("storage", q("1Gi"))
            .setPersistentVolumeSource(V1.PersistentVolumeSource.newBuilder()
                .setHostPath(V1.HostPathVolumeSource.newBuilder().setPath("/data")))).build(), false);
    assertEquals("Retain", pv.getSpec().getPersistentVolumeReclaimPolicy());
    assertEquals("Filesystem", pv.getSpec().getVolumeMode());
    assertEquals("Pending", pv.getStatus().getPhase());
    assertEquals("", pv.getMetadata().getNamespace(), "cluster-scoped");
    V1.PersistentVolumeClaim c = (V1.PersistentVolumeClaim) registry.create(Kinds.PERSISTENT_VOLUME_CLAIM, "default",
        claim("data", "1Gi"), false);
    assertEquals("Filesystem", c.getSpec().getVolumeMode());
    assertEquals("Pending", c.getStatus().getPhase());
  }

  @Test
  void endpointPortsDefaultToTcp() {
    V1.Endpoints ep = (V1.Endpoints) registry.create(Kinds.ENDPOINTS, "default", V1.Endpoints.newBuilder()
        .setMetadata(meta("web")).addSubsets(V1.EndpointSubset.newBuilder()
            .addAddresses(V1.EndpointAddress.newBuilder().setIp("10.244.0.5"))
            .addPorts(V1.EndpointPort.newBuilder().setPort(8080))).build(), false);
    assertEquals("TCP", ep.getSubsets(0).getPorts(0).getProtocol());
  }

  @Test
  void containerLimitRangesDefaultTheirLimitToMaxAndRequestToIt() {
    V1.LimitRange lr = (V1.LimitRange) registry.create(Kinds.LIMIT_RANGE, "default", V1.LimitRange.newBuilder()
        .setMetadata(meta("limits")).setSpec(V1.LimitRangeSpec.newBuilder().addLimits(V1.LimitRangeItem.newBuilder()
            .setType("Container").putMax("cpu", q("1")).putMin("memory", q("64Mi")))).build(), false);
    V1.LimitRangeItem it = lr.getSpec().getLimits(0);
    assertEquals("1", it.getDefaultOrThrow("cpu").getString());
    assertEquals("1", it.getDefaultRequestOrThrow("cpu").getString());
    assertEquals("64Mi", it.getDefaultRequestOrThrow("memory").getString());
  }

  @Test
  void budgetsWithoutBoundsKeepOnePodAndTrackGeneration() {
    V1Policy.PodDisruptionBudget b = (V1Policy.PodDisruptionBudget) registry.create(Kinds.POD_DISRUPTION_BUDGET,
        "default", V1Policy.PodDisruptionBudget.newBuilder().setMetadata(meta("web")).setSpec(
            V1Policy.PodDisruptionBudgetSpec.newBuilder().setSelector(Meta.LabelSelector.newBuilder()
                .putMatchLabels("app", "web"))).build(), false);
    assertEquals(IntOrString.newBuilder().setType(0).setIntVal(1).build(), b.getSpec().getMinAvailable());
    assertEquals(1, b.getMetadata().getGeneration());
    V1Policy.PodDisruptionBudget stored = (V1Policy.PodDisruptionBudget) registry.get(Kinds.POD_DISRUPTION_BUDGET,
        "default", "web");
    assertEquals(1, stored.getStatus().getObservedGeneration(), "status is computed at once");
    assertEquals(0, stored.getStatus().getExpectedPods());
  }

  @Test
  void everyNamespaceGetsADefaultServiceAccount() {
    registry.create(Kinds.NAMESPACE, "", Objects.namespace("team"), false);
    assertEquals("default", windlass.client.ObjectMetas.of(registry.get(Kinds.SERVICE_ACCOUNT, "team", "default"))
        .getName());
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      registry.get(Kinds.SERVICE_ACCOUNT, ns, "default");
    }
    registry.delete(Kinds.SERVICE_ACCOUNT, "team", "default", DeleteOptions.DEFAULT);
    registry.get(Kinds.SERVICE_ACCOUNT, "team", "default"); // put back, as upstream's controller does
  }
}
