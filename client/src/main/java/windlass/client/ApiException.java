package windlass.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.kubernetes.client.proto.Meta;
import java.util.List;

/**
 * An API error as upstream reports it: an upstream {@code Status} (reason, message, details with causes), carried
 * over gRPC as the status code of design.md plus the upstream Status in the status details. Servers build it with the
 * factories here; clients get it back from {@link #from(Throwable)}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Code code;
  private final transient Meta.Status status;

  public ApiException(Code code, Meta.Status status) {
    super(status.getMessage());
    this.code = code;
    this.status = status;
  }

  public Code code() {
    return code;
  }

  /** The upstream Status: reason ("NotFound", "Conflict", "Invalid", ...), code (404, 409, 422, ...), details. */
  public Meta.Status status() {
    return status;
  }

  public String reason() {
    return status.getReason();
  }

  /** One cause per invalid field (details.causes), empty for other errors. */
  public List<Meta.StatusCause> causes() {
    return status.getDetails().getCausesList();
  }

  public static ApiException notFound(Kind kind, String name) {
    return of(Code.NOT_FOUND, 404, "NotFound", kind, name, kind.groupResource() + " \"" + name + "\" not found");
  }

  public static ApiException alreadyExists(Kind kind, String name) {
    return of(Code.ALREADY_EXISTS, 409, "AlreadyExists", kind, name,
        kind.groupResource() + " \"" + name + "\" already exists");
  }

  /** A stale resourceVersion (upstream 409 Conflict). */
  public static ApiException conflict(Kind kind, String name, String why) {
    return of(Code.ABORTED, 409, "Conflict", kind, name,
        "Operation cannot be fulfilled on " + kind.groupResource() + " \"" + name + "\": " + why);
  }

  public static ApiException conflictModified(Kind kind, String name) {
    return conflict(kind, name, "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** Upstream 410 Gone: the resourceVersion asked for has been compacted; relist. */
  public static ApiException gone(String message) {
    return new ApiException(Code.OUT_OF_RANGE, base(410, "Expired", message).build());
  }

  public static ApiException badRequest(String message) {
    return new ApiException(Code.INVALID_ARGUMENT, base(400, "BadRequest", message).build());
  }

  public static ApiException internal(String message) {
    return new ApiException(Code.INTERNAL, base(500, "InternalError", message).build());
  }

  /** Not built yet: says so, naming what is missing. */
  public static ApiException notImplemented(String what) {
    return new ApiException(Code.UNIMPLEMENTED, base(501, "NotImplemented", what + " is not implemented yet").build());
  }

  /**
   * Upstream 422 Invalid: {@code Pod "web" is invalid: spec.containers[0].image: Required value}; several errors are
   * joined as upstream does, in brackets. Kinds of a named group are qualified as upstream's
   * ({@code Deployment.apps "web" is invalid: ...}).
   */
  public static ApiException invalid(Kind kind, String name, List<FieldError> errors) {
    String detail = errors.size() == 1
        ? errors.get(0).toString()
        : "[" + String.join(", ", errors.stream().map(FieldError::toString).toList()) + "]";
    Meta.StatusDetails.Builder d =
        Meta.StatusDetails.newBuilder().setName(name).setGroup(kind.group()).setKind(kind.kind());
    for (FieldError e : errors) {
      d.addCauses(Meta.StatusCause.newBuilder().setReason(e.type().reason()).setMessage(e.message()).setField(e.field()));
    }
    String qualifiedKind = kind.group().isEmpty() ? kind.kind() : kind.kind() + "." + kind.group();
    String message = qualifiedKind + " \"" + name + "\" is invalid: " + detail;
    return new ApiException(Code.INVALID_ARGUMENT, base(422, "Invalid", message).setDetails(d).build());
  }

  private static ApiException of(Code code, int http, String reason, Kind kind, String name, String message) {
    Meta.StatusDetails details =
        Meta.StatusDetails.newBuilder().setName(name).setGroup(kind.group()).setKind(kind.resource()).build();
    return new ApiException(code, base(http, reason, message).setDetails(details).build());
  }

  private static Meta.Status.Builder base(int http, String reason, String message) {
    return Meta.Status.newBuilder().setStatus("Failure").setCode(http).setReason(reason).setMessage(message);
  }

  /** For servers: the gRPC form, with the upstream Status in the details. */
  public StatusRuntimeException toGrpc() {
    com.google.rpc.Status rpc = com.google.rpc.Status.newBuilder()
        .setCode(code.value())
        .setMessage(status.getMessage())
        .addDetails(Any.pack(status))
        .build();
    return StatusProto.toStatusRuntimeException(rpc);
  }

  /**
   * For clients: turns a failed call back into an ApiException. A gRPC error without an upstream Status (the
   * server is down, say) gets one made from the gRPC code and description.
   */
  public static ApiException from(Throwable t) {
    if (t instanceof ApiException a) {
      return a;
    }
    com.google.rpc.Status rpc = StatusProto.fromThrowable(t);
    if (rpc != null) {
      for (Any d : rpc.getDetailsList()) {
        if (d.is(Meta.Status.class)) {
          try {
            return new ApiException(Code.values()[rpc.getCode()], d.unpack(Meta.Status.class));
          } catch (InvalidProtocolBufferException e) {
            break;
          }
        }
      }
    }
    io.grpc.Status s = io.grpc.Status.fromThrowable(t);
    String msg = s.getDescription() != null ? s.getDescription() : String.valueOf(t.getMessage());
    if (s.getCode() == Code.UNAVAILABLE) {
      msg = "the server is unavailable: " + msg;
    }
    ApiException e = new ApiException(s.getCode(), base(httpOf(s.getCode()), reasonOf(s.getCode()), msg).build());
    e.initCause(t);
    return e;
  }

  private static int httpOf(Code c) {
    return switch (c) {
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case INVALID_ARGUMENT -> 400;
      case OUT_OF_RANGE -> 410;
      case PERMISSION_DENIED -> 403;
      case UNAUTHENTICATED -> 401;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      default -> 500;
    };
  }

  private static String reasonOf(Code c) {
    return switch (c) {
      case NOT_FOUND -> "NotFound";
      case ALREADY_EXISTS -> "AlreadyExists";
      case ABORTED -> "Conflict";
      case INVALID_ARGUMENT -> "BadRequest";
      case OUT_OF_RANGE -> "Expired";
      case PERMISSION_DENIED -> "Forbidden";
      case UNAUTHENTICATED -> "Unauthorized";
      case UNAVAILABLE -> "ServiceUnavailable";
      case DEADLINE_EXCEEDED -> "Timeout";
      default -> "InternalError";
    };
  }
}
