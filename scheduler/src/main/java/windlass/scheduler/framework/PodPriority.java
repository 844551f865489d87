package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;

/**
 * A pod's priority as upstream's corev1helpers.PodPriority: {@code spec.priority} when set. The apiserver's Priority
 * admission normally resolves {@code spec.priorityClassName} into {@code spec.priority} at creation; windlass does
 * not serve scheduling.k8s.io PriorityClass objects yet, so a pod that names a class but carries no priority gets the
 * value of upstream's two built-in classes ({@code system-cluster-critical} 2000000000, {@code system-node-critical}
 * 2000001000), and 0 for any other class.
 */
public final class PodPriority {
  public static final int SYSTEM_CLUSTER_CRITICAL = 2_000_000_000;
  public static final int SYSTEM_NODE_CRITICAL = 2_000_001_000;

  private PodPriority() {}

  public static int of(V1.Pod pod) {
    V1.PodSpec spec = pod.getSpec();
    if (spec.hasPriority()) {
      return spec.getPriority();
    }
    return switch (spec.getPriorityClassName()) {
      case "system-cluster-critical" -> SYSTEM_CLUSTER_CRITICAL;
      case "system-node-critical" -> SYSTEM_NODE_CRITICAL;
      default -> 0;
    };
  }
}
