package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.Map;

/**
 * Ranks a feasible node for {@code pod}, from 0 to {@link #MAX_NODE_SCORE}. After all nodes are scored, {@link
 * #normalize} may rescale them (e.g. reverse a count); the framework then multiplies by the plugin's weight.
 */
public interface ScorePlugin extends Plugin {
  long MAX_NODE_SCORE = 100;

  long score(CycleState state, V1.Pod pod, NodeInfo node);

  /** Rescales the raw scores of all nodes in place (upstream ScoreExtensions.NormalizeScore); default: none. */
  default void normalize(CycleState state, V1.Pod pod, Map<String, Long> scores) {}

  /**
   * Upstream's DefaultNormalizeScore: scales {@code scores} to 0..MAX_NODE_SCORE by the highest; {@code reverse}
   * turns high raw counts into low scores. All-zero scores become 0 (or MAX when reversed).
   */
  static void defaultNormalize(Map<String, Long> scores, boolean reverse) {
    long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
    scores.replaceAll((node, s) -> {
      long v = max == 0 ? 0 : MAX_NODE_SCORE * s / max;
      return reverse ? MAX_NODE_SCORE - v : v;
    });
  }
}
