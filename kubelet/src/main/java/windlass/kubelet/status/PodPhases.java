package windlass.kubelet.status;

import io.kubernetes.client.proto.V1;
import java.util.List;

/** The pod phase from its container statuses, as upstream's kubelet getPhase (protocols.md 6.7), without init containers. */
public final class PodPhases {
  public static final String PENDING = "Pending";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  private PodPhases() {}

  public static boolean isTerminal(String phase) {
    return SUCCEEDED.equals(phase) || FAILED.equals(phase);
  }

  /**
   * @param restartPolicy spec.restartPolicy ("Always" when empty)
   * @param specContainers how many containers the spec has (a missing status counts as unknown)
   */
  public static String compute(String restartPolicy, int specContainers, List<V1.ContainerStatus> statuses) {
    int running = 0, waiting = 0, stopped = 0, succeeded = 0;
    for (V1.ContainerStatus s : statuses) {
      V1.ContainerState st = s.getState();
      if (st.hasRunning()) {
        running++;
      } else if (st.hasTerminated()) {
        stopped++;
        if (st.getTerminated().getExitCode() == 0) {
          succeeded++;
        }
      } else if (st.hasWaiting()) {
        if (s.getLastState().hasTerminated()) {
          stopped++;
        } else {
          waiting++;
        }
      }
    }
    int unknown = Math.max(0, specContainers - statuses.size());
    String policy = restartPolicy.isEmpty() ? "Always" : restartPolicy;
    if (waiting > 0) {
      return PENDING;
    }
    if (running > 0 && unknown == 0) {
      return RUNNING;
    }
    if (running == 0 && stopped > 0 && unknown == 0) {
      if (policy.equals("Always")) {
        return RUNNING;
      }
      if (stopped == succeeded) {
        return SUCCEEDED;
      }
      if (policy.equals("Never")) {
        return FAILED;
      }
      return RUNNING;
    }
    return PENDING;
  }
}
