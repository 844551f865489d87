package windlass.apiserver.registry;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1Autoscaling;
import java.util.List;
import java.util.Map;
import java.util.Set;
import windlass.client.ApiException;
import windlass.client.FieldError;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.LabelSelector;
import windlass.client.ObjectMetas;
import windlass.client.codec.CodecException;
import windlass.client.codec.Json;
import windlass.client.codec.ObjectCodec;

/**
 * The {@code scale} subresource of deployments, replicasets and statefulsets, as upstream's ScaleREST: an
 * autoscaling/v1 Scale made from the object (name, namespace, uid, resourceVersion, creationTimestamp; spec.replicas;
 * status.replicas and status.selector in its string form); an update writes only spec.replicas back, with the
 * Scale's resourceVersion as precondition (none: retried until it lands) and its uid checked when given.
 */
final class ScaleSubresource {
  /** The kinds that have a scale subresource. */
  static final Set<Kind> KINDS = Set.of(Kinds.DEPLOYMENT, Kinds.REPLICA_SET, Kinds.STATEFUL_SET);
  /** Only for error messages: {@code Scale.autoscaling "web" is invalid: ...}. */
  private static final Kind SCALE = new Kind("autoscaling", "v1", "scale", "Scale", true, false,
      V1Autoscaling.Scale.getDefaultInstance(), List.of());
  private static final int RETRIES = 16;

  private final Registry registry;

  ScaleSubresource(Registry registry) {
    this.registry = registry;
  }

  V1Autoscaling.Scale get(Kind kind, String namespace, String name) {
    check(kind);
    return scaleOf(registry.get(kind, namespace, name));
  }

  V1Autoscaling.Scale update(Kind kind, String namespace, V1Autoscaling.Scale scale, boolean dryRun) {
    check(kind);
    String name = scale.getMetadata().getName();
    if (name.isEmpty()) {
      throw ApiException.badRequest("name is required: metadata.name must be set on Scale updates");
    }
    if (scale.getSpec().getReplicas() < 0) {
      throw ApiException.invalid(SCALE, name, List.of(FieldError.invalid("spec.replicas",
          scale.getSpec().getReplicas(), "must be greater than or equal to 0")));
    }
    String pinned = scale.getMetadata().getResourceVersion();
    for (int attempt = 0; ; attempt++) {
      Message current = registry.get(kind, namespace, name);
      ObjectMeta m = ObjectMetas.of(current);
      String uid = scale.getMetadata().getUid();
      if (!uid.isEmpty() && !uid.equals(m.getUid())) {
        throw ApiErrors.conflict(kind.groupResource() + "/scale", name, "Precondition failed: UID in precondition: "
            + uid + ", UID in object meta: " + m.getUid());
      }
      Message next = withReplicas(current, scale.getSpec().getReplicas());
      next = ObjectMetas.with(next, m.toBuilder().setResourceVersion(pinned.isEmpty() ? m.getResourceVersion() : pinned)
          .build());
      try {
        return scaleOf(registry.update(kind, namespace, next, dryRun));
      } catch (ApiException e) {
        if (e.code() != Code.ABORTED || !pinned.isEmpty() || attempt >= RETRIES) {
          throw e;
        }
      }
    }
  }

  /** Patches the Scale's JSON form (merge patch or JSON patch), then updates as {@link #update}. */
  V1Autoscaling.Scale patch(Kind kind, String namespace, String name, PatchFormat format, String patch,
      boolean dryRun) {
    check(kind);
    if (format == PatchFormat.STRATEGIC_MERGE_PATCH) {
      throw ApiException.notImplemented("strategic merge patch of the scale subresource; use a JSON merge patch");
    }
    Object patchTree;
    try {
      patchTree = Json.parse(patch);
    } catch (CodecException | IllegalArgumentException e) {
      throw ApiException.badRequest("error decoding patch: " + e.getMessage());
    }
    boolean pinned = format == PatchFormat.JSON_PATCH ? patch.contains("/metadata/resourceVersion")
        : patchTree instanceof Map<?, ?> p && p.get("metadata") instanceof Map<?, ?> md
            && md.get("resourceVersion") != null;
    for (int attempt = 0; ; attempt++) {
      V1Autoscaling.Scale current = get(kind, namespace, name);
      Object tree = ObjectCodec.toObjectTree(current, "autoscaling/v1", "Scale");
      V1Autoscaling.Scale next;
      try {
        Object patched = format == PatchFormat.JSON_PATCH ? JsonPatch.apply(tree, patchTree)
            : MergePatch.apply(tree, patchTree);
        next = ObjectCodec.fromTree(patched, V1Autoscaling.Scale.getDefaultInstance());
      } catch (CodecException | IllegalArgumentException e) {
        throw ApiException.badRequest("the server rejected our request due to an error in our request: "
            + e.getMessage());
      }
      try {
        return update(kind, namespace, next, dryRun);
      } catch (ApiException e) {
        if (e.code() != Code.ABORTED || pinned || attempt >= RETRIES) {
          throw e;
        }
      }
    }
  }

  private static void check(Kind kind) {
    if (!KINDS.contains(kind)) {
      throw ApiErrors.noSubresource(kind, "scale");
    }
  }

  static V1Autoscaling.Scale scaleOf(Message obj) {
    ObjectMeta m = ObjectMetas.of(obj);
    Message spec = (Message) obj.getField(obj.getDescriptorForType().findFieldByName("spec"));
    Message status = (Message) obj.getField(obj.getDescriptorForType().findFieldByName("status"));
    Meta.LabelSelector selector = (Meta.LabelSelector) spec.getField(spec.getDescriptorForType()
        .findFieldByName("selector"));
    FieldDescriptor specReplicas = spec.getDescriptorForType().findFieldByName("replicas");
    String sel;
    try {
      // upstream's labels.Selector prints its requirements sorted by key
      sel = LabelSelector.of(LabelSelector.fromProto(selector).requirements().stream()
          .sorted(java.util.Comparator.comparing(LabelSelector.Requirement::key)).toList()).toString();
    } catch (IllegalArgumentException e) {
      throw ApiException.internal("the object's selector does not parse: " + e.getMessage());
    }
    return V1Autoscaling.Scale.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(m.getName()).setNamespace(m.getNamespace()).setUid(m.getUid())
            .setResourceVersion(m.getResourceVersion()).setCreationTimestamp(m.getCreationTimestamp()))
        .setSpec(V1Autoscaling.ScaleSpec.newBuilder().setReplicas((Integer) spec.getField(specReplicas)))
        .setStatus(V1Autoscaling.ScaleStatus.newBuilder()
            .setReplicas((Integer) status.getField(status.getDescriptorForType().findFieldByName("replicas")))
            .setSelector(sel))
        .build();
  }

  private static Message withReplicas(Message obj, int replicas) {
    FieldDescriptor specField = obj.getDescriptorForType().findFieldByName("spec");
    Message spec = (Message) obj.getField(specField);
    Message newSpec = spec.toBuilder().setField(spec.getDescriptorForType().findFieldByName("replicas"), replicas)
        .build();
    return obj.toBuilder().setField(specField, newSpec).build();
  }
}
