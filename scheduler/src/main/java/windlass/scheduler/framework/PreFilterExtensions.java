package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;

/**
 * Upstream's framework.PreFilterExtensions: keeps a PreFilter plugin's cycle state right when a preemption dry run
 * takes a pod off a node or puts it back. Only plugins whose PreFilter counts pods (InterPodAffinity,
 * PodTopologySpread) need them. They run only on a copy of the state made for one node's dry run
 * ({@link CycleState#copy}), never in the normal scheduling cycle, and never for a plugin whose PreFilter skipped.
 */
public interface PreFilterExtensions {
  /** {@code podToAdd} is put back on {@code nodeInfo} (the node as it is without that pod). */
  Status addPod(CycleState state, V1.Pod podToSchedule, V1.Pod podToAdd, NodeInfo nodeInfo);

  /** {@code podToRemove} is taken off {@code nodeInfo} (the node as it is with that pod). */
  Status removePod(CycleState state, V1.Pod podToSchedule, V1.Pod podToRemove, NodeInfo nodeInfo);
}
