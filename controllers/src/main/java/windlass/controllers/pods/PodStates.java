package windlass.controllers.pods;

import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.Optional;

/** What controllers read from a pod's status, as upstream's podutil. */
public final class PodStates {
  private PodStates() {}

  /** Not finished (Succeeded/Failed) and not being deleted: upstream's FilterActivePods. */
  public static boolean isActive(V1.Pod pod) {
    String phase = pod.getStatus().getPhase();
    return !phase.equals("Succeeded") && !phase.equals("Failed") && !pod.getMetadata().hasDeletionTimestamp();
  }

  /** The pod's Ready condition is True. */
  public static boolean isReady(V1.Pod pod) {
    return readyCondition(pod).map(c -> c.getStatus().equals("True")).orElse(false);
  }

  /** Since when the pod has been ready (its Ready condition's lastTransitionTime), if it is. */
  public static Optional<Instant> readySince(V1.Pod pod) {
    return readyCondition(pod).filter(c -> c.getStatus().equals("True"))
        .map(c -> Instant.ofEpochSecond(c.getLastTransitionTime().getSeconds(), c.getLastTransitionTime().getNanos()));
  }

  /** Ready for at least {@code minReadySeconds} at {@code now}: upstream's IsPodAvailable. */
  public static boolean isAvailable(V1.Pod pod, int minReadySeconds, Instant now) {
    Optional<Instant> since = readySince(pod);
    if (since.isEmpty()) {
      return false;
    }
    return minReadySeconds == 0 || !since.get().plusSeconds(minReadySeconds).isAfter(now);
  }

  private static Optional<V1.PodCondition> readyCondition(V1.Pod pod) {
    return pod.getStatus().getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst();
  }
}
