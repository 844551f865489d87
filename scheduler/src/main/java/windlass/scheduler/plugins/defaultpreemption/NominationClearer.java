package windlass.scheduler.plugins.defaultpreemption;

import io.kubernetes.client.proto.V1;

/**
 * Takes a pod's nomination away (upstream's util.ClearNominatedNodeName): when preemption nominates a node for a pod,
 * the pods of lower priority nominated to the same node may no longer fit there, so their status.nominatedNodeName
 * is cleared; the update moves them back to the queue to find another place.
 */
public interface NominationClearer {
  /** Clears nothing: for tests of victim selection whose handle follows no nominations. */
  NominationClearer NONE = pod -> {};

  /**
   * Clears {@code pod}'s status.nominatedNodeName if it is set; a pod gone counts as cleared. Throws on any other
   * failure (DefaultPreemption logs it and goes on, as upstream: it is not critical).
   */
  void clear(V1.Pod pod);
}
