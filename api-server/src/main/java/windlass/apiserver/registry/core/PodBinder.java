package windlass.apiserver.registry.core;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.ApiErrors;
import windlass.apiserver.registry.ResourceStore;
import windlass.client.ApiException;
import windlass.client.FieldError;
import windlass.client.Kind;
import windlass.client.Kinds;

/**
 * The pod {@code binding} subresource, as upstream's BindingREST: sets spec.nodeName once (Conflict when the pod is
 * already assigned or being deleted), copies the binding's annotations, and sets the PodScheduled condition.
 */
public final class PodBinder {
  /** Binding is not a served kind, only a request body; errors about it name it as upstream. */
  private static final Kind BINDING =
      new Kind("", "v1", "bindings", "Binding", true, false, V1.Binding.getDefaultInstance(), List.of());

  private final ResourceStore pods;
  private final Clock clock;

  public PodBinder(ResourceStore pods, Clock clock) {
    this.pods = pods;
    this.clock = clock;
  }

  public Meta.Status bind(String namespace, String name, V1.Binding binding, boolean dryRun) {
    String bindingName = binding.getMetadata().getName();
    if (!name.isEmpty() && !bindingName.isEmpty() && !name.equals(bindingName)) {
      throw ApiException.badRequest("name in URL does not match name in Binding object");
    }
    String pod = name.isEmpty() ? bindingName : name;
    List<FieldError> errs = new ArrayList<>();
    if (binding.getTarget().getName().isEmpty()) {
      errs.add(FieldError.required("target.name", ""));
    }
    String kind = binding.getTarget().getKind();
    if (!kind.isEmpty() && !kind.equals("Node")) {
      errs.add(FieldError.notSupported("target.kind", kind, List.of("Node", "<empty>")));
    }
    if (!errs.isEmpty()) {
      throw ApiException.invalid(BINDING, pod, errs);
    }
    String node = binding.getTarget().getName();
    if (dryRun) {
      check((V1.Pod) pods.get(namespace, pod), pod);
      return ApiErrors.success(201);
    }
    pods.mutate(namespace, pod, m -> {
      V1.Pod p = (V1.Pod) m;
      check(p, pod);
      V1.Pod.Builder b = p.toBuilder();
      b.getSpecBuilder().setNodeName(node);
      if (binding.getMetadata().getAnnotationsCount() > 0) {
        b.getMetadataBuilder().putAllAnnotations(binding.getMetadata().getAnnotationsMap());
      }
      setScheduled(b.getStatusBuilder());
      return b.build();
    });
    return ApiErrors.success(201);
  }

  private static void check(V1.Pod p, String name) {
    if (p.getMetadata().hasDeletionTimestamp()) {
      throw ApiErrors.conflict("pods/binding", name,
          "pod " + name + " is being deleted, cannot be assigned to a host");
    }
    if (!p.getSpec().getNodeName().isEmpty()) {
      throw ApiErrors.conflict("pods/binding", name,
          "pod " + name + " is already assigned to node \"" + p.getSpec().getNodeName() + "\"");
    }
  }

  private void setScheduled(V1.PodStatus.Builder status) {
    Meta.Time now = Meta.Time.newBuilder().setSeconds(clock.instant().getEpochSecond()).setNanos(0).build();
    V1.PodCondition scheduled = V1.PodCondition.newBuilder().setType("PodScheduled").setStatus("True")
        .setLastTransitionTime(now).build();
    for (int i = 0; i < status.getConditionsCount(); i++) {
      if (status.getConditions(i).getType().equals("PodScheduled")) {
        V1.PodCondition old = status.getConditions(i);
        status.setConditions(i, old.getStatus().equals("True") ? old : scheduled);
        return;
      }
    }
    status.addConditions(scheduled);
  }
}
