package windlass.controllers.garbagecollector;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.OwnerReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import windlass.api.v1.DeleteRequest;
import windlass.api.v1.PatchType;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.Kind;
import windlass.client.ObjectKey;
import windlass.client.ObjectMetas;
import windlass.client.WindlassClient;
import windlass.client.controller.ControllerRunner;
import windlass.client.controller.Result;
import windlass.client.informer.InformerFactory;
import windlass.client.informer.ResourceEventHandler;
import windlass.client.informer.SharedInformer;

/**
 * Upstream's garbage collector over shared informers of every served kind (one {@link ControllerRunner} per kind,
 * keyed by namespace/name). Reconciling an object:
 *
 * <ul>
 *   <li>marked for deletion with finalizer {@code orphan}: remove the dependents' references to it, then the
 *       finalizer;
 *   <li>marked with {@code foregroundDeletion}: its dependents are reconciled (they see a waiting owner and go); once
 *       none with {@code blockOwnerDeletion} is left, the finalizer is removed and the store removes the owner;
 *   <li>otherwise, with owner references: when no owner is solid (all gone, or waiting for their dependents) it is
 *       deleted (Foreground when an owner waits and it has dependents of its own, else by its finalizers, else
 *       Background); when some owner is solid, references to gone or waiting owners are removed.
 * </ul>
 *
 * Every object is reconciled once when the informers sync, so dependents whose owner vanished while no collector
 * ran (a crash between an owner's removal and its dependents') are found and deleted then.
 */
public final class GarbageCollector {
  public static final String NAME = "garbage-collector";
  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";
  private static final String OWNER_UID_INDEX = "gc-owner-uid";
  private static final System.Logger LOG = System.getLogger(GarbageCollector.class.getName());

  private final WindlassClient client;
  private final Map<Kind, SharedInformer<Message>> informers = new LinkedHashMap<>();
  private final Map<Kind, ControllerRunner> runners = new LinkedHashMap<>();
  private final OwnerLookup owners;

  /** Sets up informers (with an owner-uid index) and runners for {@code kinds}; call before the factory starts. */
  public GarbageCollector(WindlassClient client, InformerFactory factory, Clock clock, Collection<Kind> kinds,
      int workersPerKind) {
    this.client = client;
    for (Kind kind : kinds) {
      SharedInformer<Message> inf = factory.informer(kind);
      inf.addIndex(OWNER_UID_INDEX, o -> ObjectMetas.of(o).getOwnerReferencesList().stream()
          .map(OwnerReference::getUid).toList());
      informers.put(kind, inf);
    }
    this.owners = new OwnerLookup(client, informers);
    List<SharedInformer<?>> all = List.copyOf(informers.values());
    for (Kind kind : kinds) {
      runners.put(kind, new ControllerRunner(NAME + "-" + kind.groupResource(), key -> reconcile(kind, key), clock,
          workersPerKind, all));
    }
    for (Map.Entry<Kind, SharedInformer<Message>> e : informers.entrySet()) {
      e.getValue().addEventHandler(handler(e.getKey()));
    }
  }

  public List<ControllerRunner> runners() {
    return List.copyOf(runners.values());
  }

