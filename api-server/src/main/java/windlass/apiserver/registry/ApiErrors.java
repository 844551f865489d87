package windlass.apiserver.registry;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import windlass.client.ApiException;
import windlass.client.Kind;

/** API errors the client's {@link ApiException} has no factory for, worded as upstream. */
public final class ApiErrors {
  /** The largest encoded object the store keeps (etcd's default request limit). */
  public static final int MAX_OBJECT_BYTES = 3 * 512 * 1024;

  private ApiErrors() {}

  /** Upstream 403 Forbidden: {@code pods "web" is forbidden: <why>}. */
  public static ApiException forbidden(Kind kind, String name, String why) {
    String message = kind.groupResource() + " \"" + name + "\" is forbidden: " + why;
    return new ApiException(Code.PERMISSION_DENIED, Meta.Status.newBuilder().setStatus("Failure").setCode(403)
        .setReason("Forbidden").setMessage(message)
        .setDetails(Meta.StatusDetails.newBuilder().setName(name).setGroup(kind.group()).setKind(kind.resource()))
        .build());
  }

  /** Upstream 409 Conflict on a subresource: {@code Operation cannot be fulfilled on pods/binding "web": <why>}. */
  public static ApiException conflict(String groupResource, String name, String why) {
    String message = "Operation cannot be fulfilled on " + groupResource + " \"" + name + "\": " + why;
    return new ApiException(Code.ABORTED, Meta.Status.newBuilder().setStatus("Failure").setCode(409)
        .setReason("Conflict").setMessage(message)
        .setDetails(Meta.StatusDetails.newBuilder().setName(name).setKind(groupResource)).build());
  }

  /** Upstream 404 with a plain message, e.g. for a namespace missing on create: {@code namespaces "foo" not found}. */
  public static ApiException notFound(String groupResource, String name) {
    return new ApiException(Code.NOT_FOUND, Meta.Status.newBuilder().setStatus("Failure").setCode(404)
        .setReason("NotFound").setMessage(groupResource + " \"" + name + "\" not found")
        .setDetails(Meta.StatusDetails.newBuilder().setName(name).setKind(groupResource)).build());
  }

  /** Upstream 413: the encoded object is over {@link #MAX_OBJECT_BYTES}. */
  public static ApiException tooLarge() {
    return new ApiException(Code.INVALID_ARGUMENT, Meta.Status.newBuilder().setStatus("Failure").setCode(413)
        .setReason("RequestEntityTooLarge")
        .setMessage("Request entity too large: limit is " + MAX_OBJECT_BYTES).build());
  }

  /** The resource has no such subresource (upstream 404 for an unknown path). */
  public static ApiException noSubresource(Kind kind, String subresource) {
    return new ApiException(Code.NOT_FOUND, Meta.Status.newBuilder().setStatus("Failure").setCode(404)
        .setReason("NotFound").setMessage("the server could not find the requested resource ("
            + kind.groupResource() + "/" + subresource + ")").build());
  }

  /** The upstream Status a successful subresource create (binding) answers with. */
  public static Meta.Status success(int code) {
    return Meta.Status.newBuilder().setStatus("Success").setCode(code).build();
  }
}
