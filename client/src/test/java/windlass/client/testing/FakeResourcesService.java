package windlass.client.testing;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.function.Supplier;
import windlass.api.v1.CreateRequest;
import windlass.api.v1.DeleteRequest;
import windlass.api.v1.GetRequest;
import windlass.api.v1.GroupVersionResource;
import windlass.api.v1.ListRequest;
import windlass.api.v1.ListResponse;
import windlass.api.v1.ResourcesGrpc;
import windlass.api.v1.UpdateRequest;
import windlass.api.v1.WatchEvent;
import windlass.api.v1.WatchRequest;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.Kinds;

/** The gRPC {@code Resources} service of the fake apiserver: decodes requests, calls the store, records actions. */
final class FakeResourcesService extends ResourcesGrpc.ResourcesImplBase {
  private final FakeStore store;
  private final FakeApiServer server;

  FakeResourcesService(FakeStore store, FakeApiServer server) {
    this.store = store;
    this.server = server;
  }

  @Override
  public void create(CreateRequest req, StreamObserver<Any> out) {
    Kind kind = kind(req.getResource(), out);
    if (kind == null) {
      return;
    }
    if (!req.getSubresource().isEmpty()) {
      respond(out, () -> {
        if (kind.equals(Kinds.POD) && req.getSubresource().equals("eviction")) {
          // No budgets here: the eviction deletes (with its UID precondition); failNext("eviction", ...) refuses it.
          server.check("eviction", kind, req.getNamespace(), req.getName());
          var e = unpack(req.getObject(), io.kubernetes.client.proto.V1Policy.Eviction.class);
          store.delete(kind, req.getNamespace(), req.getName(), e.getDeleteOptions().getPreconditions().getUid(), "");
          return Any.pack(Meta.Status.newBuilder().setStatus("Success").setCode(201).build());
        }
        if (!kind.equals(Kinds.POD) || !req.getSubresource().equals("binding")) {
          throw ApiException.notImplemented("fake apiserver: subresource " + kind.resource() + "/"
              + req.getSubresource());
        }
        server.check("binding", kind, req.getNamespace(), req.getName());
        V1.Binding b = unpack(req.getObject(), V1.Binding.class);
        String name = req.getName().isEmpty() ? b.getMetadata().getName() : req.getName();
        store.bind(req.getNamespace(), name, b);
        return Any.pack(Meta.Status.newBuilder().setStatus("Success").setCode(201).build());
      });
      return;
    }
    respond(out, () -> {
      Message obj = Kinds.unpackAny(req.getObject());
      server.check("create", kind, req.getNamespace(), windlass.client.ObjectMetas.of(obj).getName());
      return Any.pack(store.create(kind, req.getNamespace(), obj));
    });
  }

  @Override
  public void get(GetRequest req, StreamObserver<Any> out) {
    Kind kind = kind(req.getResource(), out);
    if (kind != null) {
      respond(out, () -> {
        server.check("get", kind, req.getNamespace(), req.getName());
        return Any.pack(store.get(kind, req.getNamespace(), req.getName())
            .orElseThrow(() -> ApiException.notFound(kind, req.getName())));
      });
    }
  }

  @Override
  public void list(ListRequest req, StreamObserver<ListResponse> out) {
    Kind kind = kind(req.getResource(), out);
    if (kind != null) {
      respond(out, () -> {
        server.check("list", kind, req.getNamespace(), "");
        synchronized (store) {
          List<Message> items = store.list(kind, req.getNamespace(), req.getLabelSelector(), req.getFieldSelector());
          ListResponse.Builder b = ListResponse.newBuilder().setResourceVersion(Long.toString(store.revision()));
          items.forEach(i -> b.addItems(Any.pack(i)));
          return b.build();
        }
      });
    }
  }

  @Override
  public void update(UpdateRequest req, StreamObserver<Any> out) {
    update(req, out, false);
  }

  @Override
  public void updateStatus(UpdateRequest req, StreamObserver<Any> out) {
    update(req, out, true);
  }

  private void update(UpdateRequest req, StreamObserver<Any> out, boolean status) {
    Kind kind = kind(req.getResource(), out);
    if (kind != null) {
      respond(out, () -> {
        Message obj = Kinds.unpackAny(req.getObject());
        server.check(status ? "updateStatus" : "update", kind, req.getNamespace(),
            windlass.client.ObjectMetas.of(obj).getName());
        return Any.pack(store.update(kind, req.getNamespace(), obj, status));
      });
    }
  }

  @Override
  public void delete(DeleteRequest req, StreamObserver<Any> out) {
    Kind kind = kind(req.getResource(), out);
    if (kind != null) {
      respond(out, () -> {
        server.check("delete", kind, req.getNamespace(), req.getName());
        return Any.pack(store.delete(kind, req.getNamespace(), req.getName(), req.getPreconditionUid(),
            req.getPreconditionResourceVersion()));
      });
    }
  }

  @Override
  public void watch(WatchRequest req, StreamObserver<WatchEvent> out) {
    Kind kind = kind(req.getResource(), out);
    if (kind == null) {
      return;
    }
    ServerCallStreamObserver<WatchEvent> so = (ServerCallStreamObserver<WatchEvent>) out;
    try {
      server.check("watch", kind, req.getNamespace(), "");
      synchronized (store) {
        FakeWatch w = new FakeWatch(kind, kind.namespaced() ? req.getNamespace() : "", req.getLabelSelector(),
            req.getFieldSelector(), so, store.paused(kind));
        so.setOnCancelHandler(() -> store.unwatch(w));
        store.watch(w, req.getResourceVersion());
      }
    } catch (ApiException e) {
      out.onError(e.toGrpc());
    } catch (RuntimeException e) {
      out.onError(ApiException.internal(String.valueOf(e)).toGrpc());
    }
  }

  private static Kind kind(GroupVersionResource gvr, StreamObserver<?> out) {
    Kind k = Kinds.forGvr(gvr).orElse(null);
    if (k == null) {
      out.onError(ApiException.notImplemented("fake apiserver: resource " + gvr.getResource()).toGrpc());
    }
    return k;
  }

  private static <R> void respond(StreamObserver<R> out, Supplier<R> call) {
    R r;
    try {
      r = call.get();
    } catch (ApiException e) {
      out.onError(e.toGrpc());
      return;
    } catch (RuntimeException e) {
      out.onError(ApiException.internal(String.valueOf(e)).toGrpc());
      return;
    }
    out.onNext(r);
    out.onCompleted();
  }

  private static <T extends Message> T unpack(Any a, Class<T> type) {
    try {
      return a.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest("malformed " + type.getSimpleName() + ": " + e.getMessage());
    }
  }
}
