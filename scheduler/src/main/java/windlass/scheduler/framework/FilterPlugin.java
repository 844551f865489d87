package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;

/** Decides whether {@code pod} may run on one node; the first rejecting filter's reasons are that node's. */
public interface FilterPlugin extends Plugin {
  Status filter(CycleState state, V1.Pod pod, NodeInfo node);
}
