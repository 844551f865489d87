package windlass.kubectl;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.kubernetes.client.proto.Meta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import windlass.api.v1.APIResource;
import windlass.api.v1.CreateRequest;
import windlass.api.v1.DeleteRequest;
import windlass.api.v1.DiscoveryGrpc;
import windlass.api.v1.GetRequest;
import windlass.api.v1.ListRequest;
import windlass.api.v1.ListResponse;
import windlass.api.v1.LogChunk;
import windlass.api.v1.PodLogsRequest;
import windlass.api.v1.PodStreamsGrpc;
import windlass.api.v1.ResourcesGrpc;
import windlass.api.v1.ServerResourcesRequest;
import windlass.api.v1.ServerResourcesResponse;
import windlass.api.v1.UpdateRequest;
import windlass.api.v1.VersionRequest;
import windlass.api.v1.VersionResponse;
import windlass.api.v1.WatchEvent;
import windlass.api.v1.WatchEventType;
import windlass.api.v1.WatchRequest;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;

/**
 * A small in-process apiserver for kubectl's tests: the windlass.api.v1 services over real gRPC, objects in a map,
 * resourceVersions, AlreadyExists/NotFound/Conflict, equality label selectors, metadata.name field selectors, watches,
 * and pod logs from canned text. A validator can turn objects into upstream Invalid errors.
 */
public final class FakeApiServer implements AutoCloseable {
  public static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private final String name = "fake-" + UUID.randomUUID();
  private final TreeMap<String, Any> store = new TreeMap<>();
  private final List<WatchEvent> history = new ArrayList<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final Map<String, String> logs = new HashMap<>();
  private final Server server;
  private long revision = 100;
  private int writes;
  private Function<Message, ApiException> validator = m -> null;
  private Runnable beforeUpdate = () -> { };

  private record Watcher(WatchRequest request, StreamObserver<WatchEvent> stream) {}

