package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;

/**
 * Runs once per cycle before filtering: precomputes what filters need, or rejects the pod outright (the reasons are
 * then reported once, as PreFilterMsg, not per node). {@link Code#SKIP} skips this plugin's Filter for the cycle.
 */
public interface PreFilterPlugin extends Plugin {
  Status preFilter(CycleState state, V1.Pod pod);

  /**
   * Whether this PreFilter's state counts pods on other nodes ({@link AllNodes}), as InterPodAffinity's and
   * PodTopologySpread's do. A preemption dry run then reruns it over the nodes with the victims removed (windlass's
   * stand-in for upstream's PreFilterExtensions AddPod/RemovePod).
   */
  default boolean countsOtherPods() {
    return false;
  }
}
