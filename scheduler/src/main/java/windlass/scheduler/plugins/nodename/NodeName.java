package windlass.scheduler.plugins.nodename;

import io.kubernetes.client.proto.V1;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Status;

/** A pod that names a node (spec.nodeName) fits only that node. */
public final class NodeName implements FilterPlugin {
  public static final String NAME = "NodeName";
  public static final String REASON = "node(s) didn't match the requested node name";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    String want = pod.getSpec().getNodeName();
    return want.isEmpty() || want.equals(node.name()) ? Status.success() : Status.unresolvable(REASON);
  }
}
