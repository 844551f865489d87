package windlass.scheduler.plugins.queuesort;

import io.kubernetes.client.proto.V1;
import java.time.Instant;
import windlass.scheduler.framework.PodPriority;
import windlass.scheduler.framework.QueueSortPlugin;

/**
 * Upstream's PrioritySort: the pod with the higher priority ({@link PodPriority}) goes first; between equals, the one
 * queued earlier.
 */
public final class PrioritySort implements QueueSortPlugin {
  public static final String NAME = "PrioritySort";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean less(V1.Pod a, Instant aQueued, V1.Pod b, Instant bQueued) {
    int pa = PodPriority.of(a);
    int pb = PodPriority.of(b);
    return pa > pb || (pa == pb && aQueued.isBefore(bQueued));
  }
}
