package windlass.kubelet.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import windlass.cri.v1.NamespaceMode;
import windlass.cri.v1.PodSandboxConfig;
import windlass.cri.v1.Protocol;

class SandboxConfigFactoryTest {
  private final SandboxConfigFactory f = new SandboxConfigFactory(Path.of("/var/log/pods"), "n1");

  private static V1.Pod pod() {
    V1.Pod.Builder p = V1.Pod.newBuilder();
    p.getMetadataBuilder().setNamespace("ns").setName("web").setUid("u-1").putLabels("app", "web")
        .putAnnotations("note", "x");
    p.getSpecBuilder().addContainers(V1.Container.newBuilder().setName("c").setImage("i")
        .addPorts(V1.ContainerPort.newBuilder().setContainerPort(8080).setHostPort(30080).setProtocol("TCP"))
        .addPorts(V1.ContainerPort.newBuilder().setContainerPort(53).setProtocol("UDP")));
    return p.build();
  }

  @Test
  void namesLogsLabelsAndCgroupAsUpstream() {
    PodSandboxConfig c = f.build(pod(), 2);
    assertEquals("web", c.getMetadata().getName());
    assertEquals("u-1", c.getMetadata().getUid());
    assertEquals("ns", c.getMetadata().getNamespace());
    assertEquals(2, c.getMetadata().getAttempt());
    assertEquals("web", c.getHostname());
    assertEquals("/var/log/pods/ns_web_u-1", c.getLogDirectory());
    assertEquals("web", c.getLabelsOrThrow("app"));
    assertEquals("web", c.getLabelsOrThrow(CriLabels.POD_NAME));
    assertEquals("ns", c.getLabelsOrThrow(CriLabels.POD_NAMESPACE));
    assertEquals("u-1", c.getLabelsOrThrow(CriLabels.POD_UID));
    assertEquals("n1", c.getLabelsOrThrow(CriLabels.NODE_NAME));
    assertEquals("x", c.getAnnotationsOrThrow("note"));
    assertEquals("/windlass/podu-1", c.getLinux().getCgroupParent());
    var ns = c.getLinux().getSecurityContext().getNamespaceOptions();
    assertEquals(NamespaceMode.POD, ns.getNetwork());
    assertEquals(NamespaceMode.CONTAINER, ns.getPid());
    assertEquals(NamespaceMode.POD, ns.getIpc());
  }

  @Test
  void mapsContainerPortsWithHostPorts() {
    PodSandboxConfig c = f.build(pod(), 0);
    assertEquals(2, c.getPortMappingsCount());
    assertEquals(30080, c.getPortMappings(0).getHostPort());
    assertEquals(8080, c.getPortMappings(0).getContainerPort());
    assertEquals(Protocol.UDP, c.getPortMappings(1).getProtocol());
  }

  @Test
  void hostNetworkPodsGetNodeNamespacesAndNoHostname() {
    V1.Pod p = pod().toBuilder().setSpec(pod().getSpec().toBuilder().setHostNetwork(true).setHostPID(true)).build();
    PodSandboxConfig c = f.build(p, 0);
    assertTrue(c.getHostname().isEmpty());
    assertEquals(NamespaceMode.NODE, c.getLinux().getSecurityContext().getNamespaceOptions().getNetwork());
    assertEquals(NamespaceMode.NODE, c.getLinux().getSecurityContext().getNamespaceOptions().getPid());
  }

  @Test
  void isDeterministicSoARestartedKubeletRebuildsTheSameConfig() {
    assertEquals(f.build(pod(), 1), f.build(pod(), 1));
  }
}
