package windlass.apiserver.registry.policy;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.List;
import windlass.apiserver.registry.ResourceStore;
import windlass.client.ApiException;
import windlass.client.LabelSelector;

/**
 * The part of upstream's disruption controller the eviction subresource needs, computed on demand from the stored
 * pods: which budgets cover a pod, and a budget's status (expected and healthy pods, desired healthy, disruptions
 * allowed). For an integer minAvailable the expected pods are the matching pods; for maxUnavailable or a percentage
 * they are the replicas the pods' controllers want, and a matching pod without a controller leaves the budget
 * allowing no disruption, as upstream's failsafe does.
 */
public final class DisruptionBudgets {
  /** A pod controller's desired replicas (its spec.replicas), following a ReplicaSet up to its Deployment. */
  public interface ControllerScale {
    java.util.OptionalInt replicas(String namespace, io.kubernetes.client.proto.Meta.OwnerReference controller);
  }

  private final ResourceStore budgets;
  private final ResourceStore pods;
  private final ControllerScale scale;

  public DisruptionBudgets(ResourceStore budgets, ResourceStore pods, ControllerScale scale) {
    this.budgets = budgets;
    this.pods = pods;
    this.scale = scale;
  }

  /** The budgets of the pod's namespace whose selector matches it (a budget without selector matches nothing). */
  public List<V1Policy.PodDisruptionBudget> covering(V1.Pod pod) {
    return budgets.all(pod.getMetadata().getNamespace()).stream().map(V1Policy.PodDisruptionBudget.class::cast)
        .filter(b -> b.getSpec().hasSelector()
            && LabelSelector.fromProto(b.getSpec().getSelector()).matches(pod.getMetadata().getLabelsMap()))
        .toList();
  }

  /** The budget's status now: counts over the matching pods, disruptedPods and conditions kept. */
  public V1Policy.PodDisruptionBudgetStatus status(V1Policy.PodDisruptionBudget b) {
    int expected = 0;
    int healthy = 0;
    boolean byScale = b.getSpec().hasMaxUnavailable() || b.getSpec().getMinAvailable().getType() == 1;
    java.util.Map<String, Integer> controllers = new java.util.HashMap<>();
    boolean unknownScale = false;
    java.util.Set<String> live = new java.util.HashSet<>();
    if (b.getSpec().hasSelector()) {
      LabelSelector sel = LabelSelector.fromProto(b.getSpec().getSelector());
      for (var m : pods.all(b.getMetadata().getNamespace())) {
        V1.Pod p = (V1.Pod) m;
        if (!sel.matches(p.getMetadata().getLabelsMap()) || terminal(p)) {
          continue;
        }
        expected++;
        if (byScale) {
          var ctl = p.getMetadata().getOwnerReferencesList().stream().filter(r -> r.getController()).findFirst();
          java.util.OptionalInt n = ctl.isPresent() ? scale.replicas(p.getMetadata().getNamespace(), ctl.get())
              : java.util.OptionalInt.empty();
          if (n.isEmpty()) {
            unknownScale = true;
          } else {
            controllers.put(ctl.get().getUid(), n.getAsInt());
          }
        }
        if (!p.getMetadata().hasDeletionTimestamp()) {
          live.add(p.getMetadata().getName());
        }
        if (!p.getMetadata().hasDeletionTimestamp() && ready(p)) {
          healthy++;
        }
      }
    }
    if (byScale) {
      expected = controllers.values().stream().mapToInt(Integer::intValue).sum();
    }
    int desired = desired(b.getSpec(), expected);
    V1Policy.PodDisruptionBudgetStatus.Builder st = b.getStatus().toBuilder();
    for (String pod : b.getStatus().getDisruptedPodsMap().keySet()) {
      if (!live.contains(pod)) {
        st.removeDisruptedPods(pod); // its deletion went through: the pod no longer counts as healthy anyway
      }
    }
    return st.setObservedGeneration(b.getMetadata().getGeneration())
        .setExpectedPods(expected).setCurrentHealthy(healthy).setDesiredHealthy(desired)
        .setDisruptionsAllowed(unknownScale ? 0 : Math.max(0, healthy - desired)).build();
  }

  /** Writes {@link #status} into the stored budget (no write when nothing changed). */
  public V1Policy.PodDisruptionBudget refresh(String namespace, String name) {
    return (V1Policy.PodDisruptionBudget) budgets.mutate(namespace, name, m -> {
      V1Policy.PodDisruptionBudget b = (V1Policy.PodDisruptionBudget) m;
      return b.toBuilder().setStatus(status(b)).build();
    });
  }

  /** Refreshes every budget covering {@code pod}; budgets gone meanwhile are skipped. */
  public void refreshCovering(V1.Pod pod) {
    for (V1Policy.PodDisruptionBudget b : covering(pod)) {
      try {
        refresh(b.getMetadata().getNamespace(), b.getMetadata().getName());
      } catch (ApiException e) {
        if (e.code() != io.grpc.Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
  }

  static int desired(V1Policy.PodDisruptionBudgetSpec s, int expected) {
    if (s.hasMaxUnavailable()) {
      return Math.max(0, expected - scaled(s.getMaxUnavailable(), expected));
    }
    if (s.hasMinAvailable()) {
      return scaled(s.getMinAvailable(), expected);
    }
    return 1;
  }

  /** upstream GetScaledValueFromIntOrPercent, rounding up. */
  private static int scaled(IntOrString v, int total) {
    if (v.getType() == 0) {
      return v.getIntVal();
    }
    String s = v.getStrVal();
    int pct = Integer.parseInt(s.substring(0, s.length() - 1));
    return (int) Math.ceil(pct * (double) total / 100.0);
  }

  static boolean terminal(V1.Pod p) {
    String phase = p.getStatus().getPhase();
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  static boolean ready(V1.Pod p) {
    return p.getStatus().getConditionsList().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
