package windlass.kubelet;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.client.Kubeconfig;
import windlass.client.WindlassClient;
import windlass.cnibridge.BridgeConflist;
import windlass.crishim.CriEndpoint;

/** {@code kubelet} command line: upstream's flag names where they exist. */
@Command(name = "kubelet", mixinStandardHelpOptions = true, version = "kubelet v1.32.0-windlass",
    description = "The windlass node agent: registers the node and runs its pods on a CRI runtime.")
public final class Main implements Callable<Integer> {
  @Option(names = "--container-runtime-endpoint", defaultValue = CriEndpoint.DEFAULT,
      description = "CRI runtime socket (default: ${DEFAULT-VALUE})")
  String criEndpoint;

  @Option(names = "--hostname-override", description = "node name (default: this host's name)")
  String hostname;

  @Option(names = "--node-ip", defaultValue = "127.0.0.1", description = "node InternalIP, serving address (default: ${DEFAULT-VALUE})")
  String nodeIp;

  @Option(names = "--port", defaultValue = "10250", description = "kubelet gRPC port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--pod-cidr", defaultValue = "", description = "pod CIDR of this node (else the Node's spec.podCIDR)")
  String podCidr;

  @Option(names = "--cni-conf-dir", description = "runtime's CNI conf dir to write the conflist into (unset: write none)")
  Path cniConfDir;

  @Option(names = "--cni-bridge", defaultValue = BridgeConflist.DEFAULT_BRIDGE, description = "bridge name (default: ${DEFAULT-VALUE})")
  String cniBridge;

  @Option(names = "--cni-ipam-dir", description = "host-local IPAM data dir (default: the plugin's)")
  Path cniIpamDir;

  @Option(names = "--kubeconfig", description = "kubeconfig with the apiserver address")
  String kubeconfig;

  @Option(names = "--server", description = "apiserver address host:port (instead of --kubeconfig)")
  String server;

  @Option(names = "--pod-logs-dir", defaultValue = "/var/log/pods", description = "pod log root (default: ${DEFAULT-VALUE})")
  Path podLogsDir;

  @Override
  public Integer call() throws Exception {
    String address = server;
    if (address == null || address.isEmpty()) {
      address = Kubeconfig.load(Kubeconfig.locate(kubeconfig), null).server();
    }
    String name = hostname != null && !hostname.isEmpty() ? hostname
        : java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
    WindlassClient client = WindlassClient.connect(address);
    KubeletConfig cfg = KubeletConfig.defaults(name, client).withCriEndpoint(criEndpoint).withNodeIp(nodeIp)
        .withPort(port).withPodCidr(podCidr).withCni(cniConfDir, cniBridge, cniIpamDir).withPodLogsDir(podLogsDir);
    Kubelet kubelet = new Kubelet(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kubelet.stopAsync().awaitTerminated();
      client.close();
    }));
    kubelet.startAsync().awaitRunning();
    kubelet.awaitTerminated();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
