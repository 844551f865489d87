package windlass.kubelet;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import windlass.api.v1.CreateRequest;
import windlass.api.v1.DeleteRequest;
import windlass.api.v1.GetRequest;
import windlass.api.v1.ListRequest;
import windlass.api.v1.ListResponse;
import windlass.api.v1.ResourcesGrpc;
import windlass.api.v1.UpdateRequest;
import windlass.api.v1.WatchEvent;
import windlass.api.v1.WatchEventType;
import windlass.api.v1.WatchRequest;

/**
 * Just enough of the apiserver for a kubelet: nodes and pods in memory, create/get/list/update/updateStatus/delete
 * (pods: graceful deletion sets deletionTimestamp; grace 0 removes; uid precondition) and watch with the
 * spec.nodeName field selector, resumable from a resourceVersion. No resourceVersion checks on writes. For tests until the real apiserver exists.
 */
final class FakeApiServer extends ResourcesGrpc.ResourcesImplBase {
  private final Map<String, Any> objects = new TreeMap<>();
  private final List<Object[]> watchers = new ArrayList<>(); // {resource, fieldSelector, observer}
  private final List<Object[]> history = new ArrayList<>(); // {rv, resource, type, object}
  private long rv = 1;

  private static String key(String resource, String ns, String name) {
    return resource + "/" + ns + "/" + name;
  }

  synchronized Any find(String resource, String ns, String name) {
    return objects.get(key(resource, ns, name));
  }

  @Override
  public synchronized void create(CreateRequest r, StreamObserver<Any> o) {
    Any a = r.getObject();
    Meta.ObjectMeta m = meta(a);
    String k = key(r.getResource().getResource(), r.getNamespace(), m.getName());
    if (objects.containsKey(k)) {
      o.onError(Status.ALREADY_EXISTS.withDescription(m.getName() + " already exists").asRuntimeException());
      return;
    }
    Any stored = withMeta(a, m.toBuilder().setNamespace(r.getNamespace())
        .setUid(m.getUid().isEmpty() ? UUID.randomUUID().toString() : m.getUid())
        .setResourceVersion(Long.toString(++rv)).build());
    objects.put(k, stored);
    notify(r.getResource().getResource(), WatchEventType.ADDED, stored);
    o.onNext(stored);
    o.onCompleted();
  }

  @Override
  public synchronized void get(GetRequest r, StreamObserver<Any> o) {
    Any a = objects.get(key(r.getResource().getResource(), r.getNamespace(), r.getName()));
    if (a == null) {
      o.onError(Status.NOT_FOUND.withDescription(r.getName() + " not found").asRuntimeException());
      return;
    }
    o.onNext(a);
    o.onCompleted();
  }

  @Override
  public synchronized void list(ListRequest r, StreamObserver<ListResponse> o) {
    ListResponse.Builder b = ListResponse.newBuilder().setResourceVersion(Long.toString(rv));
    objects.forEach((k, a) -> {
      if (k.startsWith(r.getResource().getResource() + "/") && matches(a, r.getFieldSelector())) {
        b.addItems(a);
      }
    });
    o.onNext(b.build());
    o.onCompleted();
  }

  @Override
  public void update(UpdateRequest r, StreamObserver<Any> o) {
    replace(r, o, false);
  }

  @Override
  public void updateStatus(UpdateRequest r, StreamObserver<Any> o) {
    replace(r, o, true);
  }

  private synchronized void replace(UpdateRequest r, StreamObserver<Any> o, boolean status) {
    Meta.ObjectMeta m = meta(r.getObject());
    String k = key(r.getResource().getResource(), r.getNamespace(), m.getName());
    Any old = objects.get(k);
    if (old == null) {
      o.onError(Status.NOT_FOUND.withDescription(m.getName() + " not found").asRuntimeException());
      return;
    }
    Any next = status ? withStatusOf(old, r.getObject()) : r.getObject();
    next = withMeta(next, (status ? meta(old) : m).toBuilder().setResourceVersion(Long.toString(++rv)).build());
    objects.put(k, next);
    notify(r.getResource().getResource(), WatchEventType.MODIFIED, next);
    o.onNext(next);
    o.onCompleted();
  }

