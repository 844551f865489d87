package windlass.kubelet.pod;

/**
 * Labels and annotations the kubelet puts on CRI sandboxes and containers (protocols.md 6.1), and reads back to
 * rebuild pod state after a restart.
 */
public final class CriLabels {
  public static final String POD_NAME = "io.kubernetes.pod.name";
  public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
  public static final String POD_UID = "io.kubernetes.pod.uid";
  public static final String CONTAINER_NAME = "io.kubernetes.container.name";

  public static final String CONTAINER_HASH = "io.kubernetes.container.hash";
  public static final String RESTART_COUNT = "io.kubernetes.container.restartCount";
  public static final String TERMINATION_MESSAGE_PATH = "io.kubernetes.container.terminationMessagePath";
  public static final String TERMINATION_MESSAGE_POLICY = "io.kubernetes.container.terminationMessagePolicy";
  public static final String POD_DELETION_GRACE_PERIOD = "io.kubernetes.pod.deletionGracePeriod";
  public static final String POD_TERMINATION_GRACE_PERIOD = "io.kubernetes.pod.terminationGracePeriod";

  /**
   * Windlass-only sandbox label: the node (kubelet) that made the sandbox. Housekeeping removes only its own orphans,
   * so several kubelets (hollow nodes, tests) can share one runtime. Upstream's kubelet assumes it owns the runtime.
   */
  public static final String NODE_NAME = "windlass.io/node-name";

  private CriLabels() {}
}
