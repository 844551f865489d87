package windlass.scheduler.cache;

import io.kubernetes.client.proto.V1;

/** Reads a node's status conditions. */
public final class NodeConditions {
  private NodeConditions() {}

  /** True when the node's Ready condition has status "True". */
  public static boolean isReady(V1.Node node) {
    return node.getStatus().getConditionsList().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
