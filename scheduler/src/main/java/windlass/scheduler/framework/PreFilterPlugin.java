package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;

/**
 * Runs once per cycle before filtering: precomputes what filters need, or rejects the pod outright (the reasons are
 * then reported once, as PreFilterMsg, not per node). {@link Code#SKIP} skips this plugin's Filter for the cycle.
 */
public interface PreFilterPlugin extends Plugin {
  Status preFilter(CycleState state, V1.Pod pod);

  /**
   * Upstream's PreFilterExtensions(): how this plugin updates its state when a preemption dry run removes or adds a
   * pod, or null when its state does not depend on other pods (the default). A plugin returning extensions must make
   * the state they change a {@link CycleState.Copyable}, so each node's dry run changes its own copy.
   */
  default PreFilterExtensions preFilterExtensions() {
    return null;
  }
}
