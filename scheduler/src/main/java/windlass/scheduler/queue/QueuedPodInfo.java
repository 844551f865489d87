package windlass.scheduler.queue;

import io.kubernetes.client.proto.V1;
import java.time.Instant;

/**
 * A pod in the scheduling queue: when it was (re)queued, how many times it was tried, and when it was first tried.
 * Immutable; the queue makes new ones.
 */
public record QueuedPodInfo(V1.Pod pod, Instant timestamp, int attempts, Instant initialAttemptTimestamp) {

  public String key() {
    return keyOf(pod);
  }

  static String keyOf(V1.Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  QueuedPodInfo withPod(V1.Pod p) {
    return new QueuedPodInfo(p, timestamp, attempts, initialAttemptTimestamp);
  }

  QueuedPodInfo withTimestamp(Instant t) {
    return new QueuedPodInfo(pod, t, attempts, initialAttemptTimestamp);
  }
}
