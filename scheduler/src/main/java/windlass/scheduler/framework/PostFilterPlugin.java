package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;

/**
 * Runs when no node passed the filters, to make room (upstream DefaultPreemption). Its message is appended to the
 * FitError ("preemption: ..."). A plugin finds the cycle's nodes and the profile's filters in the CycleState under
 * {@link #HANDLE} (written by {@link Framework#runPostFilter(CycleState, V1.Pod, Map, List)}).
 */
public interface PostFilterPlugin extends Plugin {
  /** Where the framework leaves its {@link Handle} for PostFilter plugins. */
  CycleState.Key<Handle> HANDLE = new CycleState.Key<>("framework/post-filter-handle", Handle.class);

  /**
   * What the plugin did: a status (success = room was made) and the node the pod was nominated to ("" clears a
   * nomination; null leaves it as it is).
   */
  record Result(Status status, String nominatedNodeName) {}

  /** The scheduling cycle's view, as upstream's framework.Handle: its node snapshot and the profile's filters. */
  interface Handle {
    List<NodeInfo> nodes();

    /**
     * Runs the profile's Filter plugins (after its PreFilter ran in this cycle) on a what-if node, with the pods
     * nominated to it counted as upstream's RunFilterPluginsWithNominatedPods does.
     */
    Status runFilters(CycleState state, V1.Pod pod, NodeInfo node);

    /**
     * The pods nominated to {@code nodeName} now (upstream's Handle.NominatedPodsForNode); a handle that follows no
     * nominations (a test's) has none.
     */
    default List<V1.Pod> nominatedPodsForNode(String nodeName) {
      return List.of();
    }

    /**
     * Upstream's RunPreFilterExtensionAddPod: updates the PreFilter state in {@code state} (a per-node copy, see
     * {@link CycleState#copy}) for {@code podToAdd} put back on {@code node}.
     */
    Status runPreFilterExtensionAddPod(CycleState state, V1.Pod pod, V1.Pod podToAdd, NodeInfo node);

    /** Upstream's RunPreFilterExtensionRemovePod: as {@link #runPreFilterExtensionAddPod}, for a pod taken off. */
    Status runPreFilterExtensionRemovePod(CycleState state, V1.Pod pod, V1.Pod podToRemove, NodeInfo node);
  }

  Result postFilter(CycleState state, V1.Pod pod, Map<String, Status> nodeStatuses);
}
