package windlass.apiserver.registry;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Set;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ObjectMetas;

/**
 * Namespaces as upstream's NamespaceLifecycle admission plus namespace controller, done in-process: content needs an
 * existing, non-terminating namespace; deleting a namespace marks it Terminating, deletes its content, and removes
 * it once empty (at once, or when its last pod is finally deleted by its kubelet).
 */
final class NamespaceLifecycle {
  static final List<String> SYSTEM = List.of("default", "kube-system", "kube-public", "kube-node-lease");
  private static final Set<String> UNDELETABLE = Set.of("default", "kube-system", "kube-public");

  private final Registry registry;
  private final ResourceStore namespaces;

  NamespaceLifecycle(Registry registry, ResourceStore namespaces) {
    this.registry = registry;
    this.namespaces = namespaces;
  }

  void ensureSystemNamespaces() {
    for (String name : SYSTEM) {
      if (namespaces.find("", name).isEmpty()) {
        try {
          namespaces.create(V1.Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name)).build(), false);
        } catch (ApiException e) {
          if (e.code() != io.grpc.Status.Code.ALREADY_EXISTS) {
            throw e;
          }
        }
      }
    }
  }

  void admitCreate(Kind kind, String namespace, String name) {
    if (!kind.namespaced() || namespace.isEmpty()) {
      return;
    }
    V1.Namespace ns = (V1.Namespace) namespaces.findCurrent("", namespace)
        .orElseThrow(() -> ApiErrors.notFound("namespaces", namespace));
    if (terminating(ns)) {
      throw ApiErrors.forbidden(kind, name,
          "unable to create new content in namespace " + namespace + " because it is being terminated");
    }
  }

  Message delete(String name, DeleteOptions o) {
    if (UNDELETABLE.contains(name)) {
      throw ApiErrors.forbidden(namespaces.kind(), name, "this namespace may not be deleted");
    }
    Message current = namespaces.get("", name);
    if (o.dryRun()) {
      return current;
    }
    Message marked = namespaces.mutate("", name, m -> {
      V1.Namespace ns = (V1.Namespace) m;
      ObjectMeta meta = ns.getMetadata();
      V1.Namespace.Builder b = ns.toBuilder();
      if (!meta.hasDeletionTimestamp()) {
        b.getMetadataBuilder().setDeletionTimestamp(namespaces.now(0));
      }
      b.getStatusBuilder().setPhase("Terminating");
      if (!ns.getSpec().getFinalizersList().contains("kubernetes")) {
        b.getSpecBuilder().addFinalizers("kubernetes"); // held until its content is gone
      }
      return b.build();
    });
    for (Kind kind : registry.kinds()) {
      if (!kind.namespaced()) {
        continue;
      }
      for (Message obj : registry.store(kind).all(name)) {
        try {
          // Background, as upstream's namespace deleter: drops the collector's finalizers, so nothing waits on it.
          registry.delete(kind, name, ObjectMetas.of(obj).getName(),
              DeleteOptions.DEFAULT.withPropagation(DeleteOptions.Propagation.BACKGROUND));
        } catch (ApiException e) {
          if (e.code() != io.grpc.Status.Code.NOT_FOUND) {
            throw e;
          }
        }
      }
    }
    Message finished = finalizeIfEmpty(name);
    return finished != null ? finished : namespaces.find("", name).orElse(marked);
  }

  /** After content was removed: a terminating namespace that is now empty goes away. */
  void contentRemoved(String namespace) {
    if (!namespace.isEmpty()) {
      finalizeIfEmpty(namespace);
    }
  }

  private Message finalizeIfEmpty(String name) {
    V1.Namespace ns = (V1.Namespace) namespaces.find("", name).orElse(null);
    if (ns == null || !terminating(ns)) {
      return null;
    }
    for (Kind kind : registry.kinds()) {
      if (kind.namespaced() && !registry.store(kind).isEmpty(name)) {
        return null;
      }
    }
    try {
      // Dropping the "kubernetes" finalizer of a namespace marked for deletion removes it (ResourceStore).
      return namespaces.mutate("", name, m -> ((V1.Namespace) m).toBuilder()
          .setSpec(V1.NamespaceSpec.getDefaultInstance()).build());
    } catch (ApiException e) {
      if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  boolean active(String name) {
    return namespaces.find("", name).map(m -> !terminating((V1.Namespace) m)).orElse(false);
  }

  private static boolean terminating(V1.Namespace ns) {
    return ns.getMetadata().hasDeletionTimestamp() || "Terminating".equals(ns.getStatus().getPhase());
  }
}
