package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.time.Instant;

/**
 * Orders the scheduling queue's activeQ (upstream's QueueSort extension point; one per profile). {@link #less} says
 * whether pod {@code a}, queued at {@code aQueued}, should be scheduled before pod {@code b}.
 */
public interface QueueSortPlugin extends Plugin {
  boolean less(V1.Pod a, Instant aQueued, V1.Pod b, Instant bQueued);
}
