package windlass.scheduler.framework;

import java.util.List;

/**
 * Every node of the cycle's snapshot (upstream's SnapshotSharedLister().NodeInfos().List()), written into the
 * {@link CycleState} before PreFilter so plugins that look across nodes (InterPodAffinity, PodTopologySpread,
 * ImageLocality) read the same snapshot the cycle filters.
 */
public record AllNodes(List<NodeInfo> nodes, int nodesWithAffinityPods, int nodesWithRequiredAntiAffinityPods) {
  public static final CycleState.Key<AllNodes> KEY = new CycleState.Key<>("framework/all-nodes", AllNodes.class);

  public AllNodes {
    nodes = List.copyOf(nodes);
  }

  /** The nodes, counting those with (anti-)affinity pods by looking at each (O(nodes)). */
  public AllNodes(List<NodeInfo> nodes) {
    this(nodes, count(nodes, false), count(nodes, true));
  }

  /** How many of {@code nodes} hold pods with pod (anti-)affinity, or with required anti-affinity. */
  public static int count(List<NodeInfo> nodes, boolean requiredAntiAffinity) {
    int n = 0;
    for (NodeInfo i : nodes) {
      if (!(requiredAntiAffinity ? i.podsWithRequiredAntiAffinity() : i.podsWithAffinity()).isEmpty()) {
        n++;
      }
    }
    return n;
  }

  /** The snapshot's nodes; an empty list when the caller wrote none (a plugin called on its own in a test). */
  public static List<NodeInfo> in(CycleState state) {
    return state.read(KEY).map(AllNodes::nodes).orElse(List.of());
  }
}
