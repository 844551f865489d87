package windlass.apiserver.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import windlass.api.v1.GroupVersionResource;
import windlass.apiserver.registry.ApiErrors;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.Kinds;

/** What every service here does at the edge: resolve the resource, unpack bodies, answer errors as upstream Status. */
final class Calls {
  private static final System.Logger LOG = System.getLogger(Calls.class.getName());

  /** Resolved resources, so a request does not scan every kind. */
  private static final Map<String, Kind> KINDS = new ConcurrentHashMap<>();

  private Calls() {}

  /** Runs a unary call: its value, or its ApiException (anything else becomes InternalError, logged). */
  static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      out.onError(toApi(e).toGrpc());
      return;
    }
    out.onNext(result);
    out.onCompleted();
  }

  static ApiException toApi(RuntimeException e) {
    if (e instanceof ApiException a) {
      return a;
    }
    LOG.log(System.Logger.Level.ERROR, "internal error serving a call", e);
    return ApiException.internal("Internal error occurred: " + e);
  }

  static Kind kind(GroupVersionResource gvr) {
    String id = gvr.getGroup() + "/" + gvr.getVersion() + "/" + gvr.getResource();
    Kind known = KINDS.get(id);
    if (known != null) {
      return known;
    }
    Kind k = Kinds.forGvr(gvr).orElseThrow(() -> ApiErrors.notFound(
        gvr.getGroup().isEmpty() ? gvr.getResource() : gvr.getResource() + "." + gvr.getGroup(),
        "the server could not find the requested resource"));
    KINDS.putIfAbsent(id, k); // served kinds only: the map stays as small as Kinds
    return k;
  }

  /** The request's object as the kind's message; BadRequest when the Any holds another type. */
  static Message unpack(Kind kind, Any any) {
    return unpack(kind.defaultInstance(), any, kind.kind());
  }

  static <T extends Message> T unpack(T defaultInstance, Any any, String what) {
    String want = "type.googleapis.com/" + defaultInstance.getDescriptorForType().getFullName();
    if (!any.getTypeUrl().equals(want)) {
      throw ApiException.badRequest("the object is a " + (any.getTypeUrl().isEmpty() ? "nothing" : any.getTypeUrl())
          + ", expected a " + what + " (" + want + ")");
    }
    try {
      @SuppressWarnings("unchecked")
      T t = (T) defaultInstance.getParserForType().parseFrom(any.getValue());
      return t;
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest("the object is not a valid " + what + ": " + e.getMessage());
    }
  }
}