  public FakeApiServer() throws IOException {
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new Resources()).addService(new Discovery()).addService(new PodStreams()).build().start();
  }

  public String name() {
    return name;
  }

  /** Objects that fail validation get the returned error (null: valid). */
  public void validator(Function<Message, ApiException> v) {
    validator = v;
  }

  /** Runs before each update is checked: a test's stand-in for a concurrent writer. */
  public void beforeUpdate(Runnable r) {
    beforeUpdate = r;
  }

  /** Creates, updates and deletes served so far. */
  public synchronized int writes() {
    return writes;
  }

  public void logs(String namespace, String pod, String container, String text) {
    logs.put(namespace + "/" + pod + "/" + container, text);
  }

  /** Stores an object as given (metadata included), as if a controller had written it. */
  public synchronized <T extends Message> T put(T obj) {
    Kind kind = Kinds.forMessage(obj).orElseThrow();
    Meta.ObjectMeta m = ObjectMetas.of(obj);
    Meta.ObjectMeta.Builder mb = m.toBuilder().setResourceVersion(Long.toString(++revision));
    if (!m.hasUid()) {
      mb.setUid(UUID.nameUUIDFromBytes((key(kind, m.getNamespace(), m.getName())).getBytes(StandardCharsets.UTF_8))
          .toString());
    }
    if (!m.hasCreationTimestamp()) {
      mb.setCreationTimestamp(Meta.Time.newBuilder().setSeconds(CREATED.getEpochSecond()));
    }
    T stored = ObjectMetas.with(obj, mb.build());
    boolean existed = store.containsKey(key(kind, m.getNamespace(), m.getName()));
    store.put(key(kind, m.getNamespace(), m.getName()), Any.pack(stored));
    event(existed ? WatchEventType.MODIFIED : WatchEventType.ADDED, stored);
    return stored;
  }

  @SuppressWarnings("unchecked")
  public synchronized <T extends Message> T get(Kind kind, String namespace, String name) {
    Any a = store.get(key(kind, namespace, name));
    return a == null ? null : (T) Kinds.unpackAny(a);
  }

  /** Removes an object for good (a finalizer finished), telling watchers. */
  public synchronized Message remove(Kind kind, String namespace, String name) {
    Any a = store.remove(key(kind, namespace, name));
    Message obj = Kinds.unpackAny(a);
    Message gone = ObjectMetas.with(obj, ObjectMetas.of(obj).toBuilder().setResourceVersion(Long.toString(++revision))
        .build());
    event(WatchEventType.DELETED, gone);
    return gone;
  }

  public synchronized int count(Kind kind) {
    String prefix = kind.groupResource() + "/";
    return (int) store.keySet().stream().filter(k -> k.startsWith(prefix)).count();
  }

  private static String key(Kind kind, String namespace, String name) {
    return kind.groupResource() + "/" + (kind.namespaced() ? namespace : "") + "/" + name;
  }

  private void event(WatchEventType type, Message obj) {
    WatchEvent e = WatchEvent.newBuilder().setType(type).setObject(Any.pack(obj)).build();
    history.add(e);
    for (Watcher w : watchers) {
      if (matches(w.request().getResource().getResource(), w.request().getNamespace(), w.request().getLabelSelector(),
          w.request().getFieldSelector(), obj)) {
        w.stream().onNext(e);
      }
    }
  }

  public boolean hasWatchers() {
    return !watchers.isEmpty();
  }

  /** Ends every open watch, as a restarting server would. */
  public void endWatches() {
    for (Watcher w : watchers) {
      w.stream().onCompleted();
    }
    watchers.clear();
  }

  @Override
  public void close() {
    endWatches();
    server.shutdownNow();
  }

  private static boolean matches(String resource, String namespace, String labels, String fields, Message obj) {
    Kind kind = Kinds.forMessage(obj).orElseThrow();
    Meta.ObjectMeta m = ObjectMetas.of(obj);
    if (!kind.resource().equals(resource) || (!namespace.isEmpty() && !m.getNamespace().equals(namespace))) {
      return false;
    }
    for (String req : labels.isEmpty() ? new String[0] : labels.split(",")) {
      if (req.contains("!=")) {
        String[] kv = req.split("!=", 2);
        if (kv[1].equals(m.getLabelsMap().get(kv[0]))) {
          return false;
        }
      } else if (req.contains("=")) {
        String[] kv = req.split("==?", 2);
        if (!kv[1].equals(m.getLabelsMap().get(kv[0]))) {
          return false;
        }
      } else if (req.startsWith("!") ? m.getLabelsMap().containsKey(req.substring(1))
          : !m.getLabelsMap().containsKey(req)) {
        return false;
      }
    }
    for (String req : fields.isEmpty() ? new String[0] : fields.split(",")) {
      String[] kv = req.split("==?", 2);
      String actual = switch (kv[0]) {
        case "metadata.name" -> m.getName();
        case "metadata.namespace" -> m.getNamespace();
        default -> throw ApiException.badRequest("field label not supported: " + kv[0]).toGrpc();
      };
      if (!actual.equals(kv[1])) {
        return false;
      }
    }
    return true;
  }

  private static Kind kind(windlass.api.v1.GroupVersionResource gvr) {
    return Kinds.forGvr(gvr).orElseThrow(() -> Status.NOT_FOUND.withDescription("no resource " + gvr).asRuntimeException());
  }

  private final class Resources extends ResourcesGrpc.ResourcesImplBase {
    @Override
    public void create(CreateRequest req, StreamObserver<Any> out) {
      synchronized (FakeApiServer.this) {
        Kind kind = kind(req.getResource());
        Message obj = Kinds.unpackAny(req.getObject());
        Meta.ObjectMeta m = ObjectMetas.of(obj);
        String ns = kind.namespaced() ? (m.getNamespace().isEmpty() ? req.getNamespace() : m.getNamespace()) : "";
        if (store.containsKey(key(kind, ns, m.getName()))) {
          out.onError(ApiException.alreadyExists(kind, m.getName()).toGrpc());
          return;
        }
        ApiException invalid = validator.apply(obj);
        if (invalid != null) {
          out.onError(invalid.toGrpc());
          return;
        }
        writes++;
        out.onNext(Any.pack(put(ObjectMetas.with(obj, m.toBuilder().setNamespace(ns).build()))));
        out.onCompleted();
      }
    }

    @Override
    public void get(GetRequest req, StreamObserver<Any> out) {
      synchronized (FakeApiServer.this) {
        Kind kind = kind(req.getResource());
        Any a = store.get(key(kind, req.getNamespace(), req.getName()));
        if (a == null) {
          out.onError(ApiException.notFound(kind, req.getName()).toGrpc());
          return;
        }
        out.onNext(a);
        out.onCompleted();
      }
    }

    @Override
    public void list(ListRequest req, StreamObserver<ListResponse> out) {
      synchronized (FakeApiServer.this) {
        Kind kind = kind(req.getResource());
        ListResponse.Builder r = ListResponse.newBuilder().setResourceVersion(Long.toString(revision));
        for (Any a : store.values()) {
          Message obj = Kinds.unpackAny(a);
          if (matches(kind.resource(), req.getNamespace(), req.getLabelSelector(), req.getFieldSelector(), obj)) {
            r.addItems(a);
          }
        }
        out.onNext(r.build());
        out.onCompleted();
      }
    }

    @Override
    public void update(UpdateRequest req, StreamObserver<Any> out) {
      synchronized (FakeApiServer.this) {
        beforeUpdate.run();
        Kind kind = kind(req.getResource());
        Message obj = Kinds.unpackAny(req.getObject());
        Meta.ObjectMeta m = ObjectMetas.of(obj);
        Message live = FakeApiServer.this.get(kind, req.getNamespace(), m.getName());
        if (live == null) {
          out.onError(ApiException.notFound(kind, m.getName()).toGrpc());
          return;
        }
        Meta.ObjectMeta lm = ObjectMetas.of(live);
        if (!m.getResourceVersion().isEmpty() && !m.getResourceVersion().equals(lm.getResourceVersion())) {
          out.onError(ApiException.conflictModified(kind, m.getName()).toGrpc());
          return;
        }
        ApiException invalid = validator.apply(obj);
        if (invalid != null) {
          out.onError(invalid.toGrpc());
          return;
        }
        Message.Builder b = obj.toBuilder();
        var status = obj.getDescriptorForType().findFieldByName("status");
        if (kind.hasStatus() && status != null) {
          b.setField(status, live.getField(status));
        }
        Message next = ObjectMetas.with(b.build(), m.toBuilder().setNamespace(lm.getNamespace()).setUid(lm.getUid())
            .setCreationTimestamp(lm.getCreationTimestamp()).build());
        writes++;
        out.onNext(Any.pack(put(next)));
        out.onCompleted();
      }
    }

    @Override
    public void delete(DeleteRequest req, StreamObserver<Any> out) {
      synchronized (FakeApiServer.this) {
        Kind kind = kind(req.getResource());
        Message live = FakeApiServer.this.get(kind, req.getNamespace(), req.getName());
        if (live == null) {
          out.onError(ApiException.notFound(kind, req.getName()).toGrpc());
          return;
        }
        writes++;
        Meta.ObjectMeta m = ObjectMetas.of(live);
        if (m.getFinalizersCount() > 0) {
          // held by finalizers: marked for deletion, gone once they are removed (see remove())
          out.onNext(Any.pack(m.hasDeletionTimestamp() ? live : put(ObjectMetas.with(live, m.toBuilder()
              .setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(CREATED.getEpochSecond() + 60)).build()))));
          out.onCompleted();
          return;
        }
        out.onNext(Any.pack(remove(kind, req.getNamespace(), req.getName())));
        out.onCompleted();
      }
    }

    @Override
    public void watch(WatchRequest req, StreamObserver<WatchEvent> out) {
      synchronized (FakeApiServer.this) {
        long from = req.getResourceVersion().isEmpty() ? -1 : Long.parseLong(req.getResourceVersion());
        for (WatchEvent e : history) {
          Message obj = Kinds.unpackAny(e.getObject());
          if (ObjectMetas.resourceVersion(obj) > from && from >= 0 && matches(req.getResource().getResource(),
              req.getNamespace(), req.getLabelSelector(), req.getFieldSelector(), obj)) {
            out.onNext(e);
          }
        }
        watchers.add(new Watcher(req, out));
      }
    }
  }

  private static final class Discovery extends DiscoveryGrpc.DiscoveryImplBase {
    @Override
    public void serverResources(ServerResourcesRequest req, StreamObserver<ServerResourcesResponse> out) {
      ServerResourcesResponse.Builder r = ServerResourcesResponse.newBuilder();
      for (Kind k : Kinds.all()) {
        r.addResources(APIResource.newBuilder().setGroup(k.group()).setVersion(k.version()).setResource(k.resource())
            .setKind(k.kind()).setNamespaced(k.namespaced()).addAllShortNames(k.shortNames())
            .addAllVerbs(List.of("create", "delete", "get", "list", "patch", "update", "watch")));
      }
      out.onNext(r.build());
      out.onCompleted();
    }

    @Override
    public void version(VersionRequest req, StreamObserver<VersionResponse> out) {
      out.onNext(VersionResponse.newBuilder().setGitVersion("v1.32.0").setWindlassVersion("0.1.0-test").build());
      out.onCompleted();
    }
  }

  private final class PodStreams extends PodStreamsGrpc.PodStreamsImplBase {
    @Override
    public void logs(PodLogsRequest req, StreamObserver<LogChunk> out) {
      String text = logs.get(req.getNamespace() + "/" + req.getName() + "/" + req.getContainer());
      if (text == null) {
        out.onError(ApiException.badRequest("container \"" + req.getContainer() + "\" in pod \"" + req.getName()
            + "\" is not available").toGrpc());
        return;
      }
      if (req.hasTailLines()) {
        String[] lines = text.split("(?<=\n)");
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, lines.length - (int) req.getTailLines()); i < lines.length; i++) {
          b.append(lines[i]);
        }
        text = b.toString();
      }
      out.onNext(LogChunk.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8(text)).build());
      out.onCompleted();
    }
  }
}
