package windlass.scheduler.plugins.noderesources;

import io.kubernetes.client.proto.V1;
import java.util.List;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PodRequests;
import windlass.scheduler.framework.PreScorePlugin;
import windlass.scheduler.framework.Resource;
import windlass.scheduler.framework.ScorePlugin;
import windlass.scheduler.framework.Status;

/**
 * NodeResourcesBalancedAllocation: prefers nodes whose resources would be used evenly once the pod runs. For each
 * resource (cpu and memory by default) the used fraction {@code (requested + pod) / allocatable}, capped at 1; the
 * score is {@code (1 - standard deviation of the fractions) * 100} (for two resources the deviation is half their
 * difference). Counts actual requests, without the non-zero defaults, as upstream.
 */
public final class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  public static final String NAME = "NodeResourcesBalancedAllocation";
  static final CycleState.Key<Resource> REQUESTS = new CycleState.Key<>(NAME + "/requests", Resource.class);

  private final List<ScoringStrategy.ResourceWeight> resources;

  public BalancedAllocation() {
    this(ScoringStrategy.CPU_AND_MEMORY);
  }

  public BalancedAllocation(List<ScoringStrategy.ResourceWeight> resources) {
    this.resources = List.copyOf(resources);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes) {
    state.write(REQUESTS, PodRequests.of(pod));
    return Status.success();
  }

  @Override
  public long score(CycleState state, V1.Pod pod, NodeInfo node) {
    Resource req = state == null ? null : state.get(REQUESTS);
    if (req == null) {
      req = PodRequests.of(pod);
    }
    double[] fractions = new double[resources.size()];
    int n = 0;
    double total = 0;
    for (ScoringStrategy.ResourceWeight r : resources) {
      long alloc = ScoringStrategy.allocatable(r.name(), req, node);
      if (alloc == 0) {
        continue;
      }
      long used = node.requested(r.name()) + req.amount(r.name());
      double f = Math.min(1.0, (double) used / alloc);
      fractions[n++] = f;
      total += f;
    }
    double std = 0;
    if (n == 2) {
      std = Math.abs((fractions[0] - fractions[1]) / 2);
    } else if (n > 2) {
      double mean = total / n;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += (fractions[i] - mean) * (fractions[i] - mean);
      }
      std = Math.sqrt(sum / n);
    }
    return (long) ((1 - std) * MAX_NODE_SCORE);
  }
}
