package windlass.scheduler.plugins.tainttoleration;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.ScorePlugin;
import windlass.scheduler.framework.Status;
import windlass.scheduler.framework.Taints;

/**
 * Filter: rejects nodes with a NoSchedule or NoExecute taint the pod does not tolerate, naming the first one
 * ({@code node(s) had untolerated taint {key: value}}). Score: prefers nodes with fewer untolerated
 * PreferNoSchedule taints.
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {
  public static final String NAME = "TaintToleration";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    Optional<V1.Taint> t = Taints.firstUntolerated(node.node().getSpec().getTaintsList(),
        pod.getSpec().getTolerationsList(),
        taint -> taint.getEffect().equals(Taints.NO_SCHEDULE) || taint.getEffect().equals(Taints.NO_EXECUTE));
    if (t.isEmpty()) {
      return Status.success();
    }
    return Status.unresolvable("node(s) had untolerated taint {" + t.get().getKey() + ": " + t.get().getValue() + "}");
  }

  /** The number of PreferNoSchedule taints the pod does not tolerate (normalized in reverse). */
  @Override
  public long score(CycleState state, V1.Pod pod, NodeInfo node) {
    List<V1.Toleration> prefer = pod.getSpec().getTolerationsList().stream()
        .filter(t -> t.getEffect().isEmpty() || t.getEffect().equals(Taints.PREFER_NO_SCHEDULE)).toList();
    return node.node().getSpec().getTaintsList().stream()
        .filter(t -> t.getEffect().equals(Taints.PREFER_NO_SCHEDULE))
        .filter(t -> !Taints.tolerated(prefer, t))
        .count();
  }

  @Override
  public void normalize(CycleState state, V1.Pod pod, Map<String, Long> scores) {
    ScorePlugin.defaultNormalize(scores, true);
  }
}
