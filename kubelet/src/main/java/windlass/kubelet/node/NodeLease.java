package windlass.kubelet.node;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Coordination;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Logger;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.ResourceClient;

/**
 * The node's heartbeat, as upstream's node lease controller: a coordination/v1 Lease named after the node in
 * kube-node-lease, holderIdentity the node, leaseDurationSeconds 40, renewTime moved every 10 s (a quarter of the
 * duration), owned by the Node so it goes when the Node is deleted. The node lifecycle controller reads renewTime.
 */
public final class NodeLease {
  public static final String NAMESPACE = "kube-node-lease";
  public static final int DURATION_SECONDS = 40;
  /** upstream's renewInterval: 0.25 of the lease duration. */
  public static final Duration RENEW_INTERVAL = Duration.ofSeconds(DURATION_SECONDS / 4);

  private static final Logger LOG = Logger.getLogger(NodeLease.class.getName());

  private final ResourceClient<V1Coordination.Lease> leases;
  private final Supplier<V1.Node> node;
  private final Clock clock;
  private final String nodeName;
  private V1Coordination.Lease latest;

  /**
   * @param leases leases in kube-node-lease
   * @param node the registered Node (for the owner reference's uid); may throw ApiException
   */
  public NodeLease(ResourceClient<V1Coordination.Lease> leases, Supplier<V1.Node> node, Clock clock,
      String nodeName) {
    this.leases = leases.inNamespace(NAMESPACE);
    this.node = node;
    this.clock = clock;
    this.nodeName = nodeName;
  }

  /**
   * Creates the lease or moves its renewTime to now (adding the owner reference when missing); on a conflict reads it
   * again and retries once. Returns the stored lease.
   */
  public synchronized V1Coordination.Lease renew() {
    try {
      return renewOnce();
    } catch (ApiException e) {
      if (e.code() != Code.ABORTED) {
        throw e;
      }
      latest = null;
      return renewOnce();
    }
  }

  private V1Coordination.Lease renewOnce() {
    Instant now = clock.now();
    if (latest == null) {
      try {
        latest = leases.get(nodeName);
      } catch (ApiException e) {
        if (e.code() != Code.NOT_FOUND) {
          throw e;
        }
        latest = leases.create(withOwner(V1Coordination.Lease.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName(nodeName).setNamespace(NAMESPACE))
            .setSpec(spec(now)).build()));
        LOG.fine("created node lease " + NAMESPACE + "/" + nodeName);
        return latest;
      }
    }
    V1Coordination.Lease.Builder b = latest.toBuilder();
    b.getSpecBuilder().setHolderIdentity(nodeName).setLeaseDurationSeconds(DURATION_SECONDS).setRenewTime(micro(now));
    latest = leases.update(withOwner(b.build()));
    return latest;
  }

  private V1Coordination.LeaseSpec spec(Instant now) {
    return V1Coordination.LeaseSpec.newBuilder().setHolderIdentity(nodeName).setLeaseDurationSeconds(DURATION_SECONDS)
        .setRenewTime(micro(now)).build();
  }

  /** Adds the Node as owner when the lease has none yet and the Node can be read (upstream: setNodeOwnerFunc). */
  private V1Coordination.Lease withOwner(V1Coordination.Lease lease) {
    if (lease.getMetadata().getOwnerReferencesCount() > 0) {
      return lease;
    }
    V1.Node n;
    try {
      n = node.get();
    } catch (ApiException e) {
      LOG.warning("node lease " + nodeName + ": cannot read the Node for the owner reference: " + e.getMessage());
      return lease;
    }
    if (n == null || n.getMetadata().getUid().isEmpty()) {
      return lease;
    }
    V1Coordination.Lease.Builder b = lease.toBuilder();
    b.getMetadataBuilder().addOwnerReferences(Meta.OwnerReference.newBuilder().setApiVersion("v1").setKind("Node")
        .setName(nodeName).setUid(n.getMetadata().getUid()));
    return b.build();
  }

  private static Meta.MicroTime micro(Instant t) {
    return Meta.MicroTime.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano() / 1000 * 1000).build();
  }
}
