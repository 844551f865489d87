package windlass.kubelet;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which periodic tasks are failing, and with what: a task that fails every period with the same message is logged once
 * (then again when the message changes), and its recovery once, instead of a warning per period.
 */
final class RepeatedFailures {
  private final ConcurrentHashMap<String, String> failing = new ConcurrentHashMap<>();

  /** Records that {@code task} failed with {@code message}; true when that is news (first, or another message). */
  boolean failed(String task, String message) {
    return !message.equals(failing.put(task, message));
  }

  /** Records that {@code task} ran; true when it had been failing. */
  boolean succeeded(String task) {
    return failing.remove(task) != null;
  }
}
