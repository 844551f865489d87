package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;

/**
 * Told when a node has been chosen for {@code pod} (reserve), and again if the pod then fails to bind (unreserve),
 * so plugins that keep state can account for the pod before the apiserver confirms it.
 */
public interface ReservePlugin extends Plugin {
  Status reserve(CycleState state, V1.Pod pod, String nodeName);

  void unreserve(CycleState state, V1.Pod pod, String nodeName);
}
