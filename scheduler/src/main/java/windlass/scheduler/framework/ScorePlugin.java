package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.List;

/**
 * Ranks a feasible node for {@code pod}, from 0 to {@link #MAX_NODE_SCORE}. After all nodes are scored, {@link
 * #normalize} may rescale them (e.g. reverse a count); the framework then multiplies by the plugin's weight.
 */
public interface ScorePlugin extends Plugin {
  long MAX_NODE_SCORE = 100;

  long score(CycleState state, V1.Pod pod, NodeInfo node);

  /**
   * Rescales the raw scores of all nodes in place (upstream ScoreExtensions.NormalizeScore over its NodeScoreList);
   * {@code scores[i]} belongs to {@code nodes.get(i)}. Default: none.
   */
  default void normalize(CycleState state, V1.Pod pod, List<NodeInfo> nodes, long[] scores) {}

  /**
   * Upstream's DefaultNormalizeScore: scales {@code scores} to 0..MAX_NODE_SCORE by the highest; {@code reverse}
   * turns high raw counts into low scores. All-zero scores become 0 (or MAX when reversed).
   */
  static void defaultNormalize(long[] scores, boolean reverse) {
    long max = scores.length == 0 ? 0 : Long.MIN_VALUE;
    for (long s : scores) {
      max = Math.max(max, s);
    }
    for (int i = 0; i < scores.length; i++) {
      long v = max == 0 ? 0 : MAX_NODE_SCORE * scores[i] / max;
      scores[i] = reverse ? MAX_NODE_SCORE - v : v;
    }
  }
}
