package windlass.client;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import windlass.api.v1.CreateRequest;
import windlass.api.v1.DeleteRequest;
import windlass.api.v1.GetRequest;
import windlass.api.v1.ListRequest;
import windlass.api.v1.ListResponse;
import windlass.api.v1.PatchRequest;
import windlass.api.v1.PatchType;
import windlass.api.v1.ResourcesGrpc;
import windlass.api.v1.UpdateRequest;
import windlass.api.v1.WatchRequest;

/**
 * Typed calls on one resource in one namespace ("" = all namespaces for list/watch, or a cluster-scoped kind). Every
 * failure is an {@link ApiException} carrying upstream's Status.
 */
public final class ResourceClient<T extends Message> {
  private final ResourcesGrpc.ResourcesBlockingStub blocking;
  private final ResourcesGrpc.ResourcesStub async;
  private final Kind kind;
  private final String namespace;

  ResourceClient(ResourcesGrpc.ResourcesBlockingStub blocking, ResourcesGrpc.ResourcesStub async, Kind kind,
      String namespace) {
    this.blocking = blocking;
    this.async = async;
    this.kind = kind;
    this.namespace = kind.namespaced() ? namespace : "";
  }

  public Kind kind() {
    return kind;
  }

  public String namespace() {
    return namespace;
  }

  /** The same resource in {@code namespace} ("" = all namespaces); ignored for cluster-scoped kinds. */
  public ResourceClient<T> inNamespace(String namespace) {
    return new ResourceClient<>(blocking, async, kind, namespace);
  }

  /**
   * A watch as a blocking stream of events (same semantics as {@link #watch(ListOptions, Watcher)}); close it (or the
   * Stream from {@link WatchStream#stream()}) to end the watch.
   */
  public WatchStream<T> watchStream(ListOptions o) {
    WatchStream<T> s = new WatchStream<>();
    s.attach(watch(o, s.watcher()));
    return s;
  }

  public T create(T obj) {
    return call(() -> blocking.create(CreateRequest.newBuilder()
        .setResource(kind.gvr()).setNamespace(namespaceOf(obj)).setObject(Any.pack(obj)).build()));
  }

  /** Creates a subresource of object {@code name}, e.g. a Binding for a pod ("binding"). */
  public Any createSubresource(String name, String subresource, Message body) {
    try {
      return (blocking.create(CreateRequest.newBuilder().setResource(kind.gvr()).setNamespace(namespace)
          .setName(name).setSubresource(subresource).setObject(Any.pack(body)).build()));
    } catch (RuntimeException e) {
      throw ApiException.from(e);
    }
  }

  /**
   * The pod "eviction" subresource: deletes pod {@code name} unless that would violate a PodDisruptionBudget
   * (RESOURCE_EXHAUSTED, upstream's 429 TooManyRequests; retry later). The eviction's deleteOptions apply.
   */
  public io.kubernetes.client.proto.Meta.Status evict(String name,
      io.kubernetes.client.proto.V1Policy.Eviction eviction) {
    if (!kind.equals(Kinds.POD)) {
      throw new IllegalStateException("only pods can be evicted, not " + kind.resource());
    }
    Any status = createSubresource(name, "eviction", eviction);
    try {
      return status.unpack(io.kubernetes.client.proto.Meta.Status.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("eviction answered with " + status.getTypeUrl(), e);
    }
  }

  public T get(String name) {
    return call(() -> blocking.get(
        GetRequest.newBuilder().setResource(kind.gvr()).setNamespace(namespace).setName(name).build()));
  }

  /** The autoscaling/v1 Scale of a deployment, replicaset or statefulset (the "scale" subresource). */
  public io.kubernetes.client.proto.V1Autoscaling.Scale getScale(String name) {
    return scale(() -> blocking.get(GetRequest.newBuilder().setResource(kind.gvr()).setNamespace(namespace)
        .setName(name).setSubresource("scale").build()));
  }

  /** Sets spec.replicas through the "scale" subresource; a resourceVersion in the Scale is a precondition. */
  public io.kubernetes.client.proto.V1Autoscaling.Scale updateScale(io.kubernetes.client.proto.V1Autoscaling.Scale s) {
    return scale(() -> blocking.update(UpdateRequest.newBuilder().setResource(kind.gvr()).setNamespace(namespace)
        .setSubresource("scale").setObject(Any.pack(s)).build()));
  }

  private io.kubernetes.client.proto.V1Autoscaling.Scale scale(java.util.function.Supplier<Any> rpc) {
    try {
      return rpc.get().unpack(io.kubernetes.client.proto.V1Autoscaling.Scale.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw ApiException.internal("malformed Scale from server: " + e.getMessage());
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApiException.from(e);
    }
  }

  public ObjectList<T> list() {
    return list(ListOptions.ALL);
  }

  public ObjectList<T> list(ListOptions o) {
    try {
      ListResponse r = blocking.list(ListRequest.newBuilder().setResource(kind.gvr()).setNamespace(namespace)
          .setLabelSelector(o.labelSelector()).setFieldSelector(o.fieldSelector()).setLimit(o.limit())
          .setContinue(o.continueToken()).setResourceVersion(o.resourceVersion()).build());
      List<T> items = new ArrayList<>(r.getItemsCount());
      for (Any a : r.getItemsList()) {
        items.add(unpack(a));
      }
      return new ObjectList<>(items, r.getResourceVersion(), r.getContinue());
    } catch (RuntimeException e) {
      throw ApiException.from(e);
    }
  }

  /** Replaces the object; fails with code ABORTED (Conflict) if metadata.resourceVersion is stale. */
  public T update(T obj) {
    return call(() -> blocking.update(UpdateRequest.newBuilder()
        .setResource(kind.gvr()).setNamespace(namespaceOf(obj)).setObject(Any.pack(obj)).build()));
  }

  public T updateStatus(T obj) {
    return call(() -> blocking.updateStatus(UpdateRequest.newBuilder().setResource(kind.gvr())
        .setNamespace(namespaceOf(obj)).setObject(Any.pack(obj)).setSubresource("status").build()));
  }

  /**
   * A status update retried on conflict, as client-go's RetryOnConflict around a get: {@code change} gets
   * {@code current} (then, after a conflict, the object read again) and returns what to write, or null when there is
   * nothing to write; at most 3 writes are tried, the last conflict is thrown. Empty when the object is gone or was
   * replaced by a namesake (another uid); otherwise the object written, or as read when nothing was.
   */
  public java.util.Optional<T> updateStatusRetryingOnConflict(T current, java.util.function.UnaryOperator<T> change) {
    io.kubernetes.client.proto.Meta.ObjectMeta m = ObjectMetas.of(current);
    T cur = current;
    for (int attempt = 0; ; attempt++) {
      if (!ObjectMetas.of(cur).getUid().equals(m.getUid())) {
        return java.util.Optional.empty();
      }
      T next = change.apply(cur);
      if (next == null) {
        return java.util.Optional.of(cur);
      }
      try {
        return java.util.Optional.of(updateStatus(next));
      } catch (ApiException e) {
        if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
          return java.util.Optional.empty();
        }
        if (e.code() != io.grpc.Status.Code.ABORTED || attempt >= 2) {
          throw e;
        }
      }
      try {
        cur = inNamespace(m.getNamespace()).get(m.getName());
      } catch (ApiException e) {
        if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
          return java.util.Optional.empty();
        }
        throw e;
      }
    }
  }

