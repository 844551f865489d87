package windlass.kubelet.pod;

import io.kubernetes.client.proto.V1;
import java.nio.file.Path;
import java.util.Locale;
import windlass.cri.v1.DNSConfig;
import windlass.cri.v1.LinuxPodSandboxConfig;
import windlass.cri.v1.LinuxSandboxSecurityContext;
import windlass.cri.v1.NamespaceMode;
import windlass.cri.v1.NamespaceOption;
import windlass.cri.v1.PodSandboxConfig;
import windlass.cri.v1.PodSandboxMetadata;
import windlass.cri.v1.PortMapping;
import windlass.cri.v1.Protocol;

/**
 * Builds the PodSandboxConfig of a pod as upstream's kubelet does (protocols.md 6.1-6.5). Deterministic: the same pod
 * and attempt give the same config, so a restarted kubelet can rebuild the config a sandbox was run with (CreateContainer
 * must repeat it).
 */
public final class SandboxConfigFactory {
  private final Path podLogsDir;
  private final String nodeName;

  /** {@code podLogsDir}: the pod log root (/var/log/pods); {@code nodeName}: stamped on sandboxes as ours. */
  public SandboxConfigFactory(Path podLogsDir, String nodeName) {
    this.podLogsDir = podLogsDir;
    this.nodeName = nodeName;
  }

  /** /var/log/pods/&lt;namespace&gt;_&lt;name&gt;_&lt;uid&gt; */
  public Path logDirectory(V1.Pod pod) {
    var m = pod.getMetadata();
    return podLogsDir.resolve(m.getNamespace() + "_" + m.getName() + "_" + m.getUid());
  }

  /** The cgroupfs parent of the pod's containers (environment.md: /windlass/pod&lt;uid&gt;). */
  public static String cgroupParent(String podUid) {
    return "/windlass/pod" + podUid;
  }

  public PodSandboxConfig build(V1.Pod pod, int attempt) {
    var m = pod.getMetadata();
    var spec = pod.getSpec();
    PodSandboxConfig.Builder b = PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder()
            .setName(m.getName()).setUid(m.getUid()).setNamespace(m.getNamespace()).setAttempt(attempt))
        .setLogDirectory(logDirectory(pod).toString())
        .putAllLabels(m.getLabelsMap())
        .putLabels(CriLabels.POD_NAME, m.getName())
        .putLabels(CriLabels.POD_NAMESPACE, m.getNamespace())
        .putLabels(CriLabels.POD_UID, m.getUid())
        .putLabels(CriLabels.NODE_NAME, nodeName)
        .putAllAnnotations(m.getAnnotationsMap());
    if (!spec.getHostNetwork()) {
      b.setHostname(hostname(pod));
    }
    if (spec.hasDnsConfig()) {
      var d = spec.getDnsConfig();
      DNSConfig.Builder dns = DNSConfig.newBuilder().addAllServers(d.getNameserversList()).addAllSearches(d.getSearchesList());
      for (var o : d.getOptionsList()) {
        dns.addOptions(o.hasValue() ? o.getName() + ":" + o.getValue() : o.getName());
      }
      b.setDnsConfig(dns);
    }
    for (V1.Container c : spec.getContainersList()) {
      for (V1.ContainerPort p : c.getPortsList()) {
        PortMapping.Builder pm = PortMapping.newBuilder()
            .setProtocol(protocol(p.getProtocol())).setContainerPort(p.getContainerPort()).setHostPort(p.getHostPort());
        if (!p.getHostIP().isEmpty()) {
          pm.setHostIp(p.getHostIP());
        }
        b.addPortMappings(pm);
      }
    }
    NamespaceOption ns = NamespaceOption.newBuilder()
        .setNetwork(spec.getHostNetwork() ? NamespaceMode.NODE : NamespaceMode.POD)
        .setPid(spec.getHostPID() ? NamespaceMode.NODE
            : spec.getShareProcessNamespace() ? NamespaceMode.POD : NamespaceMode.CONTAINER)
        .setIpc(spec.getHostIPC() ? NamespaceMode.NODE : NamespaceMode.POD)
        .build();
    b.setLinux(LinuxPodSandboxConfig.newBuilder()
        .setCgroupParent(cgroupParent(m.getUid()))
        .setSecurityContext(LinuxSandboxSecurityContext.newBuilder().setNamespaceOptions(ns)));
    return b.build();
  }

  /** spec.hostname, else the pod name, cut to 63 characters as upstream does. */
  static String hostname(V1.Pod pod) {
    String h = pod.getSpec().getHostname().isEmpty() ? pod.getMetadata().getName() : pod.getSpec().getHostname();
    if (h.length() > 63) {
      h = h.substring(0, 63);
      while (h.endsWith("-") || h.endsWith(".")) {
        h = h.substring(0, h.length() - 1);
      }
    }
    return h;
  }

  static Protocol protocol(String p) {
    return switch (p.toUpperCase(Locale.ROOT)) {
      case "UDP" -> Protocol.UDP;
      case "SCTP" -> Protocol.SCTP;
      default -> Protocol.TCP;
    };
  }
}
