package windlass.scheduler.plugins.tainttoleration;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Optional;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PreScorePlugin;
import windlass.scheduler.framework.ScorePlugin;
import windlass.scheduler.framework.Status;
import windlass.scheduler.framework.Taints;

/**
 * Filter: rejects nodes with a NoSchedule or NoExecute taint the pod does not tolerate, naming the first one
 * ({@code node(s) had untolerated taint {key: value}}). Score: prefers nodes with fewer untolerated
 * PreferNoSchedule taints.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  public static final String NAME = "TaintToleration";

  /** The pod's tolerations that can tolerate PreferNoSchedule taints (effect empty or PreferNoSchedule). */
  record PreferTolerations(List<V1.Toleration> tolerations) {}

  static final CycleState.Key<PreferTolerations> PREFER =
      new CycleState.Key<>(NAME + "/prefer-no-schedule-tolerations", PreferTolerations.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    List<V1.Taint> taints = node.taints();
    if (taints.isEmpty()) {
      return Status.success();
    }
    Optional<V1.Taint> t = Taints.firstUntolerated(taints, pod.getSpec().getTolerationsList(),
        TaintToleration::noScheduleOrNoExecute);
    if (t.isEmpty()) {
      return Status.success();
    }
    return Status.unresolvable("node(s) had untolerated taint {" + t.get().getKey() + ": " + t.get().getValue() + "}");
  }

  private static boolean noScheduleOrNoExecute(V1.Taint taint) {
    return taint.getEffect().equals(Taints.NO_SCHEDULE) || taint.getEffect().equals(Taints.NO_EXECUTE);
  }

  @Override
  public Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes) {
    state.write(PREFER, new PreferTolerations(preferTolerations(pod)));
    return Status.success();
  }

  private static List<V1.Toleration> preferTolerations(V1.Pod pod) {
    return pod.getSpec().getTolerationsList().stream()
        .filter(t -> t.getEffect().isEmpty() || t.getEffect().equals(Taints.PREFER_NO_SCHEDULE)).toList();
  }

  /** The number of PreferNoSchedule taints the pod does not tolerate (normalized in reverse). */
  @Override
  public long score(CycleState state, V1.Pod pod, NodeInfo node) {
    List<V1.Taint> taints = node.taints();
    if (taints.isEmpty()) {
      return 0;
    }
    List<V1.Toleration> prefer = state == null ? preferTolerations(pod)
        : state.read(PREFER).map(PreferTolerations::tolerations).orElseGet(() -> preferTolerations(pod));
    long count = 0;
    for (V1.Taint t : taints) {
      if (t.getEffect().equals(Taints.PREFER_NO_SCHEDULE) && !Taints.tolerated(prefer, t)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void normalize(CycleState state, V1.Pod pod, List<NodeInfo> nodes, long[] scores) {
    ScorePlugin.defaultNormalize(scores, true);
  }
}
