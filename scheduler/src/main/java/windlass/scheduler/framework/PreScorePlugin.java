package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.List;

/**
 * Runs once per cycle before Score with the nodes that passed the filters, to precompute what Score reads (upstream
 * PreScore). {@link Code#SKIP} means the plugin has nothing to score for this pod: its Score is not called and every
 * node gets 0 from it.
 */
public interface PreScorePlugin extends Plugin {
  Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes);
}
