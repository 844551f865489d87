package windlass.apiserver.registry.admission;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import windlass.apiserver.registry.ApiErrors;
import windlass.apiserver.registry.Registry;
import windlass.apiserver.registry.ResourceStore;
import windlass.apiserver.registry.core.QuantityFormat;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;
import windlass.client.Quantities;

/**
 * upstream's ResourceQuota admission plus the part of its quota controller that keeps {@code status} current, done
 * in-process: a create that would take a namespace over a quota's hard limits is refused
 * ({@code exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2}), pods must name the compute resources
 * a quota limits. {@code status.used} is charged with each admitted create and credited with each removal (as
 * upstream's admission and quota controller keep it), and recounted from the stored objects when the quota itself is
 * written or a pod finishes. Checks and creates in a namespace with quotas are serialised so two creates cannot both
 * take the last unit; creates in namespaces without quotas run concurrently.
 */
final class ResourceQuotaAdmission {
  private final Registry registry;
  private final ResourceStore quotas;
  /**
   * Checks and creates: a create in a namespace with quotas (and any ResourceQuota create) holds it exclusively, so
   * two creates cannot both take the last unit and a new quota's recount sees every create that did not check it;
   * creates in namespaces without quotas share it.
   */
  private final ReentrantReadWriteLock createLock = new ReentrantReadWriteLock();
  /** Status writes: one at a time so a stale recount never lands last. Separate from the create lock (this). */
  private final Object statusLock = new Object();

  ResourceQuotaAdmission(Registry registry) {
    this.registry = registry;
    this.quotas = registry.store(Kinds.RESOURCE_QUOTA);
  }

  Message create(Kind kind, Message obj, boolean dryRun, Supplier<Message> create) {
    String ns = ObjectMetas.of(obj).getNamespace();
    if (!kind.namespaced() || ns.isEmpty()) {
      return create.get();
    }
    if (!kind.equals(Kinds.RESOURCE_QUOTA)) {
      createLock.readLock().lock();
      try {
        if (quotas(ns).isEmpty()) {
          return create.get(); // nothing to check or charge: creates like this one run side by side
        }
      } finally {
        createLock.readLock().unlock();
      }
    }
    createLock.writeLock().lock();
    try {
      return admit(kind, obj, ns, dryRun, create);
    } finally {
      createLock.writeLock().unlock();
    }
  }

  private Message admit(Kind kind, Message obj, String ns, boolean dryRun, Supplier<Message> create) {
    List<V1.ResourceQuota> qs = quotas(ns);
    if (qs.isEmpty()) {
      return create.get();
    }
    Message defaulted = registry.store(kind).strategy().defaults(obj);
    Map<String, BigDecimal> delta = QuotaUsage.of(kind, defaulted);
    String name = ObjectMetas.of(obj).getName().isEmpty() ? ObjectMetas.of(obj).getGenerateName()
        : ObjectMetas.of(obj).getName();
    for (V1.ResourceQuota q : qs) {
      Map<String, Quantity> hard = q.getSpec().getHardMap();
      if (kind.equals(Kinds.POD)) {
        String missing = QuotaUsage.missing((V1.Pod) defaulted, hard.keySet());
        if (!missing.isEmpty()) {
          throw ApiErrors.forbidden(kind, name, "failed quota: " + q.getMetadata().getName() + ": " + missing);
        }
      }
      if (hard.keySet().stream().noneMatch(delta::containsKey)) {
        continue;
      }
      Map<String, BigDecimal> used = used(q, ns);
      List<String> requested = new ArrayList<>();
      List<String> usedNow = new ArrayList<>();
      List<String> limited = new ArrayList<>();
      for (Map.Entry<String, Quantity> h : new TreeMap<>(hard).entrySet()) {
        String r = h.getKey();
        BigDecimal d = delta.get(r);
        if (d == null || !Quantities.isValid(h.getValue().getString())) {
          continue;
        }
        BigDecimal u = used.getOrDefault(r, BigDecimal.ZERO);
        if (u.add(d).compareTo(Quantities.parse(h.getValue())) > 0) {
          boolean binary = QuantityFormat.binary(h.getValue().getString());
          requested.add(r + "=" + QuantityFormat.format(d, binary));
          usedNow.add(r + "=" + QuantityFormat.format(u, binary));
          limited.add(r + "=" + QuantityFormat.canonical(h.getValue()));
        }
      }
      if (!requested.isEmpty()) {
        throw ApiErrors.forbidden(kind, name, "exceeded quota: " + q.getMetadata().getName() + ", requested: "
            + String.join(",", requested) + ", used: " + String.join(",", usedNow) + ", limited: "
            + String.join(",", limited));
      }
    }
    Message created = create.get();
    if (!dryRun) {
      charge(ns, kind, created, 1);
    }
    return created;
  }