  @Override
  public synchronized void delete(DeleteRequest r, StreamObserver<Any> o) {
    String k = key(r.getResource().getResource(), r.getNamespace(), r.getName());
    Any a = objects.get(k);
    if (a == null) {
      o.onError(Status.NOT_FOUND.withDescription(r.getName() + " not found").asRuntimeException());
      return;
    }
    Meta.ObjectMeta m = meta(a);
    if (!r.getPreconditionUid().isEmpty() && !r.getPreconditionUid().equals(m.getUid())) {
      o.onError(Status.ABORTED.withDescription("uid precondition failed").asRuntimeException());
      return;
    }
    boolean graceful = r.getResource().getResource().equals("pods")
        && (!r.hasGracePeriodSeconds() || r.getGracePeriodSeconds() > 0);
    if (graceful) {
      long grace = r.hasGracePeriodSeconds() ? r.getGracePeriodSeconds() : 30;
      Any marked = withMeta(a, m.toBuilder().setDeletionTimestamp(Meta.Time.newBuilder()
          .setSeconds(Instant.now().getEpochSecond())).setDeletionGracePeriodSeconds(grace)
          .setResourceVersion(Long.toString(++rv)).build());
      objects.put(k, marked);
      notify(r.getResource().getResource(), WatchEventType.MODIFIED, marked);
      o.onNext(marked);
    } else {
      objects.remove(k);
      Any gone = withMeta(a, m.toBuilder().setResourceVersion(Long.toString(++rv)).build());
      notify(r.getResource().getResource(), WatchEventType.DELETED, gone);
      o.onNext(gone);
    }
    o.onCompleted();
  }

  @Override
  public synchronized void watch(WatchRequest r, StreamObserver<WatchEvent> o) {
    String res = r.getResource().getResource();
    if (r.getResourceVersion().isEmpty() || r.getResourceVersion().equals("0")) {
      objects.forEach((k, a) -> {
        if (k.startsWith(res + "/") && matches(a, r.getFieldSelector())) {
          o.onNext(WatchEvent.newBuilder().setType(WatchEventType.ADDED).setObject(a).build());
        }
      });
    } else { // resume: replay what happened after the revision asked for
      long from = Long.parseLong(r.getResourceVersion());
      for (Object[] h : history) {
        if ((long) h[0] > from && h[1].equals(res) && matches((Any) h[3], r.getFieldSelector())) {
          o.onNext(WatchEvent.newBuilder().setType((WatchEventType) h[2]).setObject((Any) h[3]).build());
        }
      }
    }
    watchers.add(new Object[] {r.getResource().getResource(), r.getFieldSelector(), o});
    ((ServerCallStreamObserver<WatchEvent>) o).setOnCancelHandler(() -> {
      synchronized (this) {
        watchers.removeIf(w -> w[2] == o);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private void notify(String resource, WatchEventType type, Any a) {
    history.add(new Object[] {rv, resource, type, a});
    for (Object[] w : List.copyOf(watchers)) {
      if (w[0].equals(resource) && matches(a, (String) w[1])) {
        try {
          ((StreamObserver<WatchEvent>) w[2]).onNext(WatchEvent.newBuilder().setType(type).setObject(a).build());
        } catch (RuntimeException e) {
          watchers.remove(w);
        }
      }
    }
  }

  private static boolean matches(Any a, String fieldSelector) {
    if (fieldSelector.isEmpty()) {
      return true;
    }
    String want = fieldSelector.substring("spec.nodeName=".length());
    return a.is(V1.Pod.class) && unpack(a, V1.Pod.class).getSpec().getNodeName().equals(want);
  }

  private static Meta.ObjectMeta meta(Any a) {
    return a.is(V1.Pod.class) ? unpack(a, V1.Pod.class).getMetadata() : unpack(a, V1.Node.class).getMetadata();
  }

  private static Any withMeta(Any a, Meta.ObjectMeta m) {
    return a.is(V1.Pod.class) ? Any.pack(unpack(a, V1.Pod.class).toBuilder().setMetadata(m).build())
        : Any.pack(unpack(a, V1.Node.class).toBuilder().setMetadata(m).build());
  }

  private static Any withStatusOf(Any old, Any neu) {
    return old.is(V1.Pod.class)
        ? Any.pack(unpack(old, V1.Pod.class).toBuilder().setStatus(unpack(neu, V1.Pod.class).getStatus()).build())
        : Any.pack(unpack(old, V1.Node.class).toBuilder().setStatus(unpack(neu, V1.Node.class).getStatus()).build());
  }

  private static <T extends com.google.protobuf.Message> T unpack(Any a, Class<T> c) {
    try {
      return a.unpack(c);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
