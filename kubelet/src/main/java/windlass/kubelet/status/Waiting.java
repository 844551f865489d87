package windlass.kubelet.status;

/** Why a container is not running, from the kubelet's last sync (CrashLoopBackOff, ErrImagePull, ...). */
public record Waiting(String reason, String message) {
  public static final String CONTAINER_CREATING = "ContainerCreating";
  public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
  public static final String CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";
  public static final String CREATE_CONTAINER_ERROR = "CreateContainerError";
  public static final String RUN_CONTAINER_ERROR = "RunContainerError";
}
