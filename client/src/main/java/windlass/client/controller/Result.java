package windlass.client.controller;

import java.time.Duration;

/**
 * What a reconcile asks for next: nothing ({@link #done()}), a retry with backoff ({@link #requeue()}), or another
 * look after a fixed time ({@link #requeueAfter(Duration)}, e.g. when a pod becomes available after minReadySeconds).
 */
public record Result(boolean retry, Duration requeueAfter) {
  private static final Result DONE = new Result(false, Duration.ZERO);
  private static final Result REQUEUE = new Result(true, Duration.ZERO);

  public static Result done() {
    return DONE;
  }

  public static Result requeue() {
    return REQUEUE;
  }

  public static Result requeueAfter(Duration d) {
    return new Result(false, d);
  }
}
