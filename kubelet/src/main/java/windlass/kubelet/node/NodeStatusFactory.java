package windlass.kubelet.node;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.List;
import windlass.cri.v1.RuntimeCondition;
import windlass.cri.v1.RuntimeStatus;
import windlass.cri.v1.VersionResponse;

/**
 * Builds the Node's status at one heartbeat (pure): capacity/allocatable, addresses, daemon endpoint, node info and
 * the conditions MemoryPressure, DiskPressure, PIDPressure (False) and Ready (True only when the runtime reports
 * RuntimeReady and NetworkReady; protocols.md 6.8). Transition times are kept while a condition holds.
 */
public final class NodeStatusFactory {
  public static final String KUBELET_VERSION = "v1.32.0-windlass";
  public static final int MAX_PODS = 110;

  /** The node's fixed facts. */
  public record Identity(String nodeName, String nodeIp, int kubeletPort, MachineInfo machine) {}

  private final Identity id;

  public NodeStatusFactory(Identity id) {
    this.id = id;
  }

  public V1.NodeStatus build(VersionResponse version, RuntimeStatus runtime, V1.NodeStatus previous, Instant now) {
    MachineInfo m = id.machine();
    V1.NodeStatus.Builder b = V1.NodeStatus.newBuilder()
        .putCapacity("cpu", q(Integer.toString(m.cpuCores())))
        .putCapacity("memory", q(m.memoryKi() + "Ki"))
        .putCapacity("pods", q(Integer.toString(MAX_PODS)))
        .putAllocatable("cpu", q(Integer.toString(m.cpuCores())))
        .putAllocatable("memory", q(m.memoryKi() + "Ki"))
        .putAllocatable("pods", q(Integer.toString(MAX_PODS)))
        .addAddresses(V1.NodeAddress.newBuilder().setType("InternalIP").setAddress(id.nodeIp()))
        .addAddresses(V1.NodeAddress.newBuilder().setType("Hostname").setAddress(id.nodeName()))
        .setDaemonEndpoints(V1.NodeDaemonEndpoints.newBuilder()
            .setKubeletEndpoint(V1.DaemonEndpoint.newBuilder().setPort(id.kubeletPort())))
        .setNodeInfo(V1.NodeSystemInfo.newBuilder()
            .setMachineID(m.machineId()).setSystemUUID(m.systemUuid()).setBootID(m.bootId())
            .setKernelVersion(m.kernelVersion()).setOsImage(m.osImage())
            .setContainerRuntimeVersion(version.getRuntimeName() + "://" + version.getRuntimeVersion())
            .setKubeletVersion(KUBELET_VERSION).setKubeProxyVersion("")
            .setOperatingSystem("linux").setArchitecture(m.architecture()));
    b.addConditions(cond(previous, "MemoryPressure", false, "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available", now));
    b.addConditions(cond(previous, "DiskPressure", false, "KubeletHasNoDiskPressure",
        "kubelet has no disk pressure", now));
    b.addConditions(cond(previous, "PIDPressure", false, "KubeletHasSufficientPID",
        "kubelet has sufficient PID available", now));
    String notReady = notReadyMessage(runtime);
    b.addConditions(notReady == null
        ? cond(previous, "Ready", true, "KubeletReady", "kubelet is posting ready status", now)
        : cond(previous, "Ready", false, "KubeletNotReady", notReady, now));
    b.addAllImages(previous.getImagesList());
    return b.build();
  }

  /**
   * Null when the runtime is ready, else upstream's message, e.g. "container runtime network not ready:
   * NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized".
   */
  public static String notReadyMessage(RuntimeStatus runtime) {
    RuntimeCondition rt = find(runtime.getConditionsList(), "RuntimeReady");
    RuntimeCondition net = find(runtime.getConditionsList(), "NetworkReady");
    if (rt == null || !rt.getStatus()) {
      return "container runtime not ready: " + describe("RuntimeReady", rt);
    }
    if (net == null || !net.getStatus()) {
      return "container runtime network not ready: " + describe("NetworkReady", net);
    }
    return null;
  }

  private static String describe(String type, RuntimeCondition c) {
    return c == null ? type + "=false reason: message:condition not reported"
        : type + "=false reason:" + c.getReason() + " message:" + c.getMessage();
  }

  private static RuntimeCondition find(List<RuntimeCondition> l, String type) {
    return l.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
  }

  private static V1.NodeCondition cond(V1.NodeStatus previous, String type, boolean status, String reason,
      String message, Instant now) {
    String s = status ? "True" : "False";
    Meta.Time t = Meta.Time.newBuilder().setSeconds(now.getEpochSecond()).build();
    V1.NodeCondition prev = previous.getConditionsList().stream().filter(c -> c.getType().equals(type))
        .findFirst().orElse(null);
    return V1.NodeCondition.newBuilder().setType(type).setStatus(s).setReason(reason).setMessage(message)
        .setLastHeartbeatTime(t)
        .setLastTransitionTime(prev != null && prev.getStatus().equals(s) && prev.hasLastTransitionTime()
            ? prev.getLastTransitionTime() : t)
        .build();
  }

  private static Resource.Quantity q(String s) {
    return Resource.Quantity.newBuilder().setString(s).build();
  }
}
