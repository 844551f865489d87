package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.time.Duration;

/**
 * The last say before binding: allow, reject, or wait (for gang scheduling, say). v0's framework does not support
 * waiting yet: a {@link Code#WAIT} answer fails the cycle with an error naming the plugin.
 */
public interface PermitPlugin extends Plugin {
  /** The answer and, for WAIT, how long to wait at most. */
  record Result(Status status, Duration timeout) {}

  Result permit(CycleState state, V1.Pod pod, String nodeName);
}
