package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.apiserver.registry.CoreKindsValidationTest.claim;
import static windlass.apiserver.registry.CoreKindsValidationTest.meta;
import static windlass.apiserver.registry.CoreKindsValidationTest.q;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;

/** What updates of the core kinds may not change, refused with upstream's wording. */
class CoreKindsUpdateTest extends RegistryTestBase {
  @Test
  void anImmutableConfigMapKeepsItsDataAndStaysImmutable() {
    V1.ConfigMap cm = (V1.ConfigMap) registry.create(Kinds.CONFIG_MAP, "default", V1.ConfigMap.newBuilder()
        .setMetadata(meta("cfg")).putData("a", "1").setImmutable(true).build(), false);
    V1.ConfigMap changed = cm.toBuilder().putData("a", "2").setImmutable(false).build();
    ApiException e = fails(() -> registry.update(Kinds.CONFIG_MAP, "default", changed, false));
    assertEquals("ConfigMap \"cfg\" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, "
        + "data: Forbidden: field is immutable when `immutable` is set]", e.getMessage());
    V1.ConfigMap relabelled = cm.toBuilder().setMetadata(cm.getMetadata().toBuilder().putLabels("x", "y")).build();
    registry.update(Kinds.CONFIG_MAP, "default", relabelled, false); // metadata may still change
  }

  @Test
  void aSecretKeepsItsType() {
    V1.Secret s = (V1.Secret) registry.create(Kinds.SECRET, "default", V1.Secret.newBuilder().setMetadata(meta("s"))
        .putData("k", ByteString.copyFromUtf8("v")).build(), false);
    ApiException e = fails(() -> registry.update(Kinds.SECRET, "default",
        s.toBuilder().setType("kubernetes.io/basic-auth").putData("username", ByteString.EMPTY).build(), false));
    assertEquals("Secret \"s\" is invalid: type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
        e.getMessage());
  }

  @Test
  void aServiceKeepsItsClusterIp() {
    V1.Service svc = (V1.Service) registry.create(Kinds.SERVICE, "default", Objects.service("web", 80), false);
    V1.Service.Builder b = svc.toBuilder();
    b.getSpecBuilder().setClusterIP("10.96.0.99").clearClusterIPs().addClusterIPs("10.96.0.99");
    ApiException e = fails(() -> registry.update(Kinds.SERVICE, "default", b.build(), false));
    assertEquals("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.99\"}: may not "
        + "change once set", e.getMessage());
  }

  @Test
  void aServiceTurnedNodePortGetsANodePortAndMayNotTakeAnAllocatedOne() {
    V1.Service.Builder np = Objects.service("np", 80).toBuilder();
    np.getSpecBuilder().setType("NodePort");
    int taken = ((V1.Service) registry.create(Kinds.SERVICE, "default", np.build(), false)).getSpec().getPorts(0)
        .getNodePort();
    V1.Service web = (V1.Service) registry.create(Kinds.SERVICE, "default", Objects.service("web", 80), false);
    V1.Service.Builder b = web.toBuilder();
    b.getSpecBuilder().setType("NodePort");
    V1.Service updated = (V1.Service) registry.update(Kinds.SERVICE, "default", b.build(), false);
    int port = updated.getSpec().getPorts(0).getNodePort();
    assertEquals(true, port >= 30000 && port <= 32767 && port != taken, "node port " + port);
    V1.Service.Builder clash = updated.toBuilder();
    clash.getSpecBuilder().setPorts(0, updated.getSpec().getPorts(0).toBuilder().setNodePort(taken));
    ApiException e = fails(() -> registry.update(Kinds.SERVICE, "default", clash.build(), false));
    assertEquals("Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: " + taken + ": provided port is "
        + "already allocated", e.getMessage());
    V1.Service.Builder dup = Objects.service("dup", 80).toBuilder();
    dup.getSpecBuilder().setType("NodePort").setPorts(0, V1.ServicePort.newBuilder().setPort(80).setNodePort(taken));
    assertEquals("Service \"dup\" is invalid: spec.ports[0].nodePort: Invalid value: " + taken + ": provided port is "
        + "already allocated", fails(() -> registry.create(Kinds.SERVICE, "default", dup.build(), false)).getMessage());
  }

  @Test
  void podsMayNotAddOrRenameContainers() {
    V1.Pod p = (V1.Pod) registry.create(Kinds.POD, "default", Objects.pod("web", "nginx:1"), false);
    V1.Pod.Builder more = p.toBuilder();
    more.getSpecBuilder().addContainers(V1.Container.newBuilder().setName("side").setImage("busybox"));
    assertEquals("Pod \"web\" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers",
        fails(() -> registry.update(Kinds.POD, "default", more.build(), false)).getMessage());
    V1.Pod.Builder renamed = p.toBuilder();
    renamed.getSpecBuilder().setContainers(0, p.getSpec().getContainers(0).toBuilder().setName("other"));
    String m = fails(() -> registry.update(Kinds.POD, "default", renamed.build(), false)).getMessage();
    assertEquals("Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than "
        + "`spec.containers[*].image`", m.substring(0, m.indexOf(',')));
  }

  @Test
  void aClaimsSpecIsImmutable() {
    V1.PersistentVolumeClaim c = (V1.PersistentVolumeClaim) registry.create(Kinds.PERSISTENT_VOLUME_CLAIM, "default",
        claim("data", "1Gi"), false);
    assertEquals("Pending", c.getStatus().getPhase());
    V1.PersistentVolumeClaim.Builder b = c.toBuilder();
    b.getSpecBuilder().getResourcesBuilder().putRequests("storage", q("2Gi"));
    assertEquals("PersistentVolumeClaim \"data\" is invalid: spec: Forbidden: spec is immutable after creation except "
        + "resources.requests and volumeAttributesClassName for bound claims",
        fails(() -> registry.update(Kinds.PERSISTENT_VOLUME_CLAIM, "default", b.build(), false)).getMessage());
  }
}
