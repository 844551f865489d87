package windlass.kubelet.pod;

import io.kubernetes.client.proto.V1;

/** spec.restartPolicy: whether an exited container is started again. */
public enum RestartPolicy {
  ALWAYS, ON_FAILURE, NEVER;

  public static RestartPolicy of(V1.Pod pod) {
    return switch (pod.getSpec().getRestartPolicy()) {
      case "OnFailure" -> ON_FAILURE;
      case "Never" -> NEVER;
      default -> ALWAYS;
    };
  }

  public boolean shouldRestart(int exitCode) {
    return switch (this) {
      case ALWAYS -> true;
      case ON_FAILURE -> exitCode != 0;
      case NEVER -> false;
    };
  }
}
