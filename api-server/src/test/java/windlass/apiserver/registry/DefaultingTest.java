package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static windlass.apiserver.registry.Objects.deployment;
import static windlass.apiserver.registry.Objects.pod;

import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.Kinds;

/** Defaults as upstream fills them. */
class DefaultingTest extends RegistryTestBase {
  @Test
  void podsGetUpstreamDefaults() {
    V1.Pod p = (V1.Pod) registry.create(Kinds.POD, "default", pod("web", "nginx"), false);
    V1.PodSpec s = p.getSpec();
    assertEquals("Always", s.getRestartPolicy());
    assertEquals("ClusterFirst", s.getDnsPolicy());
    assertEquals(30, s.getTerminationGracePeriodSeconds());
    assertEquals("default-scheduler", s.getSchedulerName());
    assertTrue(s.getEnableServiceLinks());
    assertEquals(0, s.getPriority());
    V1.Container c = s.getContainers(0);
    assertEquals("Always", c.getImagePullPolicy(), "no tag means :latest");
    assertEquals("/dev/termination-log", c.getTerminationMessagePath());
    assertEquals("File", c.getTerminationMessagePolicy());
    assertEquals(List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"),
        s.getTolerationsList().stream().map(V1.Toleration::getKey).toList());
    assertEquals(300, s.getTolerations(0).getTolerationSeconds());
    assertEquals("Pending", p.getStatus().getPhase());
    assertEquals("BestEffort", p.getStatus().getQosClass());
  }

  @Test
  void imagePullPolicyFollowsTheTag() {
    assertEquals("Always", pullPolicyOf("nginx:latest"));
    assertEquals("IfNotPresent", pullPolicyOf("nginx:1.27"));
    assertEquals("IfNotPresent", pullPolicyOf("registry:5000/nginx@sha256:abc"));
    assertEquals("Always", pullPolicyOf("registry:5000/nginx"));
  }

  private String pullPolicyOf(String image) {
    String name = "p" + Integer.toHexString(image.hashCode() & 0xffff);
    return ((V1.Pod) registry.create(Kinds.POD, "default", pod(name, image), false)).getSpec().getContainers(0)
        .getImagePullPolicy();
  }

  @Test
  void qosClassComesFromRequestsAndLimits() {
    V1.Pod.Builder g = pod("guaranteed", "nginx:1").toBuilder();
    g.getSpecBuilder().setContainers(0, g.getSpec().getContainers(0).toBuilder().setResources(
        V1.ResourceRequirements.newBuilder().putLimits("cpu", q("500m")).putLimits("memory", q("128Mi"))));
    V1.Pod created = (V1.Pod) registry.create(Kinds.POD, "default", g.build(), false);
    assertEquals("Guaranteed", created.getStatus().getQosClass());
    assertEquals("500m", created.getSpec().getContainers(0).getResources().getRequestsOrThrow("cpu").getString(),
        "requests default to limits");
    V1.Pod.Builder b = pod("burstable", "nginx:1").toBuilder();
    b.getSpecBuilder().setContainers(0, b.getSpec().getContainers(0).toBuilder().setResources(
        V1.ResourceRequirements.newBuilder().putRequests("cpu", q("0.1"))));
    assertEquals("Burstable", ((V1.Pod) registry.create(Kinds.POD, "default", b.build(), false)).getStatus()
        .getQosClass());
  }

  private static Quantity q(String s) {
    return Quantity.newBuilder().setString(s).build();
  }

  @Test
  void deploymentsGetUpstreamDefaults() {
    V1Apps.Deployment d = (V1Apps.Deployment) registry.create(Kinds.DEPLOYMENT, "default",
        deployment("web", Map.of("app", "web")), false);
    V1Apps.DeploymentSpec s = d.getSpec();
    assertEquals(1, s.getReplicas());
    assertEquals("RollingUpdate", s.getStrategy().getType());
    assertEquals("25%", s.getStrategy().getRollingUpdate().getMaxUnavailable().getStrVal());
    assertEquals("25%", s.getStrategy().getRollingUpdate().getMaxSurge().getStrVal());
    assertEquals(10, s.getRevisionHistoryLimit());
    assertEquals(600, s.getProgressDeadlineSeconds());
    assertEquals("Always", s.getTemplate().getSpec().getRestartPolicy());
    assertEquals("Always", s.getTemplate().getSpec().getContainers(0).getImagePullPolicy());
    V1Apps.ReplicaSet rs = (V1Apps.ReplicaSet) registry.create(Kinds.REPLICA_SET, "default",
        Objects.replicaSet("web-1", Map.of("app", "web"), Objects.ownedBy("apps/v1", "Deployment", d.getMetadata()))
            .toBuilder().setSpec(Objects.replicaSet("x", Map.of("app", "web"), Objects.ownedBy("apps/v1",
                "Deployment", d.getMetadata())).getSpec().toBuilder().clearReplicas()).build(), false);
    assertEquals(1, rs.getSpec().getReplicas());
    assertEquals(1, rs.getMetadata().getGeneration());
  }

  @Test
  void servicesGetAClusterIpAndDefaults() {
    V1.Service a = (V1.Service) registry.create(Kinds.SERVICE, "default", Objects.service("a", 80), false);
    V1.Service b = (V1.Service) registry.create(Kinds.SERVICE, "default", Objects.service("b", 80), false);
    assertTrue(a.getSpec().getClusterIP().startsWith("10."), a.getSpec().getClusterIP());
    assertNotEquals(a.getSpec().getClusterIP(), b.getSpec().getClusterIP());
    assertEquals(List.of(a.getSpec().getClusterIP()), a.getSpec().getClusterIPsList());
    assertEquals("ClusterIP", a.getSpec().getType());
    assertEquals("None", a.getSpec().getSessionAffinity());
    assertEquals("TCP", a.getSpec().getPorts(0).getProtocol());
    assertEquals(80, a.getSpec().getPorts(0).getTargetPort().getIntVal());
    V1.Service.Builder replace = a.toBuilder();
    replace.getSpecBuilder().clearClusterIP().clearClusterIPs().putSelector("tier", "front");
    V1.Service updated = (V1.Service) registry.update(Kinds.SERVICE, "default", replace.build(), false);
    assertEquals(a.getSpec().getClusterIP(), updated.getSpec().getClusterIP(), "an update keeps the allocated IP");
    V1.Service.Builder np = Objects.service("np", 80).toBuilder();
    np.getSpecBuilder().setType("NodePort");
    int port = ((V1.Service) registry.create(Kinds.SERVICE, "default", np.build(), false)).getSpec().getPorts(0)
        .getNodePort();
    assertTrue(port >= 30000 && port <= 32767, "node port " + port);
  }
}
