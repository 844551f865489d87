package windlass.scheduler.plugins.defaultpreemption;

import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.ArrayList;
import java.util.List;
import windlass.client.LabelSelector;

/** Upstream's filterPodsWithPDBViolation: which potential victims would take a budget below zero. */
final class PdbViolations {
  /** The pods whose eviction would violate a budget, and the others, each in the order given. */
  record Split(List<V1.Pod> violating, List<V1.Pod> nonViolating) {}

  private PdbViolations() {}

  /**
   * Walks {@code pods} in order (most important first), taking one disruption from every budget in the pod's
   * namespace whose selector matches its labels, unless the budget lists the pod in status.disruptedPods (the
   * apiserver already counted it); a pod that takes any budget's status.disruptionsAllowed below zero is violating. A
   * budget with no selector, an empty one or one that cannot be parsed matches no pod, as upstream.
   */
  static Split split(List<V1.Pod> pods, List<V1Policy.PodDisruptionBudget> pdbs) {
    int[] allowed = new int[pdbs.size()];
    LabelSelector[] selectors = new LabelSelector[pdbs.size()];
    for (int i = 0; i < allowed.length; i++) {
      V1Policy.PodDisruptionBudget pdb = pdbs.get(i);
      allowed[i] = pdb.getStatus().getDisruptionsAllowed();
      selectors[i] = selector(pdb);
    }
    List<V1.Pod> violating = new ArrayList<>();
    List<V1.Pod> nonViolating = new ArrayList<>();
    for (V1.Pod pod : pods) {
      boolean violates = false;
      if (pod.getMetadata().getLabelsCount() > 0) {
        for (int i = 0; i < allowed.length; i++) {
          V1Policy.PodDisruptionBudget pdb = pdbs.get(i);
          if (selectors[i] == null || !pdb.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())
              || !selectors[i].matches(pod.getMetadata().getLabelsMap())
              || pdb.getStatus().containsDisruptedPods(pod.getMetadata().getName())) {
            continue;
          }
          allowed[i]--;
          if (allowed[i] < 0) {
            violates = true;
          }
        }
      }
      (violates ? violating : nonViolating).add(pod);
    }
    return new Split(violating, nonViolating);
  }

  /** The budget's selector, or null when it matches nothing (absent, empty or invalid). */
  private static LabelSelector selector(V1Policy.PodDisruptionBudget pdb) {
    if (!pdb.getSpec().hasSelector()) {
      return null;
    }
    try {
      LabelSelector s = LabelSelector.fromProto(pdb.getSpec().getSelector());
      return s.isEmpty() || s.isNothing() ? null : s;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
