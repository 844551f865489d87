package windlass.controllers.garbagecollector;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.OwnerReference;
import java.util.Map;
import java.util.Optional;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ObjectMetas;
import windlass.client.WindlassClient;
import windlass.client.informer.SharedInformer;

/**
 * Classifies owner references: from the informer cache when the owner is there with the same uid, else by a live GET
 * (the cache may lag behind a create, so "absent from the cache" alone never deletes anything), as upstream does.
 */
final class OwnerLookup {
  private final WindlassClient client;
  private final Map<Kind, SharedInformer<Message>> informers;

  OwnerLookup(WindlassClient client, Map<Kind, SharedInformer<Message>> informers) {
    this.client = client;
    this.informers = informers;
  }

  /** The served kind an owner reference names (apiVersion + kind); empty for kinds this cluster does not serve. */
  Optional<Kind> kindOf(OwnerReference ref) {
    return informers.keySet().stream()
        .filter(k -> k.apiVersion().equals(ref.getApiVersion()) && k.kind().equals(ref.getKind()))
        .findFirst();
  }

  /** The owner's namespace: the dependent's for namespaced owners, "" for cluster-scoped ones. */
  static String ownerNamespace(Kind ownerKind, ObjectMeta dependent) {
    return ownerKind.namespaced() ? dependent.getNamespace() : "";
  }

  /** The state of the owner {@code ref} of {@code dependent}; an unknown kind counts as solid (never guessed away). */
  OwnerState state(ObjectMeta dependent, OwnerReference ref) {
    Optional<Kind> kind = kindOf(ref);
    if (kind.isEmpty()) {
      return OwnerState.SOLID;
    }
    String ns = ownerNamespace(kind.get(), dependent);
    Optional<Message> cached = informers.get(kind.get()).lister().get(ns, ref.getName());
    Optional<Message> owner = cached.filter(o -> ObjectMetas.of(o).getUid().equals(ref.getUid()));
    if (owner.isEmpty()) {
      try {
        owner = Optional.of(client.resource(kind.get(), ns).get(ref.getName()))
            .filter(o -> ObjectMetas.of(o).getUid().equals(ref.getUid()));
      } catch (ApiException e) {
        if (e.code() != Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    if (owner.isEmpty()) {
      return OwnerState.DANGLING;
    }
    ObjectMeta m = ObjectMetas.of(owner.get());
    return m.hasDeletionTimestamp() && m.getFinalizersList().contains(GarbageCollector.FOREGROUND)
        ? OwnerState.WAITING_FOR_DEPENDENTS : OwnerState.SOLID;
  }
}
