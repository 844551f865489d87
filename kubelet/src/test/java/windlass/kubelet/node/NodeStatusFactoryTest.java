package windlass.kubelet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubernetes.client.proto.V1;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import windlass.cri.v1.RuntimeCondition;
import windlass.cri.v1.RuntimeStatus;
import windlass.cri.v1.VersionResponse;

class NodeStatusFactoryTest {
  private final NodeStatusFactory f = new NodeStatusFactory(new NodeStatusFactory.Identity("n1", "10.0.0.5", 10250,
      new MachineInfo(2, 4000000, "Debian GNU/Linux 12 (bookworm)", "6.1.0", "amd64", "m", "b", "")));
  private final VersionResponse version =
      VersionResponse.newBuilder().setRuntimeName("containerd").setRuntimeVersion("1.6.20").build();
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  static RuntimeStatus runtime(boolean rt, boolean net) {
    return RuntimeStatus.newBuilder()
        .addConditions(RuntimeCondition.newBuilder().setType("RuntimeReady").setStatus(rt))
        .addConditions(RuntimeCondition.newBuilder().setType("NetworkReady").setStatus(net)
            .setReason(net ? "" : "NetworkPluginNotReady")
            .setMessage(net ? "" : "Network plugin returns error: cni plugin not initialized"))
        .build();
  }

  private static V1.NodeCondition cond(V1.NodeStatus s, String type) {
    return s.getConditionsList().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void reportsCapacityAddressesEndpointAndNodeInfo() {
    V1.NodeStatus s = f.build(version, runtime(true, true), V1.NodeStatus.getDefaultInstance(), t0);
    assertEquals("2", s.getCapacityOrThrow("cpu").getString());
    assertEquals("4000000Ki", s.getCapacityOrThrow("memory").getString());
    assertEquals("110", s.getAllocatableOrThrow("pods").getString());
    assertEquals("InternalIP", s.getAddresses(0).getType());
    assertEquals("10.0.0.5", s.getAddresses(0).getAddress());
    assertEquals("Hostname", s.getAddresses(1).getType());
    assertEquals(10250, s.getDaemonEndpoints().getKubeletEndpoint().getPort());
    assertEquals("containerd://1.6.20", s.getNodeInfo().getContainerRuntimeVersion());
    assertEquals("v1.32.0-windlass", s.getNodeInfo().getKubeletVersion());
    assertEquals("linux", s.getNodeInfo().getOperatingSystem());
    assertEquals("amd64", s.getNodeInfo().getArchitecture());
  }

  @Test
  void readyOnlyWhenRuntimeAndNetworkAre() {
    V1.NodeStatus ready = f.build(version, runtime(true, true), V1.NodeStatus.getDefaultInstance(), t0);
    assertEquals("True", cond(ready, "Ready").getStatus());
    assertEquals("KubeletReady", cond(ready, "Ready").getReason());
    assertEquals("kubelet is posting ready status", cond(ready, "Ready").getMessage());
    assertEquals("False", cond(ready, "MemoryPressure").getStatus());
    assertEquals("False", cond(ready, "DiskPressure").getStatus());
    assertEquals("False", cond(ready, "PIDPressure").getStatus());

    V1.NodeStatus noNet = f.build(version, runtime(true, false), ready, t0.plusSeconds(10));
    V1.NodeCondition c = cond(noNet, "Ready");
    assertEquals("False", c.getStatus());
    assertEquals("KubeletNotReady", c.getReason());
    assertEquals("container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady "
        + "message:Network plugin returns error: cni plugin not initialized", c.getMessage());
    assertEquals(t0.getEpochSecond() + 10, c.getLastTransitionTime().getSeconds());
  }

  @Test
  void heartbeatMovesWhileTransitionStays() {
    V1.NodeStatus a = f.build(version, runtime(true, true), V1.NodeStatus.getDefaultInstance(), t0);
    V1.NodeStatus b = f.build(version, runtime(true, true), a, t0.plusSeconds(10));
    assertEquals(t0.getEpochSecond() + 10, cond(b, "Ready").getLastHeartbeatTime().getSeconds());
    assertEquals(t0.getEpochSecond(), cond(b, "Ready").getLastTransitionTime().getSeconds());
    assertNull(NodeStatusFactory.notReadyMessage(runtime(true, true)));
  }
}
