package windlass.scheduler.queue;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import windlass.scheduler.framework.PodNominator;

/**
 * Upstream's nominator (the PodNominator kept by the scheduling queue): which pending pods are nominated to which
 * node. A pod gets here when preemption nominates a node for it (at once, before its status.nominatedNodeName is
 * written), or when the scheduler sees a pending pod whose status.nominatedNodeName is set; it leaves when that field
 * is cleared, when the pod is assumed on a node, bound, deleted, or when its scheduling fails with the nomination
 * cleared.
 *
 * <p>Writers (informer handlers, the scheduling and binding threads) take the lock; readers get an immutable
 * by-node map published through a volatile field, replaced only when a nomination changes. So a cycle with nothing
 * nominated pays one field read, and pod events for pods that are not nominated and carry no nomination change
 * nothing.
 */
public final class Nominator implements PodNominator {
  /** Finds the informer's current version of a pod by namespace and name. */
  public interface PodLookup extends BiFunction<String, String, Optional<V1.Pod>> {}

  /** A nominator that does not look pods up (tests of the queue alone). */
  public static final PodLookup NO_LOOKUP = (ns, name) -> Optional.empty();

  private final PodLookup lookup;
  private final boolean checkLookup;
  /** Node by pod UID, for the nominated pods; guarded by this. */
  private final Map<String, String> nodeByUid = new HashMap<>();
  private volatile Map<String, List<V1.Pod>> byNode = Map.of();

  /** A nominator that takes every nomination as given (no pod lister). */
  public Nominator() {
    this.lookup = NO_LOOKUP;
    this.checkLookup = false;
  }

  /**
   * A nominator that, as upstream's with a pod lister, does not nominate a pod that {@code lookup} no longer finds or
   * finds bound to a node (a nomination arriving after the pod was bound or deleted).
   */
  public Nominator(PodLookup lookup) {
    this.lookup = lookup;
    this.checkLookup = true;
  }

  @Override
  public Map<String, List<V1.Pod>> nominatedPodsByNode() {
    return byNode;
  }

  /**
   * Nominates {@code pod} (upstream's AddNominatedPod): to {@code nodeName} when it is non-empty; "" removes any
   * nomination (upstream's ModeOverride with an empty name); null takes the pod's own status.nominatedNodeName
   * (ModeNoop). Any earlier nomination of the pod is replaced.
   */
  public synchronized void add(V1.Pod pod, String nodeName) {
    String uid = pod.getMetadata().getUid();
    String node = nodeName != null ? nodeName : pod.getStatus().getNominatedNodeName();
    if (node.isEmpty()) {
      if (nodeByUid.containsKey(uid)) {
        remove(uid);
      }
      return;
    }
    if (checkLookup) {
      Optional<V1.Pod> current = lookup.apply(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
      if (current.isEmpty() || !current.get().getSpec().getNodeName().isEmpty()) {
        if (nodeByUid.containsKey(uid)) {
          remove(uid);
        }
        return;
      }
    }
    put(uid, node, pod);
  }

  /**
   * A pending pod changed (upstream's UpdateNominatedPod). When neither version carries a nomination but the pod is
   * nominated here (preemption nominated it and the status update has not arrived yet), it stays nominated to that
   * node; otherwise the new version's status.nominatedNodeName decides. The stored pod becomes the new version.
   */
  public synchronized void update(V1.Pod oldPod, V1.Pod newPod) {
    String oldUid = oldPod.getMetadata().getUid();
    String kept = nodeByUid.get(oldUid);
    boolean neitherCarriesOne = oldPod.getStatus().getNominatedNodeName().isEmpty()
        && newPod.getStatus().getNominatedNodeName().isEmpty();
    if (kept == null && neitherCarriesOne) {
      return; // the common case: nothing nominated before or after
    }
    if (kept != null) {
      remove(oldUid);
    }
    // The status update of a nomination made in memory has not arrived yet: keep it (upstream's ModeOverride).
    boolean keep = neitherCarriesOne && oldUid.equals(newPod.getMetadata().getUid());
    add(newPod, keep ? kept : null);
  }

  /** The pod was assumed, bound, deleted or handed to another scheduler: its nomination goes. */
  public synchronized void delete(V1.Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (nodeByUid.containsKey(uid)) {
      remove(uid);
    }
  }

  /** The node {@code pod} is nominated to, if any. */
  public synchronized Optional<String> nominatedNode(V1.Pod pod) {
    return Optional.ofNullable(nodeByUid.get(pod.getMetadata().getUid()));
  }

  private void put(String uid, String node, V1.Pod pod) {
    String old = nodeByUid.put(uid, node);
    Map<String, List<V1.Pod>> next = new HashMap<>(byNode);
    if (old != null && !old.equals(node)) {
      without(next, old, uid);
    }
    List<V1.Pod> pods = new ArrayList<>(next.getOrDefault(node, List.of()));
    int at = indexOf(pods, uid);
    if (at >= 0) {
      pods.set(at, pod);
    } else {
      pods.add(pod);
    }
    next.put(node, List.copyOf(pods));
    byNode = Map.copyOf(next);
  }

  private void remove(String uid) {
    String node = nodeByUid.remove(uid);
    Map<String, List<V1.Pod>> next = new HashMap<>(byNode);
    without(next, node, uid);
    byNode = Map.copyOf(next);
  }

  private static void without(Map<String, List<V1.Pod>> m, String node, String uid) {
    List<V1.Pod> pods = new ArrayList<>(m.getOrDefault(node, List.of()));
    int at = indexOf(pods, uid);
    if (at >= 0) {
      pods.remove(at);
    }
    if (pods.isEmpty()) {
      m.remove(node);
    } else {
      m.put(node, List.copyOf(pods));
    }
  }

  private static int indexOf(List<V1.Pod> pods, String uid) {
    for (int i = 0; i < pods.size(); i++) {
      if (pods.get(i).getMetadata().getUid().equals(uid)) {
        return i;
      }
    }
    return -1;
  }
}
