package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import windlass.client.LabelSelector;

/**
 * A node as the scheduler sees it: the Node object, the pods on it (bound or assumed), what they request, and what
 * the node can give. Immutable; the cache makes a new one on every change.
 *
 * <p>What filters and scores read for every node (name, spec.unschedulable, taints, labels, image sizes, allocatable
 * and requested amounts, pod count) is copied out of the Node proto when the NodeInfo is built, so a cycle that walks
 * hundreds of nodes reads this one small object per node instead of chasing the proto's nested messages.
 */
public final class NodeInfo {
  private final V1.Node node;
  private final String name;
  private final boolean unschedulable;
  private final List<V1.Taint> taints;
  private final Map<String, String> labels;
  /** Image name to size in bytes (the first image listing a name wins, as a scan of status.images finds it). */
  private final Map<String, Long> imageSizes;
  private final int podCount;
  /**
   * Per pod, in {@link #pods} order, what spreading counts read: the namespace (interned, so equal namespaces
   * compare by identity), the labels, and whether it is terminating (null namespace).
   */
  private final String[] podNamespaces;
  private final List<Map<String, String>> podLabels;
  private final List<V1.Pod> pods;
  private final Resource requested;
  private final Resource nonZeroRequested;
  private final Resource allocatable;
  private final List<V1.Pod> podsWithAffinity;
  private final List<V1.Pod> podsWithRequiredAntiAffinity;

  public NodeInfo(V1.Node node, Collection<V1.Pod> pods) {
    this(node, pods, null);
  }

  /**
   * A NodeInfo for {@code node} with {@code pods} that takes what {@code previous} read from the Node (labels, taints,
   * images, allocatable) when it was built from the same Node object, as the cache's rebuilds after a pod change
   * are; {@code previous} may be null.
   */
  public static NodeInfo of(V1.Node node, Collection<V1.Pod> pods, NodeInfo previous) {
    return new NodeInfo(node, pods, previous);
  }

  private NodeInfo(V1.Node node, Collection<V1.Pod> pods, NodeInfo previous) {
    NodeInfo same = previous != null && previous.node == node ? previous : null;
    this.node = node;
    this.name = node.getMetadata().getName();
    this.unschedulable = node.getSpec().getUnschedulable();
    this.taints = same != null ? same.taints
        : node.getSpec().getTaintsCount() == 0 ? List.of() : List.copyOf(node.getSpec().getTaintsList());
    this.labels = same != null ? same.labels : internedKeys(node.getMetadata().getLabelsMap());
    this.imageSizes = same != null ? same.imageSizes : imageSizes(node);
    this.pods = List.copyOf(pods);
    this.podCount = this.pods.size();
    this.podNamespaces = new String[podCount];
    List<Map<String, String>> podLabels = new ArrayList<>(podCount);
    for (int i = 0; i < podCount; i++) {
      V1.Pod p = this.pods.get(i);
      podNamespaces[i] = p.getMetadata().hasDeletionTimestamp() ? null : p.getMetadata().getNamespace().intern();
      podLabels.add(p.getMetadata().getLabelsMap());
    }
    this.podLabels = List.copyOf(podLabels);
    Resource req = Resource.ZERO;
    Resource nz = Resource.ZERO;
    for (V1.Pod p : this.pods) {
      req = req.plus(PodRequests.of(p));
      nz = nz.plus(PodRequests.nonZero(p));
    }
    this.requested = req;
    this.nonZeroRequested = nz;
    // Allocatable is what the kubelet offers pods; a hand-made node with only capacity offers that.
    this.allocatable = same != null ? same.allocatable : Resource.of(node.getStatus().getAllocatableCount() > 0
        ? node.getStatus().getAllocatableMap() : node.getStatus().getCapacityMap());
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

  /**
   * The node's labels in an immutable map whose keys are interned: the topology keys plugins look up are constants,
   * so a lookup's key comparison is an identity check rather than a walk over the proto's map wrappers.
   */
  private static Map<String, String> internedKeys(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>(labels.size() * 2);
    labels.forEach((k, v) -> out.put(k.intern(), v));
    return Map.copyOf(out);
  }

  /**
   * The pods on the node in {@code namespace} that {@code selector} matches, leaving out terminating ones (upstream's
   * countPodsMatchSelector).
   */
  public int countPods(String namespace, LabelSelector selector) {
    int n = 0;
    for (int i = 0; i < podNamespaces.length; i++) {
      String ns = podNamespaces[i];
      if (ns != null && (ns == namespace || ns.equals(namespace)) && selector.matches(podLabels.get(i))) {
        n++;
      }
    }
    return n;
  }

  private static Map<String, Long> imageSizes(V1.Node node) {
    if (node.getStatus().getImagesCount() == 0) {
      return Map.of();
    }
    Map<String, Long> sizes = new HashMap<>();
    for (V1.ContainerImage img : node.getStatus().getImagesList()) {
      for (String n : img.getNamesList()) {
        sizes.putIfAbsent(n, img.getSizeBytes());
      }
    }
    return Map.copyOf(sizes);
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
    return name;
  }

  /** spec.unschedulable (cordoned). */
  public boolean unschedulable() {
    return unschedulable;
  }

  /** spec.taints. */
  public List<V1.Taint> taints() {
    return taints;
  }

  /** metadata.labels. */
  public Map<String, String> labels() {
    return labels;
  }

  /** The size in bytes of the image called {@code imageName} on the node (status.images), or -1 if absent. */
  public long imageSize(String imageName) {
    if (imageSizes.isEmpty()) {
      return -1;
    }
    Long size = imageSizes.get(imageName);
    return size == null ? -1 : size;
  }

  /** Whether status.images lists any image. */
  public boolean hasImages() {
    return !imageSizes.isEmpty();
  }

  /** The number of pods on the node ({@code pods().size()}). */
  public int podCount() {
    return podCount;
  }

  /** {@code allocatable().milliCpu()}, and so on: the amounts filters compare. */
  public long allocatableMilliCpu() {
    return allocatable.milliCpu();
  }

  public long allocatableMemory() {
    return allocatable.memory();
  }

  public long allocatableEphemeralStorage() {
    return allocatable.ephemeralStorage();
  }

  public long allocatablePods() {
    return allocatable.pods();
  }

  /** {@code requested().milliCpu()}, and so on. */
  public long requestedMilliCpu() {
    return requested.milliCpu();
  }

  public long requestedMemory() {
    return requested.memory();
  }

  public long requestedEphemeralStorage() {
    return requested.ephemeralStorage();
  }

  /** {@code allocatable()}'s amount of the resource called {@code name} ("cpu" in milli-units), 0 if none. */
  public long allocatable(String name) {
    return allocatable.amount(name);
  }

  /** {@code requested()}'s amount of the resource called {@code name}. */
  public long requested(String name) {
    return requested.amount(name);
  }

  /** {@code nonZeroRequested()}'s amount of the resource called {@code name}. */
  public long nonZeroRequested(String name) {
    return nonZeroRequested.amount(name);
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
    return new NodeInfo(node, more, this);
  }

  @Override
  public String toString() {
    return "NodeInfo[" + name() + ", " + pods.size() + " pods]";
  }
}
