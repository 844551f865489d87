package windlass.kubelet;

import java.nio.file.Path;
import windlass.client.Clock;
import java.time.Duration;
import java.util.Objects;
import windlass.client.WindlassClient;
import windlass.cnibridge.BridgeConflist;
import windlass.crishim.CriEndpoint;

/**
 * Everything a kubelet instance depends on, as values (nothing static: hollow nodes run many in one JVM).
 *
 * @param nodeName        the Node's name (--hostname-override)
 * @param criEndpoint     CRI socket, {@code unix:///run/containerd/containerd.sock} by default
 * @param client          the apiserver client (not closed by the kubelet)
 * @param podCidr         this node's pod CIDR; sets Node.spec.podCIDR at registration; "" = take the Node's
 * @param cniConfDir      where the runtime reads CNI conflists; null = the kubelet writes none
 * @param cniBridge       bridge of the conflist (wlcni0)
 * @param cniIpamDir      host-local IPAM data dir; null = the plugin's default
 * @param nodeIp          InternalIP, host IP of pods and the address the kubelet serves on
 * @param port            kubelet gRPC port (windlass.kubelet.v1, plaintext); 0 = any free port
 * @param podLogsDir      pod log root (/var/log/pods)
 * @param cgroupRoot      cgroup fs mount (/sys/fs/cgroup), to remove pod cgroups
 * @param clock           time source for statuses, heartbeats and back-off
 * @param heartbeat       node status period (10 s)
 * @param relist          PLEG relist period (1 s)
 * @param housekeeping    orphan sandbox sweep period (30 s)
 */
public record KubeletConfig(
    String nodeName, String criEndpoint, WindlassClient client, String podCidr, Path cniConfDir, String cniBridge,
    Path cniIpamDir, String nodeIp, int port, Path podLogsDir, Path cgroupRoot, Clock clock, Duration heartbeat,
    Duration relist, Duration housekeeping) {

  public static final int DEFAULT_PORT = 10250;
  public static final Path DEFAULT_POD_LOGS_DIR = Path.of("/var/log/pods");

  public KubeletConfig {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(client, "client");
    CriEndpoint.parse(criEndpoint); // fail early on a bad endpoint
    podCidr = podCidr == null ? "" : podCidr;
  }

  /** Upstream's defaults for everything but the node name and the apiserver. */
  public static KubeletConfig defaults(String nodeName, WindlassClient client) {
    return new KubeletConfig(nodeName, CriEndpoint.DEFAULT, client, "", null, BridgeConflist.DEFAULT_BRIDGE, null,
        "127.0.0.1", DEFAULT_PORT, DEFAULT_POD_LOGS_DIR, Path.of("/sys/fs/cgroup"), Clock.system(),
        Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  public KubeletConfig withCriEndpoint(String e) {
    return new KubeletConfig(nodeName, e, client, podCidr, cniConfDir, cniBridge, cniIpamDir, nodeIp, port,
        podLogsDir, cgroupRoot, clock, heartbeat, relist, housekeeping);
  }

  public KubeletConfig withPodCidr(String cidr) {
    return new KubeletConfig(nodeName, criEndpoint, client, cidr, cniConfDir, cniBridge, cniIpamDir, nodeIp, port,
        podLogsDir, cgroupRoot, clock, heartbeat, relist, housekeeping);
  }

  public KubeletConfig withCni(Path confDir, String bridge, Path ipamDir) {
    return new KubeletConfig(nodeName, criEndpoint, client, podCidr, confDir, bridge, ipamDir, nodeIp, port,
        podLogsDir, cgroupRoot, clock, heartbeat, relist, housekeeping);
  }

  public KubeletConfig withNodeIp(String ip) {
    return new KubeletConfig(nodeName, criEndpoint, client, podCidr, cniConfDir, cniBridge, cniIpamDir, ip, port,
        podLogsDir, cgroupRoot, clock, heartbeat, relist, housekeeping);
  }

  public KubeletConfig withPort(int p) {
    return new KubeletConfig(nodeName, criEndpoint, client, podCidr, cniConfDir, cniBridge, cniIpamDir, nodeIp, p,
        podLogsDir, cgroupRoot, clock, heartbeat, relist, housekeeping);
  }

  public KubeletConfig withPodLogsDir(Path dir) {
    return new KubeletConfig(nodeName, criEndpoint, client, podCidr, cniConfDir, cniBridge, cniIpamDir, nodeIp, port,
        dir, cgroupRoot, clock, heartbeat, relist, housekeeping);
  }

  public KubeletConfig withClock(Clock c) {
    return new KubeletConfig(nodeName, criEndpoint, client, podCidr, cniConfDir, cniBridge, cniIpamDir, nodeIp, port,
        podLogsDir, cgroupRoot, c, heartbeat, relist, housekeeping);
  }
}
