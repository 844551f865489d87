package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.apiserver.registry.CoreKindsValidationTest.meta;
import static windlass.apiserver.registry.CoreKindsValidationTest.q;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;

/** ServiceAccount, LimitRanger and ResourceQuota admission, with upstream's wording, and quota usage. */
class AdmissionTest extends RegistryTestBase {
  private static V1.Pod podWith(String name, V1.ResourceRequirements r) {
    V1.Pod.Builder b = Objects.pod(name, "nginx:1").toBuilder();
    b.getSpecBuilder().setContainers(0, b.getSpec().getContainers(0).toBuilder().setResources(r));
    return b.build();
  }

  private V1.ResourceQuota quota() {
    return (V1.ResourceQuota) registry.get(Kinds.RESOURCE_QUOTA, "default", "q");
  }

  @Test
  void podsRunAsTheDefaultServiceAccountAndNeedTheirAccountToExist() {
    registry.create(Kinds.SERVICE_ACCOUNT, "default", V1.ServiceAccount.newBuilder().setMetadata(meta("builder"))
        .addImagePullSecrets(V1.LocalObjectReference.newBuilder().setName("regcred")).build(), false);
    V1.Pod p = (V1.Pod) registry.create(Kinds.POD, "default", Objects.pod("web", "nginx"), false);
    assertEquals("default", p.getSpec().getServiceAccountName());
    V1.Pod.Builder b = Objects.pod("build", "nginx").toBuilder();
    b.getSpecBuilder().setServiceAccountName("builder");
    assertEquals("regcred", ((V1.Pod) registry.create(Kinds.POD, "default", b.build(), false)).getSpec()
        .getImagePullSecrets(0).getName(), "the account's pull secrets are copied");
    V1.Pod.Builder missing = Objects.pod("x", "nginx").toBuilder();
    missing.getSpecBuilder().setServiceAccountName("sa");
    ApiException e = fails(() -> registry.create(Kinds.POD, "default", missing.build(), false));
    assertEquals(Code.PERMISSION_DENIED, e.code());
    assertEquals("pods \"x\" is forbidden: error looking up service account default/sa: serviceaccount \"sa\" not "
        + "found", e.getMessage());
  }

  @Test
  void limitRangesFillDefaultsAndRefuseWhatIsOutOfBounds() {
    registry.create(Kinds.LIMIT_RANGE, "default", V1.LimitRange.newBuilder().setMetadata(meta("limits"))
        .setSpec(V1.LimitRangeSpec.newBuilder().addLimits(V1.LimitRangeItem.newBuilder().setType("Container")
            .putDefault("cpu", q("500m")).putDefaultRequest("cpu", q("100m")).putMax("cpu", q("1"))
            .putMin("memory", q("32Mi")).putDefaultRequest("memory", q("64Mi")))).build(), false);
    V1.Pod p = (V1.Pod) registry.create(Kinds.POD, "default", Objects.pod("web", "nginx"), false);
    V1.ResourceRequirements r = p.getSpec().getContainers(0).getResources();
    assertEquals("100m", r.getRequestsOrThrow("cpu").getString());
    assertEquals("500m", r.getLimitsOrThrow("cpu").getString());
    assertEquals("64Mi", r.getRequestsOrThrow("memory").getString());
    assertEquals("LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app",
        p.getMetadata().getAnnotationsOrThrow("kubernetes.io/limit-ranger"));
    ApiException big = fails(() -> registry.create(Kinds.POD, "default", podWith("big",
        V1.ResourceRequirements.newBuilder().putLimits("cpu", q("2000m")).build()), false));
    assertEquals("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2", big.getMessage());
    ApiException both = fails(() -> registry.create(Kinds.POD, "default", podWith("small",
        V1.ResourceRequirements.newBuilder().putLimits("cpu", q("2")).putRequests("memory", q("1Mi")).build()),
        false));
    assertEquals("pods \"small\" is forbidden: [minimum memory usage per Container is 32Mi, but request is 1Mi, "
        + "maximum cpu usage per Container is 1, but limit is 2]", both.getMessage());
  }

  @Test
  void aQuotaRefusesWhatWouldExceedItAndKeepsUsageCurrent() {
    registry.create(Kinds.RESOURCE_QUOTA, "default", V1.ResourceQuota.newBuilder().setMetadata(meta("q"))
        .setSpec(V1.ResourceQuotaSpec.newBuilder().putHard("pods", q("2")).putHard("configmaps", q("5"))).build(),
        false);
    assertEquals(Map.of("pods", "0", "configmaps", "0"), used(quota()));
    assertEquals("2", quota().getStatus().getHardOrThrow("pods").getString());
    registry.create(Kinds.POD, "default", Objects.pod("a", "nginx"), false);
    registry.create(Kinds.POD, "default", Objects.pod("b", "nginx"), false);
    registry.create(Kinds.CONFIG_MAP, "default", V1.ConfigMap.newBuilder().setMetadata(meta("c")).build(), false);
    assertEquals(Map.of("pods", "2", "configmaps", "1"), used(quota()));
    ApiException e = fails(() -> registry.create(Kinds.POD, "default", Objects.pod("x", "nginx"), false));
    assertEquals(Code.PERMISSION_DENIED, e.code());
    assertEquals("pods \"x\" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2",
        e.getMessage());
    registry.delete(Kinds.POD, "default", "a", DeleteOptions.DEFAULT);
    assertEquals("1", used(quota()).get("pods"), "usage drops when a pod goes");
    registry.create(Kinds.POD, "default", Objects.pod("x", "nginx"), false);
    assertEquals("2", used(quota()).get("pods"));
  }

  @Test
  void aComputeQuotaCountsRequestsAndWantsThemSpecified() {
    registry.create(Kinds.RESOURCE_QUOTA, "default", V1.ResourceQuota.newBuilder().setMetadata(meta("q"))
        .setSpec(V1.ResourceQuotaSpec.newBuilder().putHard("requests.cpu", q("1")).putHard("limits.memory",
            q("1Gi"))).build(), false);
    ApiException none = fails(() -> registry.create(Kinds.POD, "default", Objects.pod("bare", "nginx"), false));
    assertEquals("pods \"bare\" is forbidden: failed quota: q: must specify limits.memory for: app; requests.cpu for: "
        + "app", none.getMessage());
    V1.ResourceRequirements r = V1.ResourceRequirements.newBuilder().putRequests("cpu", q("600m"))
        .putLimits("memory", q("512Mi")).build();
    registry.create(Kinds.POD, "default", podWith("a", r), false);
    assertEquals(Map.of("requests.cpu", "600m", "limits.memory", "512Mi"), used(quota()));
    ApiException over = fails(() -> registry.create(Kinds.POD, "default", podWith("b", r), false));
    assertEquals("pods \"b\" is forbidden: exceeded quota: q, requested: requests.cpu=600m, used: requests.cpu=600m, "
        + "limited: requests.cpu=1", over.getMessage());
  }

  private static Map<String, String> used(V1.ResourceQuota q) {
    Map<String, String> out = new java.util.TreeMap<>();
    q.getStatus().getUsedMap().forEach((k, v) -> out.put(k, v.getString()));
    return out;
  }
}
