package windlass.apiserver.registry.policy;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.time.Clock;
import java.util.List;
import windlass.apiserver.registry.ApiErrors;
import windlass.apiserver.registry.DeleteOptions;
import windlass.apiserver.registry.ResourceStore;
import windlass.client.ApiException;

/**
 * The pod {@code eviction} subresource as upstream's EvictionREST: a pod that is not running (Pending, Succeeded,
 * Failed) or already being deleted goes at once; otherwise the one PodDisruptionBudget covering it must allow a
 * disruption (else 429 TooManyRequests, gRPC RESOURCE_EXHAUSTED: retry later), the budget records the pod in
 * {@code status.disruptedPods} with one disruption fewer, and the pod is deleted with the eviction's DeleteOptions.
 * Evictions are serialised so two cannot spend the same disruption.
 */
public final class PodEvictor {
  /** What deletes the pod: the registry's delete, so owners, namespaces and quotas hear of it. */
  public interface PodDeleter {
    void delete(String namespace, String name, DeleteOptions options);
  }

  static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

  private final ResourceStore pods;
  private final ResourceStore budgets;
  private final DisruptionBudgets disruption;
  private final PodDeleter deleter;
  private final Clock clock;

  public PodEvictor(ResourceStore pods, ResourceStore budgets, DisruptionBudgets disruption, PodDeleter deleter,
      Clock clock) {
    this.pods = pods;
    this.budgets = budgets;
    this.disruption = disruption;
    this.deleter = deleter;
    this.clock = clock;
  }

  public synchronized Meta.Status evict(String namespace, String name, V1Policy.Eviction eviction, boolean dryRun) {
    String named = eviction.getMetadata().getName();
    if (!named.isEmpty() && !named.equals(name)) {
      throw ApiException.badRequest("name in URL does not match name in Eviction object");
    }
    DeleteOptions options = options(eviction.getDeleteOptions(), dryRun);
    V1.Pod pod = (V1.Pod) pods.get(namespace, name);
    String phase = pod.getStatus().getPhase();
    boolean ignoreBudget = phase.equals("Pending") || phase.equals("Succeeded") || phase.equals("Failed")
        || pod.getMetadata().hasDeletionTimestamp();
    if (!ignoreBudget) {
      List<V1Policy.PodDisruptionBudget> covering = disruption.covering(pod);
      if (covering.size() > 1) {
        throw ApiException.internal(
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
      }
      if (covering.size() == 1) {
        V1Policy.PodDisruptionBudget b = covering.get(0);
        spend(b, pod, options.dryRun());
        try {
          deleter.delete(namespace, name, options);
        } catch (RuntimeException e) {
          giveBack(b, name);
          throw e;
        }
        return ApiErrors.success(201);
      }
    }
    deleter.delete(namespace, name, options);
    return ApiErrors.success(201);
  }

  /** Takes one disruption from the budget, or refuses; unhealthy pods may go when the policy lets them. */
  private void spend(V1Policy.PodDisruptionBudget b, V1.Pod pod, boolean dryRun) {
    V1Policy.PodDisruptionBudgetStatus status = disruption.status(b);
    if (!DisruptionBudgets.ready(pod)) {
      boolean always = "AlwaysAllow".equals(b.getSpec().getUnhealthyPodEvictionPolicy());
      if (always || status.getCurrentHealthy() >= status.getDesiredHealthy()) {
        return;
      }
    }
    if (status.getDisruptionsAllowed() <= 0) {
      throw tooManyRequests(b.getMetadata().getName(), status);
    }
    if (dryRun) {
      return;
    }
    String ns = b.getMetadata().getNamespace();
    budgets.mutate(ns, b.getMetadata().getName(), m -> {
      V1Policy.PodDisruptionBudget cur = (V1Policy.PodDisruptionBudget) m;
      V1Policy.PodDisruptionBudgetStatus now = disruption.status(cur);
      if (now.getDisruptionsAllowed() <= 0) {
        throw tooManyRequests(cur.getMetadata().getName(), now);
      }
      return cur.toBuilder().setStatus(now.toBuilder()
          .setDisruptionsAllowed(now.getDisruptionsAllowed() - 1)
          .putDisruptedPods(pod.getMetadata().getName(),
              Meta.Time.newBuilder().setSeconds(clock.instant().getEpochSecond()).build())).build();
    });
  }

  /** The pod was not deleted after all: the budget forgets it and is recomputed. */
  private void giveBack(V1Policy.PodDisruptionBudget b, String pod) {
    try {
      budgets.mutate(b.getMetadata().getNamespace(), b.getMetadata().getName(), m -> {
        V1Policy.PodDisruptionBudget cur = (V1Policy.PodDisruptionBudget) m;
        V1Policy.PodDisruptionBudget.Builder nb = cur.toBuilder();
        nb.getStatusBuilder().removeDisruptedPods(pod);
        return nb.setStatus(disruption.status(nb.build())).build();
      });
    } catch (ApiException ignored) {
      // the budget went away meanwhile: nothing to give back
    }
  }

  static ApiException tooManyRequests(String budget, V1Policy.PodDisruptionBudgetStatus s) {
    return new ApiException(Code.RESOURCE_EXHAUSTED, Meta.Status.newBuilder().setStatus("Failure").setCode(429)
        .setReason("TooManyRequests").setMessage(VIOLATION)
        .setDetails(Meta.StatusDetails.newBuilder().addCauses(Meta.StatusCause.newBuilder()
            .setReason("DisruptionBudget").setMessage("The disruption budget " + budget + " needs "
                + s.getDesiredHealthy() + " healthy pods and has " + s.getCurrentHealthy() + " currently")))
        .build());
  }

  private static DeleteOptions options(Meta.DeleteOptions o, boolean dryRun) {
    return new DeleteOptions(o.hasGracePeriodSeconds() ? o.getGracePeriodSeconds() : null,
        DeleteOptions.propagation(o.getPropagationPolicy()),
        o.hasPreconditions() ? o.getPreconditions().getUid() : "",
        o.hasPreconditions() ? o.getPreconditions().getResourceVersion() : "",
        dryRun || o.getDryRunCount() > 0);
  }
}
