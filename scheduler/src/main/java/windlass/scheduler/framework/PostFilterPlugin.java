package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.Map;

/**
 * Runs when no node passed the filters, to make room (upstream DefaultPreemption). Its message is appended to the
 * FitError ("preemption: ..."). No v0 plugin implements it.
 */
public interface PostFilterPlugin extends Plugin {
  /** What the plugin did: a status (success = room was made) and the node the pod was nominated to, if any. */
  record Result(Status status, String nominatedNodeName) {}

  Result postFilter(CycleState state, V1.Pod pod, Map<String, Status> nodeStatuses);
}