  private ResourceEventHandler<Message> handler(Kind kind) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Message obj) {
        runners.get(kind).enqueue(ObjectMetas.key(obj));
      }

      @Override
      public void onUpdate(Message oldObj, Message newObj) {
        runners.get(kind).enqueue(ObjectMetas.key(newObj));
        enqueueOwners(oldObj);
        enqueueOwners(newObj);
      }

      @Override
      public void onDelete(Message obj) {
        enqueueOwners(obj);
        for (Dependent d : dependents(ObjectMetas.of(obj).getUid())) {
          runners.get(d.kind()).enqueue(ObjectMetas.key(d.object()));
        }
      }
    };
  }

  private void enqueueOwners(Message obj) {
    ObjectMeta m = ObjectMetas.of(obj);
    for (OwnerReference ref : m.getOwnerReferencesList()) {
      owners.kindOf(ref).ifPresent(k ->
          runners.get(k).enqueue(new ObjectKey(OwnerLookup.ownerNamespace(k, m), ref.getName())));
    }
  }

  private record Dependent(Kind kind, Message object) {}

  /** Cached objects naming {@code uid} as an owner, of every kind. */
  private List<Dependent> dependents(String uid) {
    List<Dependent> out = new ArrayList<>();
    if (uid.isEmpty()) {
      return out;
    }
    informers.forEach((k, inf) -> inf.indexer().byIndex(OWNER_UID_INDEX, uid).forEach(o -> out.add(new Dependent(k, o))));
    return out;
  }

  Result reconcile(Kind kind, ObjectKey key) {
    Optional<Message> cached = informers.get(kind).lister().get(key);
    if (cached.isEmpty()) {
      return Result.done();
    }
    Message obj = cached.get();
    ObjectMeta m = ObjectMetas.of(obj);
    if (m.hasDeletionTimestamp()) {
      if (m.getFinalizersList().contains(ORPHAN)) {
        orphanDependents(m);
        removeFinalizer(kind, m, ORPHAN);
      } else if (m.getFinalizersList().contains(FOREGROUND)) {
        List<Dependent> deps = dependents(m.getUid());
        boolean blocked = false;
        for (Dependent d : deps) {
          runners.get(d.kind()).enqueue(ObjectMetas.key(d.object()));
          blocked |= ObjectMetas.of(d.object()).getOwnerReferencesList().stream()
              .anyMatch(r -> r.getUid().equals(m.getUid()) && r.getBlockOwnerDeletion());
        }
        if (!blocked) {
          removeFinalizer(kind, m, FOREGROUND);
        }
      }
      return Result.done();
    }
    if (m.getOwnerReferencesCount() == 0) {
      return Result.done();
    }
    List<OwnerReference> solid = new ArrayList<>();
    List<OwnerReference> gone = new ArrayList<>();
    boolean waiting = false;
    for (OwnerReference ref : m.getOwnerReferencesList()) {
      OwnerState s = owners.state(m, ref);
      if (s == OwnerState.SOLID) {
        solid.add(ref);
      } else {
        gone.add(ref);
        waiting |= s == OwnerState.WAITING_FOR_DEPENDENTS;
      }
    }
    if (gone.isEmpty()) {
      return Result.done();
    }
    if (!solid.isEmpty()) {
      removeOwnerReferences(kind, m, gone);
      return Result.done();
    }
    String policy;
    if (waiting && !dependents(m.getUid()).isEmpty()) {
      policy = "Foreground";
    } else if (m.getFinalizersList().contains(ORPHAN)) {
      policy = "Orphan";
    } else if (m.getFinalizersList().contains(FOREGROUND)) {
      policy = "Foreground";
    } else {
      policy = "Background";
    }
    LOG.log(System.Logger.Level.DEBUG, () -> NAME + ": deleting " + kind.kind() + " " + key + " (" + policy + ")");
    ignoreGone(() -> client.resource(kind, m.getNamespace()).delete(DeleteRequest.newBuilder()
        .setName(m.getName()).setPropagationPolicy(policy).setPreconditionUid(m.getUid())));
    return Result.done();
  }

  private void orphanDependents(ObjectMeta owner) {
    for (Dependent d : dependents(owner.getUid())) {
      OwnerReference ref = OwnerReference.newBuilder().setUid(owner.getUid()).build();
      removeOwnerReferences(d.kind(), ObjectMetas.of(d.object()), List.of(ref));
    }
  }

  /** A strategic merge patch deleting the references by uid; the object's uid in it keeps a successor untouched. */
  private void removeOwnerReferences(Kind kind, ObjectMeta m, List<OwnerReference> refs) {
    StringBuilder p = new StringBuilder("{\"metadata\":{\"ownerReferences\":[");
    for (int i = 0; i < refs.size(); i++) {
      p.append(i == 0 ? "" : ",").append("{\"$patch\":\"delete\",\"uid\":\"").append(refs.get(i).getUid()).append("\"}");
    }
    p.append("],\"uid\":\"").append(m.getUid()).append("\"}}");
    ignoreGone(() -> client.resource(kind, m.getNamespace()).patch(m.getName(), PatchType.STRATEGIC_MERGE_PATCH,
        p.toString()));
  }

  private void removeFinalizer(Kind kind, ObjectMeta m, String finalizer) {
    ignoreGone(() -> client.resource(kind, m.getNamespace()).patch(m.getName(), PatchType.STRATEGIC_MERGE_PATCH,
        "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"" + finalizer + "\"],\"uid\":\"" + m.getUid()
            + "\"}}"));
  }

  /** Runs a write; an object that is already gone (or replaced: a uid conflict) needs nothing more. */
  private static void ignoreGone(Runnable write) {
    try {
      write.run();
    } catch (ApiException e) {
      if (e.code() != Code.NOT_FOUND && !(e.code() == Code.ABORTED && e.getMessage().contains("Precondition"))) {
        throw e;
      }
    }
  }
}
