package windlass.controllers.replicaset;

import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import windlass.controllers.pods.PodStates;

/**
 * Which surplus pods go first, as upstream's ActivePodsWithRanks: unscheduled before scheduled; Pending before
 * Unknown before Running; not ready before ready; lower controller.kubernetes.io/pod-deletion-cost first; pods on
 * nodes crowded with related pods first; ready for a shorter time first; more container restarts first; newer
 * before older.
 */
final class PodDeletionOrder implements Comparator<V1.Pod> {
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  /** Related active pods per node name. */
  private final Map<String, Integer> podsPerNode;

  PodDeletionOrder(Map<String, Integer> podsPerNode) {
    this.podsPerNode = podsPerNode;
  }

  @Override
  public int compare(V1.Pod a, V1.Pod b) {
    String na = a.getSpec().getNodeName();
    String nb = b.getSpec().getNodeName();
    if (!na.equals(nb) && (na.isEmpty() || nb.isEmpty())) {
      return na.isEmpty() ? -1 : 1;
    }
    int c = Integer.compare(phaseOrdinal(a), phaseOrdinal(b));
    if (c != 0) {
      return c;
    }
    boolean ra = PodStates.isReady(a);
    boolean rb = PodStates.isReady(b);
    if (ra != rb) {
      return ra ? 1 : -1;
    }
    c = Long.compare(deletionCost(a), deletionCost(b));
    if (c != 0) {
      return c;
    }
    c = Integer.compare(podsPerNode.getOrDefault(nb, 0), podsPerNode.getOrDefault(na, 0));
    if (c != 0) {
      return c;
    }
    if (ra) {
      Instant ta = PodStates.readySince(a).orElse(Instant.EPOCH);
      Instant tb = PodStates.readySince(b).orElse(Instant.EPOCH);
      c = tb.compareTo(ta);
      if (c != 0) {
        return c;
      }
    }
    c = Integer.compare(restarts(b), restarts(a));
    if (c != 0) {
      return c;
    }
    return Long.compare(created(b), created(a));
  }

  private static int phaseOrdinal(V1.Pod p) {
    return switch (p.getStatus().getPhase()) {
      case "Pending", "" -> 0;
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 3;
    };
  }

  private static long deletionCost(V1.Pod p) {
    String v = p.getMetadata().getAnnotationsMap().get(DELETION_COST);
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int restarts(V1.Pod p) {
    return p.getStatus().getContainerStatusesList().stream().mapToInt(V1.ContainerStatus::getRestartCount).max()
        .orElse(0);
  }

  /** Creation time in nanos; an unset one sorts as the newest (deleted first), as upstream. */
  private static long created(V1.Pod p) {
    if (!p.getMetadata().hasCreationTimestamp()) {
      return Long.MAX_VALUE;
    }
    var t = p.getMetadata().getCreationTimestamp();
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }
}
