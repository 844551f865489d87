package windlass.scheduler.framework;

import java.util.List;

/**
 * Every node of the cycle's snapshot (upstream's SnapshotSharedLister().NodeInfos().List()), written into the
 * {@link CycleState} before PreFilter so plugins that look across nodes (InterPodAffinity, PodTopologySpread,
 * ImageLocality) read the same snapshot the cycle filters.
 */
public record AllNodes(List<NodeInfo> nodes) {
  public static final CycleState.Key<AllNodes> KEY = new CycleState.Key<>("framework/all-nodes", AllNodes.class);

  public AllNodes {
    nodes = List.copyOf(nodes);
  }

  /** The snapshot's nodes; an empty list when the caller wrote none (a plugin called on its own in a test). */
  public static List<NodeInfo> in(CycleState state) {
    return state.read(KEY).map(AllNodes::nodes).orElse(List.of());
  }
}
