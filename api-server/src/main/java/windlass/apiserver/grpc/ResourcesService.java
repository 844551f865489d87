package windlass.apiserver.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Policy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import windlass.api.v1.CreateRequest;
import windlass.api.v1.DeleteCollectionRequest;
import windlass.api.v1.DeleteCollectionResponse;
import windlass.api.v1.DeleteRequest;
import windlass.api.v1.GetRequest;
import windlass.api.v1.ListRequest;
import windlass.api.v1.ListResponse;
import windlass.api.v1.PatchRequest;
import windlass.api.v1.ResourcesGrpc;
import windlass.api.v1.UpdateRequest;
import windlass.api.v1.WatchEvent;
import windlass.api.v1.WatchRequest;
import windlass.apiserver.registry.ApiErrors;
import windlass.apiserver.registry.DeleteOptions;
import windlass.apiserver.registry.ListQuery;
import windlass.apiserver.registry.PatchFormat;
import windlass.apiserver.registry.Registry;
import windlass.apiserver.registry.RegistryWatch;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.ObjectList;
import windlass.client.Watcher;

/** windlass.api.v1.Resources: a thin transport over the {@link Registry}; errors carry upstream's Status. */
public final class ResourcesService extends ResourcesGrpc.ResourcesImplBase {
  private final Registry registry;
  /**
   * Watch events of one change carry the same packed object on every stream. Watchers may lag each other by up to
   * their queue (1024 events), so the table is a few times that; it holds at most that many recent objects.
   */
  private final PackedObjects packed = new PackedObjects(2048);

  public ResourcesService(Registry registry) {
    this.registry = registry;
  }

  @Override
  public void create(CreateRequest req, StreamObserver<Any> out) {
    Calls.unary(out, () -> {
      Kind kind = Calls.kind(req.getResource());
      if (req.getSubresource().isEmpty()) {
        Message obj = Calls.unpack(kind, req.getObject());
        Registry.Created created = registry.createForWire(kind, req.getNamespace(), obj, req.getDryRun());
        return created.wire() == null ? Any.pack(created.object()) : Any.newBuilder()
            .setTypeUrl("type.googleapis.com/" + created.object().getDescriptorForType().getFullName())
            .setValue(created.wire()).build();
      }
      if (kind.equals(Kinds.POD) && req.getSubresource().equals("binding")) {
        V1.Binding b = Calls.unpack(V1.Binding.getDefaultInstance(), req.getObject(), "Binding");
        return Any.pack(registry.bind(req.getNamespace(), req.getName(), b, req.getDryRun()));
      }
      if (kind.equals(Kinds.POD) && req.getSubresource().equals("eviction")) {
        V1Policy.Eviction e = Calls.unpack(V1Policy.Eviction.getDefaultInstance(), req.getObject(), "Eviction");
        return Any.pack(registry.evict(req.getNamespace(), req.getName(), e, req.getDryRun()));
      }
      throw ApiErrors.noSubresource(kind, req.getSubresource());
    });
  }

  @Override
  public void get(GetRequest req, StreamObserver<Any> out) {
    Calls.unary(out, () -> {
      Kind kind = Calls.kind(req.getResource());
      return switch (req.getSubresource()) {
        case "", "status" -> Any.pack(registry.get(kind, req.getNamespace(), req.getName()));
        case "scale" -> Any.pack(registry.getScale(kind, req.getNamespace(), req.getName()));
        default -> throw ApiErrors.noSubresource(kind, req.getSubresource());
      };
    });
  }

  @Override
  public void list(ListRequest req, StreamObserver<ListResponse> out) {
    Calls.unary(out, () -> {
      ListQuery q = new ListQuery(req.getNamespace(), req.getLabelSelector(), req.getFieldSelector(), req.getLimit(),
          req.getContinue(), req.getResourceVersion(), false);
      ObjectList<Message> page = registry.list(Calls.kind(req.getResource()), q);
      ListResponse.Builder r = ListResponse.newBuilder()
          .setResourceVersion(page.resourceVersion()).setContinue(page.continueToken());
      page.items().forEach(m -> r.addItems(Any.pack(m)));
      return r.build();
    });
  }

  @Override
  public void update(UpdateRequest req, StreamObserver<Any> out) {
    Calls.unary(out, () -> {
      Kind kind = Calls.kind(req.getResource());
      if (req.getSubresource().equals("scale")) {
        V1Autoscaling.Scale scale =
            Calls.unpack(V1Autoscaling.Scale.getDefaultInstance(), req.getObject(), "Scale");
        return Any.pack(registry.updateScale(kind, req.getNamespace(), scale, req.getDryRun()));
      }
      Message obj = Calls.unpack(kind, req.getObject());
      return switch (req.getSubresource()) {
        case "" -> Any.pack(registry.update(kind, req.getNamespace(), obj, req.getDryRun()));
        case "status" -> Any.pack(registry.updateStatus(kind, req.getNamespace(), obj, req.getDryRun()));
        case "approval" -> Any.pack(registry.updateApproval(kind, obj, req.getDryRun()));
        default -> throw ApiErrors.noSubresource(kind, req.getSubresource());
      };
    });
  }

