package windlass.apiserver.registry;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.OwnerReference;
import java.util.List;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ObjectMetas;

/**
 * Garbage collection by ownerReferences, done synchronously when an owner is removed (v0; upstream's collector is
 * an asynchronous controller with a dependency graph): dependents in the owner's namespace that name it by uid are
 * deleted (Background/Foreground), or lose the reference (Orphan, or when another owner remains).
 */
final class OwnerCascade {
  private final Registry registry;

  OwnerCascade(Registry registry) {
    this.registry = registry;
  }

  void ownerRemoved(Message owner, DeleteOptions o) {
    ObjectMeta m = ObjectMetas.of(owner);
    if (m.getNamespace().isEmpty() || m.getUid().isEmpty()) {
      return; // cluster-scoped owners: no namespaced kind served today names one
    }
    for (Kind kind : registry.kinds()) {
      if (!kind.namespaced()) {
        continue;
      }
      for (Message dep : registry.store(kind).ownedBy(m.getNamespace(), m.getUid())) {
        ObjectMeta d = ObjectMetas.of(dep);
        try {
          if (o.propagation() == DeleteOptions.Propagation.ORPHAN || d.getOwnerReferencesCount() > 1) {
            dropReference(kind, d, m.getUid());
          } else {
            registry.delete(kind, d.getNamespace(), d.getName(),
                DeleteOptions.DEFAULT.withPropagation(o.propagation()));
          }
        } catch (ApiException e) {
          if (e.code() != io.grpc.Status.Code.NOT_FOUND) {
            throw e;
          }
        }
      }
    }
  }

  private void dropReference(Kind kind, ObjectMeta dependent, String ownerUid) {
    registry.store(kind).mutate(dependent.getNamespace(), dependent.getName(), obj -> {
      ObjectMeta meta = ObjectMetas.of(obj);
      List<OwnerReference> kept =
          meta.getOwnerReferencesList().stream().filter(r -> !r.getUid().equals(ownerUid)).toList();
      return ObjectMetas.with(obj, meta.toBuilder().clearOwnerReferences().addAllOwnerReferences(kept).build());
    });
  }
}