  public T patch(String name, PatchType type, String patch) {
    return call(() -> blocking.patch(PatchRequest.newBuilder().setResource(kind.gvr()).setNamespace(namespace)
        .setName(name).setType(type).setPatch(ByteString.copyFromUtf8(patch)).build()));
  }

  /** Deletes with the kind's default grace period and background propagation. */
  public T delete(String name) {
    return delete(DeleteRequest.newBuilder().setName(name));
  }

  /** Deletes with options set on the builder (grace period, propagation policy, preconditions). */
  public T delete(DeleteRequest.Builder request) {
    return call(() -> blocking.delete(request.setResource(kind.gvr()).setNamespace(namespace).build()));
  }

  /**
   * Streams changes after {@code o.resourceVersion()} (or the current state as ADDED events when it is empty) to the
   * watcher, on a gRPC thread, in order.
   */
  public Watch watch(ListOptions o, Watcher<T> watcher) {
    Context.CancellableContext ctx = Context.current().withCancellation();
    WatchRequest req = WatchRequest.newBuilder().setResource(kind.gvr()).setNamespace(namespace)
        .setLabelSelector(o.labelSelector()).setFieldSelector(o.fieldSelector())
        .setResourceVersion(o.resourceVersion()).setAllowWatchBookmarks(o.allowWatchBookmarks()).build();
    ctx.run(() -> async.watch(req, new StreamObserver<>() {
      private boolean closed;

      @Override
      public void onNext(windlass.api.v1.WatchEvent e) {
        watcher.onEvent(new WatchEvent<>(e.getType(), unpack(e.getObject())));
      }

      @Override
      public void onError(Throwable t) {
        if (!closed) {
          closed = true;
          watcher.onClose(ctx.isCancelled() ? null : ApiException.from(t));
        }
      }

      @Override
      public void onCompleted() {
        if (!closed) {
          closed = true;
          watcher.onClose(null);
        }
      }
    }));
    return () -> ctx.cancel(null);
  }

  @SuppressWarnings("unchecked")
  private T unpack(Any a) {
    if (!a.getTypeUrl().equals(kind.typeUrl())) {
      throw new IllegalStateException("expected " + kind.typeUrl() + ", got " + a.getTypeUrl());
    }
    try {
      return (T) kind.defaultInstance().getParserForType().parseFrom(a.getValue());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw ApiException.internal("malformed " + kind.kind() + " from server: " + e.getMessage());
    }
  }

  private String namespaceOf(T obj) {
    String ns = ObjectMetas.of(obj).getNamespace();
    return !kind.namespaced() ? "" : ns.isEmpty() ? namespace : ns;
  }

  private T call(java.util.function.Supplier<Any> rpc) {
    try {
      return unpack(rpc.get());
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApiException.from(e);
    }
  }
}
