package windlass.kubelet.status;

import java.time.Instant;
import windlass.cri.v1.ContainerState;
import windlass.cri.v1.ContainerStatus;
import windlass.kubelet.pod.CriLabels;

/**
 * One runtime container of a pod as the kubelet sees it: the CRI ContainerStatus reduced to what status reporting and
 * restart decisions need. Times are null when the runtime reports 0 (not yet).
 */
public record ContainerRecord(
    String id, String name, int restartCount, ContainerState state, Instant createdAt, Instant startedAt,
    Instant finishedAt, int exitCode, String reason, String message, String imageRef, String hash, String sandboxId) {

  public static ContainerRecord of(ContainerStatus s, String sandboxId) {
    int restarts;
    try {
      restarts = Integer.parseInt(s.getAnnotationsOrDefault(CriLabels.RESTART_COUNT,
          Integer.toString(s.getMetadata().getAttempt())));
    } catch (NumberFormatException e) {
      restarts = s.getMetadata().getAttempt();
    }
    return new ContainerRecord(s.getId(), s.getMetadata().getName(), restarts, s.getState(), time(s.getCreatedAt()),
        time(s.getStartedAt()), time(s.getFinishedAt()), s.getExitCode(), s.getReason(), s.getMessage(),
        s.getImageRef(), s.getAnnotationsOrDefault(CriLabels.CONTAINER_HASH, ""), sandboxId);
  }

  public boolean running() {
    return state == ContainerState.CONTAINER_RUNNING;
  }

  public boolean exited() {
    return state == ContainerState.CONTAINER_EXITED;
  }

  /** Unix nanoseconds (CRI) to an Instant; 0 is "not set". */
  public static Instant time(long unixNanos) {
    return unixNanos <= 0 ? null : Instant.ofEpochSecond(unixNanos / 1_000_000_000L, unixNanos % 1_000_000_000L);
  }
}
