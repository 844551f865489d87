package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;

/**
 * Which pending pods are nominated to which node (upstream's PodNominator, as the framework reads it): pods that
 * preemption made room for and that wait for the victims to leave. Filters count them on their node (see
 * {@link Framework#runFiltersWithNominatedPods}) so that a pod of lower priority does not take the room they were
 * promised.
 */
public interface PodNominator {
  /** Where the scheduling cycle leaves the nominator for the framework (the PostFilter handle reads it). */
  CycleState.Key<PodNominator> KEY = new CycleState.Key<>("framework/pod-nominator", PodNominator.class);

  /** No pod is ever nominated (tests of single plugins). */
  PodNominator NONE = Map::of;

  /**
   * The nodes that have nominated pods, with those pods (the newest version the scheduler saw): an immutable
   * snapshot, empty when no pod is nominated anywhere. Reading it is a field read, so a cycle can take it once and
   * look nodes up in it.
   */
  Map<String, List<V1.Pod>> nominatedPodsByNode();

  /** The pods nominated to {@code nodeName} (upstream's NominatedPodsForNode); empty when none. */
  default List<V1.Pod> nominatedPodsForNode(String nodeName) {
    List<V1.Pod> pods = nominatedPodsByNode().get(nodeName);
    return pods == null ? List.of() : pods;
  }
}
