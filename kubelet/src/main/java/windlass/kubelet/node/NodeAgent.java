package windlass.kubelet.node;

import io.kubernetes.client.proto.V1;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import windlass.client.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import windlass.client.ApiException;
import windlass.crishim.CriRuntime;
import windlass.kubelet.network.PodNetwork;

/**
 * Registers the Node (create, or update the existing one) and, at each heartbeat, posts its status when it changed
 * (heartbeat times aside) or when {@code reportFrequency} (upstream's nodeStatusReportFrequency, 5 min) has passed
 * since the last post; liveness between posts is the {@link NodeLease}'s job. Before the first
 * status it writes the CNI conflist for the pod CIDR (the configured one, else the Node's spec.podCIDR), so Ready is
 * reported only once the runtime's network can come up.
 */
public final class NodeAgent {
  private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());
  private final NodeApi api;
  private final CriRuntime cri;
  private final NodeStatusFactory statuses;
  private final Clock clock;
  private final String nodeName;
  private final String podCidr;
  private final PodNetwork network;
  private final Duration reportFrequency;
  private Instant lastReport;

  /** {@code podCidr} may be empty (then the Node's spec decides); {@code network} may be null (no CNI writing). */
  public NodeAgent(NodeApi api, CriRuntime cri, NodeStatusFactory statuses, Clock clock, String nodeName,
      String podCidr, PodNetwork network) {
    this(api, cri, statuses, clock, nodeName, podCidr, network, DEFAULT_REPORT_FREQUENCY);
  }

  /** upstream's nodeStatusReportFrequency default. */
  public static final Duration DEFAULT_REPORT_FREQUENCY = Duration.ofMinutes(5);

  public NodeAgent(NodeApi api, CriRuntime cri, NodeStatusFactory statuses, Clock clock, String nodeName,
      String podCidr, PodNetwork network, Duration reportFrequency) {
    this.reportFrequency = reportFrequency;
    this.api = api;
    this.cri = cri;
    this.statuses = statuses;
    this.clock = clock;
    this.nodeName = nodeName;
    this.podCidr = podCidr == null ? "" : podCidr;
    this.network = network;
  }

  /** The Node object this kubelet registers: labels and (when configured) spec.podCIDR. */
  public V1.Node desiredNode(String arch) {
    V1.Node.Builder n = V1.Node.newBuilder();
    n.getMetadataBuilder().setName(nodeName)
        .putLabels("kubernetes.io/hostname", nodeName)
        .putLabels("kubernetes.io/os", "linux")
        .putLabels("kubernetes.io/arch", arch)
        .putLabels("beta.kubernetes.io/os", "linux")
        .putLabels("beta.kubernetes.io/arch", arch);
    if (!podCidr.isEmpty()) {
      n.getSpecBuilder().setPodCIDR(podCidr).addPodCIDRs(podCidr);
    }
    return n.build();
  }

  /** Creates the Node, or brings an existing one's labels and podCIDR in line; then posts the first status. */
  public V1.Node register(String arch) {
    V1.Node want = desiredNode(arch);
    V1.Node node;
    try {
      node = api.create(want);
      LOG.info("registered node " + nodeName);
    } catch (ApiException e) {
      if (e.code() != io.grpc.Status.Code.ALREADY_EXISTS) {
        throw e;
      }
      V1.Node existing = api.get(nodeName).orElseThrow(() -> e);
      V1.Node.Builder b = existing.toBuilder();
      b.getMetadataBuilder().putAllLabels(want.getMetadata().getLabelsMap());
      if (!podCidr.isEmpty() && existing.getSpec().getPodCIDR().isEmpty()) {
        b.getSpecBuilder().setPodCIDR(podCidr).clearPodCIDRs().addPodCIDRs(podCidr);
      }
      V1.Node updated = b.build();
      node = updated.equals(existing) ? existing : api.update(updated);
      LOG.info("node " + nodeName + " already registered; updated it");
    }
    return heartbeat(node);
  }

  /** Posts the status now; re-registers when the Node was deleted. Returns the stored Node. */
  public V1.Node heartbeat() {
    Optional<V1.Node> node = api.get(nodeName);
    if (node.isEmpty()) {
      LOG.warning("node " + nodeName + " is gone from the apiserver; registering again");
      return register(statusArch());
    }
    return heartbeat(node.get());
  }

  private V1.Node heartbeat(V1.Node node) {
    ensureNetwork(node);
    Instant now = clock.now();
    V1.NodeStatus status = statuses.build(cri.version(), cri.status(), node.getStatus(), now);
    synchronized (this) {
      if (lastReport != null && !changed(node.getStatus(), status)
          && Duration.between(lastReport, now).compareTo(reportFrequency) < 0) {
        return node;
      }
    }
    V1.Node stored = api.updateStatus(node.toBuilder().setStatus(status).build());
    synchronized (this) {
      lastReport = now;
    }
    return stored;
  }

  /** upstream's nodeStatusHasChanged: any difference but the conditions' lastHeartbeatTime. */
  static boolean changed(V1.NodeStatus old, V1.NodeStatus fresh) {
    return !withoutHeartbeats(old).equals(withoutHeartbeats(fresh));
  }

  private static V1.NodeStatus withoutHeartbeats(V1.NodeStatus s) {
    V1.NodeStatus.Builder b = s.toBuilder();
    for (V1.NodeCondition.Builder c : b.getConditionsBuilderList()) {
      c.clearLastHeartbeatTime();
    }
    return b.build();
  }

  private void ensureNetwork(V1.Node node) {
    if (network == null) {
      return;
    }
    String cidr = !podCidr.isEmpty() ? podCidr : node.getSpec().getPodCIDR();
    if (cidr.isEmpty()) {
      return;
    }
    try {
      network.ensure(cidr);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warning("cannot write the CNI config for pod CIDR " + cidr + ": " + e.getMessage());
    }
  }

  private String statusArch() {
    return MachineInfo.goArch(System.getProperty("os.arch"));
  }
}
