package windlass.apiserver.registry;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import windlass.apiserver.cache.WatchCacheConfig;
import windlass.apiserver.cache.WatchCaches;
import windlass.apiserver.registry.admission.Admission;
import windlass.apiserver.registry.core.PodBinder;
import windlass.apiserver.registry.core.ServiceAllocator;
import windlass.apiserver.registry.policy.DisruptionBudgets;
import windlass.apiserver.registry.policy.PodEvictor;
import windlass.apiserver.storage.Backend;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.ObjectList;
import windlass.client.ObjectMetas;
import windlass.client.Watcher;

/**
 * The API's semantics over the backend, for every served kind, independent of any transport (the gRPC service and
 * the future REST gateway both call this). One {@link ResourceStore} per kind does the generic work; this class adds
 * what spans kinds: namespaces must exist (and not be terminating), deletes set the garbage collector's finalizers
 * (the collector itself runs in the controller manager), deleting a namespace deletes its content, pods are bound to nodes, services get cluster IPs.
 * Every failure is an {@link ApiException}.
 */
public final class Registry implements AutoCloseable {
  private final Backend backend;
  private final Map<Kind, ResourceStore> stores = new LinkedHashMap<>();
  private final ScheduledExecutorService timers;
  private final NamespaceLifecycle namespaces;
  private final PodBinder binder;
  private final ServiceAllocator services;
  private final Patcher patcher;
  private final ScaleSubresource scales = new ScaleSubresource(this);
  private final Admission admission;
  private final PodEvictor evictor;
  private final WatchCaches caches;

  public Registry(Backend backend, Clock clock, RandomGenerator random, Duration bookmarkInterval) {
    this(backend, clock, random, bookmarkInterval, WatchCacheConfig.DEFAULT);
  }