  @Override
  public void updateStatus(UpdateRequest req, StreamObserver<Any> out) {
    Calls.unary(out, () -> {
      Kind kind = Calls.kind(req.getResource());
      Message obj = Calls.unpack(kind, req.getObject());
      return Any.pack(registry.updateStatus(kind, req.getNamespace(), obj, req.getDryRun()));
    });
  }

  @Override
  public void patch(PatchRequest req, StreamObserver<Any> out) {
    Calls.unary(out, () -> {
      Kind kind = Calls.kind(req.getResource());
      PatchFormat format = switch (req.getType()) {
        case JSON_PATCH -> PatchFormat.JSON_PATCH;
        case MERGE_PATCH -> PatchFormat.MERGE_PATCH;
        case STRATEGIC_MERGE_PATCH -> PatchFormat.STRATEGIC_MERGE_PATCH;
        default -> throw ApiException.badRequest("patch type is required: JSON_PATCH, MERGE_PATCH or "
            + "STRATEGIC_MERGE_PATCH");
      };
      return Any.pack(registry.patch(kind, req.getNamespace(), req.getName(), format,
          req.getPatch().toStringUtf8(), req.getSubresource(), req.getDryRun()));
    });
  }

  @Override
  public void delete(DeleteRequest req, StreamObserver<Any> out) {
    Calls.unary(out, () -> {
      DeleteOptions o = new DeleteOptions(req.hasGracePeriodSeconds() ? req.getGracePeriodSeconds() : null,
          DeleteOptions.propagation(req.getPropagationPolicy(),
              req.hasOrphanDependents() ? req.getOrphanDependents() : null), req.getPreconditionUid(),
          req.getPreconditionResourceVersion(), req.getDryRun());
      return Any.pack(registry.delete(Calls.kind(req.getResource()), req.getNamespace(), req.getName(), o));
    });
  }

  @Override
  public void deleteCollection(DeleteCollectionRequest req, StreamObserver<DeleteCollectionResponse> out) {
    Calls.unary(out, () -> {
      ListQuery q = ListQuery.all(req.getNamespace()).withLabelSelector(req.getLabelSelector())
          .withFieldSelector(req.getFieldSelector());
      DeleteCollectionResponse.Builder r = DeleteCollectionResponse.newBuilder();
      registry.deleteCollection(Calls.kind(req.getResource()), q, DeleteOptions.DEFAULT)
          .forEach(m -> r.addItems(Any.pack(m)));
      return r.build();
    });
  }

  @Override
  public void watch(WatchRequest req, StreamObserver<WatchEvent> out) {
    ServerCallStreamObserver<WatchEvent> call = (ServerCallStreamObserver<WatchEvent>) out;
    AtomicReference<RegistryWatch> running = new AtomicReference<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    call.setOnCancelHandler(() -> {
      cancelled.set(true);
      RegistryWatch w = running.get();
      if (w != null) {
        w.close();
      }
    });
    try {
      ListQuery q = new ListQuery(req.getNamespace(), req.getLabelSelector(), req.getFieldSelector(), 0, "",
          req.getResourceVersion(), req.getAllowWatchBookmarks());
      RegistryWatch w = registry.watch(Calls.kind(req.getResource()), q, new Forwarder(call, packed));
      running.set(w);
      if (cancelled.get()) {
        w.close();
      }
    } catch (RuntimeException e) {
      if (!cancelled.get()) {
        call.onError(Calls.toApi(e).toGrpc());
      }
    }
  }

  /** Sends a registry watch's events down the stream, one call at a time. */
  private static final class Forwarder implements Watcher<Message> {
    private final ServerCallStreamObserver<WatchEvent> call;
    private final PackedObjects packed;

    Forwarder(ServerCallStreamObserver<WatchEvent> call, PackedObjects packed) {
      this.call = call;
      this.packed = packed;
    }

    @Override
    public void onEvent(windlass.client.WatchEvent<Message> e) {
      synchronized (call) {
        if (!call.isCancelled()) {
          call.onNext(WatchEvent.newBuilder().setType(e.type()).setObject(packed.pack(e.object())).build());
        }
      }
    }

    @Override
    public void onClose(ApiException error) {
      synchronized (call) {
        if (call.isCancelled()) {
          return;
        }
        if (error == null) {
          call.onCompleted();
        } else {
          call.onError(error.toGrpc());
        }
      }
    }
  }
}