  /** What the quota's status says is used, or a recount when it does not cover every hard limit yet. */
  private Map<String, BigDecimal> used(V1.ResourceQuota q, String ns) {
    Map<String, Quantity> hard = q.getSpec().getHardMap();
    if (!q.getStatus().getUsedMap().keySet().containsAll(hard.keySet())) {
      return usage(ns, hard);
    }
    Map<String, BigDecimal> used = new TreeMap<>();
    q.getStatus().getUsedMap().forEach((r, v) -> {
      if (Quantities.isValid(v.getString())) {
        used.put(r, Quantities.parse(v));
      }
    });
    return used;
  }

  /**
   * Adds ({@code sign} 1) or takes back (-1) what {@code obj} counts to the namespace's quotas' status.used, as
   * upstream's admission charges a create; a quota whose status does not cover its hard limits yet is recounted.
   */
  void charge(String ns, Kind kind, Message obj, int sign) {
    Map<String, BigDecimal> d = QuotaUsage.of(kind, obj);
    synchronized (statusLock) {
      for (V1.ResourceQuota q : quotas(ns)) {
        Map<String, Quantity> hard = q.getSpec().getHardMap();
        if (hard.keySet().stream().noneMatch(d::containsKey)) {
          continue;
        }
        if (!q.getStatus().getUsedMap().keySet().containsAll(hard.keySet())) {
          write(ns, q, usage(ns, hard));
          continue;
        }
        Map<String, BigDecimal> used = used(q, ns);
        d.forEach((r, v) -> {
          if (hard.containsKey(r)) {
            used.put(r, used.getOrDefault(r, BigDecimal.ZERO).add(v.multiply(BigDecimal.valueOf(sign))).max(
                BigDecimal.ZERO));
          }
        });
        write(ns, q, used);
      }
    }
  }

  /** Recomputes the status of the namespace's quotas that count {@code kind} (every quota for ResourceQuota). */
  void refresh(String ns, Kind kind) {
    if (ns.isEmpty()) {
      return;
    }
    synchronized (statusLock) {
      refreshLocked(ns, kind);
    }
  }

  private void refreshLocked(String ns, Kind kind) {
    for (V1.ResourceQuota q : quotas(ns)) {
      boolean counts = kind.equals(Kinds.RESOURCE_QUOTA)
          || q.getSpec().getHardMap().keySet().stream().anyMatch(r -> QuotaUsage.tracks(r, kind));
      if (!counts) {
        continue;
      }
      write(ns, q, usage(ns, q.getSpec().getHardMap()));
    }
  }

  private void write(String ns, V1.ResourceQuota q, Map<String, BigDecimal> used) {
    V1.ResourceQuotaStatus.Builder status = V1.ResourceQuotaStatus.newBuilder().putAllHard(q.getSpec().getHardMap());
    q.getSpec().getHardMap().forEach((r, h) -> status.putUsed(r,
        QuantityFormat.of(used.getOrDefault(r, BigDecimal.ZERO), QuantityFormat.binary(h.getString()))));
    try {
      quotas.mutate(ns, q.getMetadata().getName(), m -> ((V1.ResourceQuota) m).toBuilder().setStatus(status).build());
    } catch (ApiException e) {
      if (e.code() != io.grpc.Status.Code.NOT_FOUND) {
        throw e;
      }
    }
  }

  private List<V1.ResourceQuota> quotas(String ns) {
    return quotas.all(ns).stream().map(V1.ResourceQuota.class::cast).toList();
  }

  /** The namespace's current usage of the resources {@code hard} names, over the stored objects. */
  private Map<String, BigDecimal> usage(String ns, Map<String, Quantity> hard) {
    Map<String, BigDecimal> used = new TreeMap<>();
    for (Kind k : registry.kinds()) {
      if (!k.namespaced() || hard.keySet().stream().noneMatch(r -> QuotaUsage.tracks(r, k))) {
        continue;
      }
      for (Message m : registry.store(k).all(ns)) {
        QuotaUsage.of(k, m).forEach((r, v) -> {
          if (hard.containsKey(r)) {
            used.merge(r, v, BigDecimal::add);
          }
        });
      }
    }
    return used;
  }
}
