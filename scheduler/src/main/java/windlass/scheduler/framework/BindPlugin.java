package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;

/**
 * Binds {@code pod} to {@code nodeName}. Binders are tried in order; one that returns {@link Code#SKIP} passes the pod
 * to the next.
 */
public interface BindPlugin extends Plugin {
  Status bind(CycleState state, V1.Pod pod, String nodeName);
}
