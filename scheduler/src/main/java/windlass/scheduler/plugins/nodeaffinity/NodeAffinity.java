package windlass.scheduler.plugins.nodeaffinity;

import io.kubernetes.client.proto.V1;
import java.util.List;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PreFilterPlugin;
import windlass.scheduler.framework.PreScorePlugin;
import windlass.scheduler.framework.ScorePlugin;
import windlass.scheduler.framework.Status;

/**
 * Filter: the node must match the pod's spec.nodeSelector and one of its required node affinity terms, else
 * {@code node(s) didn't match Pod's node affinity/selector} (unresolvable: preemption cannot help). Score: the sum of
 * the weights of the preferred terms the node matches, normalized so the best node gets 100.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  public static final String NAME = "NodeAffinity";
  public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

  @Override
  public String name() {
    return NAME;
  }

  /** Skips the filter for pods with neither a nodeSelector nor required node affinity. */
  @Override
  public Status preFilter(CycleState state, V1.Pod pod) {
    return NodeSelectorTerms.hasNodeRequirements(pod) ? Status.success() : Status.skip();
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    return NodeSelectorTerms.podMatchesNodeRequirements(pod, node.node()) ? Status.success()
        : Status.unresolvable(REASON);
  }

  @Override
  public Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes) {
    return preferred(pod).isEmpty() ? Status.skip() : Status.success();
  }

  @Override
  public long score(CycleState state, V1.Pod pod, NodeInfo node) {
    long sum = 0;
    for (V1.PreferredSchedulingTerm t : preferred(pod)) {
      if (t.getWeight() != 0 && NodeSelectorTerms.matches(t.getPreference(), node.node())) {
        sum += t.getWeight();
      }
    }
    return sum;
  }

  @Override
  public void normalize(CycleState state, V1.Pod pod, List<NodeInfo> nodes, long[] scores) {
    ScorePlugin.defaultNormalize(scores, false);
  }

  private static List<V1.PreferredSchedulingTerm> preferred(V1.Pod pod) {
    return pod.getSpec().getAffinity().getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecutionList();
  }
}
