package windlass.apiserver.registry;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import java.util.Map;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.codec.CodecException;
import windlass.client.codec.Json;
import windlass.client.codec.ObjectCodec;

/**
 * Patch as upstream (JSON patch, JSON merge patch, strategic merge patch): the patch is applied to the current
 * object's JSON form, the result decoded strictly and
 * stored as an update with the current resourceVersion as precondition; a concurrent write makes it start over,
 * unless the patch named a resourceVersion itself (then the conflict is the caller's).
 */
final class Patcher {
  private static final int RETRIES = 16;
  private final Registry registry;

  Patcher(Registry registry) {
    this.registry = registry;
  }

  Message patch(Kind kind, String namespace, String name, PatchFormat type, String patch, String subresource,
      boolean dryRun) {
    if (!subresource.isEmpty() && !subresource.equals("status")) {
      throw ApiErrors.noSubresource(kind, subresource);
    }
    Object patchTree;
    try {
      patchTree = Json.parse(patch);
    } catch (CodecException | IllegalArgumentException e) {
      throw ApiException.badRequest("error decoding patch: " + e.getMessage());
    }
    boolean pinned;
    if (type == PatchFormat.JSON_PATCH) {
      if (!(patchTree instanceof java.util.List<?>)) {
        throw ApiException.badRequest("error decoding patch: a JSON patch must be an array of operations");
      }
      pinned = patch.contains("/metadata/resourceVersion");
    } else {
      if (!(patchTree instanceof Map<?, ?> patchMap)) {
        throw ApiException.badRequest("error decoding patch: a " + (type == PatchFormat.MERGE_PATCH ? "merge patch"
            : "strategic merge patch") + " must be a JSON object");
      }
      pinned = patchMap.get("metadata") instanceof Map<?, ?> m && m.get("resourceVersion") != null;
    }
    for (int attempt = 0; ; attempt++) {
      Message current = registry.get(kind, namespace, name);
      Object tree = ObjectCodec.toObjectTree(current, kind.apiVersion(), kind.kind());
      Object patched;
      try {
        patched = switch (type) {
          case JSON_PATCH -> JsonPatch.apply(tree, patchTree);
          case MERGE_PATCH -> MergePatch.apply(tree, patchTree);
          case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(tree, patchTree, kind.defaultInstance()
              .getDescriptorForType());
        };
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("the server rejected our request due to an error in our request: "
            + e.getMessage());
      }
      Message next;
      try {
        next = ObjectCodec.fromTree(patched, kind.defaultInstance());
      } catch (CodecException | IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
      try {
        return subresource.isEmpty()
            ? registry.update(kind, namespace, next, dryRun)
            : registry.updateStatus(kind, namespace, next, dryRun);
      } catch (ApiException e) {
        if (e.code() != Code.ABORTED || pinned || attempt >= RETRIES) {
          throw e;
        }
      }
    }
  }
}
