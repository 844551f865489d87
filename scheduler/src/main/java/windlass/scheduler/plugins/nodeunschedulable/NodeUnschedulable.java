package windlass.scheduler.plugins.nodeunschedulable;

import io.kubernetes.client.proto.V1;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;
import windlass.scheduler.framework.Taints;

/**
 * Rejects nodes marked {@code spec.unschedulable} (kubectl cordon), unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint.
 */
public final class NodeUnschedulable implements FilterPlugin {
  public static final String NAME = "NodeUnschedulable";
  public static final String REASON = "node(s) were unschedulable";
  static final V1.Taint UNSCHEDULABLE_TAINT = V1.Taint.newBuilder()
      .setKey("node.kubernetes.io/unschedulable").setEffect(Taints.NO_SCHEDULE).build();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    if (!node.unschedulable()
        || Taints.tolerated(pod.getSpec().getTolerationsList(), UNSCHEDULABLE_TAINT)) {
      return Status.success();
    }
    return Status.unresolvable(REASON);
  }
}