  /** @param watchCache the watch caches' budget, or {@link WatchCacheConfig#disabled()} for none */
  public Registry(Backend backend, Clock clock, RandomGenerator random, Duration bookmarkInterval,
      WatchCacheConfig watchCache) {
    this.backend = backend;
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "registry-timers");
      t.setDaemon(true);
      return t;
    });
    for (Strategy s : Strategies.all()) {
      ResourceStore store = new ResourceStore(s, backend, clock, random, timers, bookmarkInterval);
      store.onRemoved((obj, o) -> removed(s.kind(), obj, o));
      stores.put(s.kind(), store);
    }
    this.caches = watchCache.enabled() ? new WatchCaches(backend, watchCache, stores.size()) : null;
    if (caches != null) {
      stores.values().forEach(st -> st.useCache(caches));
    }
    this.namespaces = new NamespaceLifecycle(this, store(Kinds.NAMESPACE));
    this.binder = new PodBinder(store(Kinds.POD), clock);
    this.services = new ServiceAllocator(store(Kinds.SERVICE), random);
    this.patcher = new Patcher(this);
    DisruptionBudgets budgets = new DisruptionBudgets(store(Kinds.POD_DISRUPTION_BUDGET), store(Kinds.POD),
        new ControllerReplicas(this));
    this.admission = new Admission(this, budgets);
    this.evictor = new PodEvictor(store(Kinds.POD), store(Kinds.POD_DISRUPTION_BUDGET), budgets,
        (ns, name, o) -> delete(Kinds.POD, ns, name, o), clock);
  }

  /** A registry on the system clock, with a strong random source and one-minute bookmarks. */
  public static Registry create(Backend backend) {
    return new Registry(backend, Clock.systemUTC(), new SecureRandom(), Duration.ofMinutes(1));
  }

  public Backend backend() {
    return backend;
  }

  public List<Kind> kinds() {
    return List.copyOf(stores.keySet());
  }

  public ResourceStore store(Kind kind) {
    ResourceStore s = stores.get(kind);
    if (s == null) {
      throw ApiErrors.notFound(kind.groupResource(), "the server could not find the requested resource");
    }
    return s;
  }

  /**
   * Creates default, kube-system, kube-public and kube-node-lease, their default ServiceAccounts and the built-in
   * PriorityClasses when missing (every start; idempotent).
   */
  public void ensureSystemNamespaces() {
    namespaces.ensureSystemNamespaces();
    admission.ensureDefaultServiceAccounts();
    admission.ensureSystemPriorityClasses();
  }

  /** Whether namespace {@code name} exists and is not terminating. */
  public boolean namespaceActive(String name) {
    return namespaces.active(name);
  }

  public Message create(Kind kind, String namespace, Message obj, boolean dryRun) {
    return createForWire(kind, namespace, obj, dryRun).object();
  }

  /** A created object, and its wire form when the bytes it was stored as give it (else null: encode the object). */
  public record Created(Message object, ByteString wire) {}

  /** {@link #create}, with the created object's wire form from its stored bytes where it can (no second encode). */
  public Created createForWire(Kind kind, String namespace, Message obj, boolean dryRun) {
    Message o = inNamespace(kind, namespace, obj);
    ObjectMeta m = ObjectMetas.of(o);
    namespaces.admitCreate(kind, m.getNamespace(), m.getName().isEmpty() ? m.getGenerateName() : m.getName());
    ResourceStore.Stored[] stored = new ResourceStore.Stored[1];
    Message created = admission.create(kind, o, dryRun, a -> {
      if (kind.equals(Kinds.SERVICE)) {
        return services.create(a, dryRun);
      }
      stored[0] = store(kind).createStored(a, dryRun);
      return stored[0].object();
    });
    ResourceStore.Stored s = stored[0];
    boolean asStored = s != null && s.bytes() != null && s.object() == created;
    return new Created(created, asStored ? StorageCodec.wire(created, s.bytes(), s.revision()) : null);
  }

  public Message get(Kind kind, String namespace, String name) {
    return store(kind).get(kind.namespaced() ? namespace : "", name);
  }

  public ObjectList<Message> list(Kind kind, ListQuery q) {
    return store(kind).list(scoped(kind, q));
  }

  public Message update(Kind kind, String namespace, Message obj, boolean dryRun) {
    Message o = inNamespace(kind, namespace, obj);
    admission.update(kind, o);
    Message updated = kind.equals(Kinds.SERVICE) ? services.update(o, dryRun) : store(kind).update(o, dryRun);
    if (!dryRun) {
      admission.updated(kind, updated);
    }
    return updated;
  }

  public Message updateStatus(Kind kind, String namespace, Message obj, boolean dryRun) {
    Message updated = store(kind).updateStatus(inNamespace(kind, namespace, obj), dryRun);
    if (!dryRun) {
      admission.updated(kind, updated);
    }
    return updated;
  }

  /**
   * Patches object {@code name} (its {@code subresource}: "" or "status") with {@code patch}, a JSON document in
   * upstream's field names; see {@link Patcher}.
   */
  public Message patch(Kind kind, String namespace, String name, PatchFormat format, String patch,
      String subresource, boolean dryRun) {
    if (subresource.equals("scale")) {
      return scales.patch(kind, kind.namespaced() ? namespace : "", name, format, patch, dryRun);
    }
    return patcher.patch(kind, kind.namespaced() ? namespace : "", name, format, patch, subresource, dryRun);
  }

  /** The autoscaling/v1 Scale of a deployment, replicaset or statefulset; NOT_FOUND for other kinds. */
  public io.kubernetes.client.proto.V1Autoscaling.Scale getScale(Kind kind, String namespace, String name) {
    return scales.get(kind, namespace, name);
  }

  /** Writes the Scale's spec.replicas to its object; see {@link ScaleSubresource}. */
  public io.kubernetes.client.proto.V1Autoscaling.Scale updateScale(Kind kind, String namespace,
      io.kubernetes.client.proto.V1Autoscaling.Scale scale, boolean dryRun) {
    return scales.update(kind, namespace, scale, dryRun);
  }

  /** The CertificateSigningRequest "approval" subresource: replaces its Approved/Denied conditions. */
  public Message updateApproval(Kind kind, Message obj, boolean dryRun) {
    return windlass.apiserver.registry.certificates.Approvals.update(this, store(kind), kind, obj, dryRun);
  }

  /** Deletes one object; returns it as deleted, or marked with deletionTimestamp while it waits. */
  public Message delete(Kind kind, String namespace, String name, DeleteOptions o) {
    if (kind.equals(Kinds.NAMESPACE)) {
      return namespaces.delete(name, o);
    }
    return store(kind).delete(kind.namespaced() ? namespace : "", name, o).object();
  }

  /** Deletes every object the query selects; returns them as deleted (or marked). */
  public List<Message> deleteCollection(Kind kind, ListQuery q, DeleteOptions o) {
    List<Message> out = new ArrayList<>();
    for (Message m : list(kind, q.withLimit(0, "")).items()) {
      ObjectMeta meta = ObjectMetas.of(m);
      try {
        out.add(delete(kind, meta.getNamespace(), meta.getName(), o));
      } catch (ApiException e) {
        if (e.code() != io.grpc.Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    return out;
  }

  public RegistryWatch watch(Kind kind, ListQuery q, Watcher<Message> watcher) {
    return store(kind).watch(scoped(kind, q), watcher);
  }

  /** The pod "binding" subresource: assigns pod {@code name} to the binding's target node. */
  public Meta.Status bind(String namespace, String name, V1.Binding binding, boolean dryRun) {
    return binder.bind(namespace, name, binding, dryRun);
  }

  /** The pod "eviction" subresource: deletes pod {@code name} unless a PodDisruptionBudget forbids it now. */
  public Meta.Status evict(String namespace, String name, io.kubernetes.client.proto.V1Policy.Eviction eviction,
      boolean dryRun) {
    return evictor.evict(namespace, name, eviction, dryRun);
  }

  /** Called by a store after it removed an object from storage (dependents are the garbage collector's). */
  private void removed(Kind kind, Message obj, DeleteOptions o) {
    if (kind.namespaced()) {
      admission.removed(kind, obj);
      namespaces.contentRemoved(ObjectMetas.of(obj).getNamespace());
    }
  }

  private static ListQuery scoped(Kind kind, ListQuery q) {
    return kind.namespaced() || q.namespace().isEmpty() ? q
        : new ListQuery("", q.labelSelector(), q.fieldSelector(), q.limit(), q.continueToken(), q.resourceVersion(),
            q.allowWatchBookmarks());
  }

  /** The object in the request's namespace: BadRequest when they disagree; cluster-scoped kinds get none. */
  private static Message inNamespace(Kind kind, String namespace, Message obj) {
    ObjectMeta m = ObjectMetas.of(obj);
    if (!kind.namespaced()) {
      return m.getNamespace().isEmpty() ? obj : ObjectMetas.with(obj, m.toBuilder().clearNamespace().build());
    }
    if (m.getNamespace().isEmpty()) {
      return namespace.isEmpty() ? obj : ObjectMetas.with(obj, m.toBuilder().setNamespace(namespace).build());
    }
    if (!namespace.isEmpty() && !namespace.equals(m.getNamespace())) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    return obj;
  }

  /** The watch caches, or null when they are off. */
  public WatchCaches watchCaches() {
    return caches;
  }

  @Override
  public void close() {
    if (caches != null) {
      caches.close();
    }
    timers.shutdownNow();
  }
}
