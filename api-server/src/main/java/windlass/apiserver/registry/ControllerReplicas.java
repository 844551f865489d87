package windlass.apiserver.registry;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.OwnerReference;
import java.util.Optional;
import java.util.OptionalInt;
import windlass.apiserver.registry.policy.DisruptionBudgets;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;

/**
 * The scale of a pod's controller for PodDisruptionBudgets, as upstream's disruption controller finds it: the
 * controller's {@code spec.replicas} (any served kind that has one), a ReplicaSet owned by a Deployment answering
 * with the Deployment's.
 */
final class ControllerReplicas implements DisruptionBudgets.ControllerScale {
  private final Registry registry;

  ControllerReplicas(Registry registry) {
    this.registry = registry;
  }

  @Override
  public OptionalInt replicas(String namespace, OwnerReference controller) {
    Optional<Message> owner = find(namespace, controller);
    if (owner.isEmpty()) {
      return OptionalInt.empty();
    }
    if (controller.getKind().equals("ReplicaSet")) {
      Optional<OwnerReference> up = ObjectMetas.of(owner.get()).getOwnerReferencesList().stream()
          .filter(r -> r.getController() && r.getKind().equals("Deployment")).findFirst();
      if (up.isPresent()) {
        Optional<Message> d = find(namespace, up.get());
        if (d.isPresent()) {
          return specReplicas(d.get());
        }
      }
    }
    return specReplicas(owner.get());
  }

  private Optional<Message> find(String namespace, OwnerReference ref) {
    Optional<Kind> kind = Kinds.forApiVersionKind(ref.getApiVersion(), ref.getKind());
    if (kind.isEmpty() || !registry.kinds().contains(kind.get())) {
      return Optional.empty();
    }
    return registry.store(kind.get()).find(namespace, ref.getName())
        .filter(m -> ObjectMetas.of(m).getUid().equals(ref.getUid()));
  }

  private static OptionalInt specReplicas(Message obj) {
    FieldDescriptor spec = obj.getDescriptorForType().findFieldByName("spec");
    if (spec == null) {
      return OptionalInt.empty();
    }
    Message s = (Message) obj.getField(spec);
    FieldDescriptor replicas = s.getDescriptorForType().findFieldByName("replicas");
    if (replicas == null) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(s.hasField(replicas) ? ((Number) s.getField(replicas)).intValue() : 1);
  }
}
