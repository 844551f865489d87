package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A node as the scheduler sees it: the Node object, the pods on it (bound or assumed), what they request, and what
 * the node can give. Immutable; the cache makes a new one on every change.
 */
public final class NodeInfo {
  private final V1.Node node;
  private final List<V1.Pod> pods;
  private final Resource requested;
  private final Resource nonZeroRequested;
  private final Resource allocatable;
  private final List<V1.Pod> podsWithAffinity;
  private final List<V1.Pod> podsWithRequiredAntiAffinity;

  public NodeInfo(V1.Node node, Collection<V1.Pod> pods) {
    this.node = node;
    this.pods = List.copyOf(pods);
    Resource req = Resource.ZERO;
    Resource nz = Resource.ZERO;
    for (V1.Pod p : this.pods) {
      req = req.plus(PodRequests.of(p));
      nz = nz.plus(PodRequests.nonZero(p));
    }
    this.requested = req;
    this.nonZeroRequested = nz;
    // Allocatable is what the kubelet offers pods; a hand-made node with only capacity offers that.
    var alloc = node.getStatus().getAllocatableCount() > 0
        ? node.getStatus().getAllocatableMap() : node.getStatus().getCapacityMap();
    this.allocatable = Resource.of(alloc);
    List<V1.Pod> withAffinity = new ArrayList<>();
    List<V1.Pod> withAnti = new ArrayList<>();
    for (V1.Pod p : this.pods) {
      V1.Affinity a = p.getSpec().getAffinity();
      if (a.hasPodAffinity() || a.hasPodAntiAffinity()) {
        withAffinity.add(p);
      }
      if (a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecutionCount() > 0) {
        withAnti.add(p);
      }
    }
    this.podsWithAffinity = List.copyOf(withAffinity);
    this.podsWithRequiredAntiAffinity = List.copyOf(withAnti);
  }

  /** The node's pods that have pod affinity or anti-affinity (upstream NodeInfo.PodsWithAffinity). */
  public List<V1.Pod> podsWithAffinity() {
    return podsWithAffinity;
  }

  /** The node's pods with required anti-affinity terms (upstream NodeInfo.PodsWithRequiredAntiAffinity). */
  public List<V1.Pod> podsWithRequiredAntiAffinity() {
    return podsWithRequiredAntiAffinity;
  }

  public String name() {
    return node.getMetadata().getName();
  }

  public V1.Node node() {
    return node;
  }

  public List<V1.Pod> pods() {
    return pods;
  }

  /** The sum of the requests of the pods on the node. */
  public Resource requested() {
    return requested;
  }

  /** The same with 100m CPU / 200Mi memory counted for containers that request none (for scoring). */
  public Resource nonZeroRequested() {
    return nonZeroRequested;
  }

  public Resource allocatable() {
    return allocatable;
  }

  /** A copy with one more pod (for tests and what-if checks). */
  public NodeInfo withPod(V1.Pod pod) {
    List<V1.Pod> more = new ArrayList<>(pods);
    more.add(pod);
    return new NodeInfo(node, more);
  }

  @Override
  public String toString() {
    return "NodeInfo[" + name() + ", " + pods.size() + " pods]";
  }
}
