package windlass.apiserver.registry;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import windlass.apiserver.storage.Backend;
import windlass.apiserver.storage.KeyValue;
import windlass.apiserver.storage.StorageException;
import windlass.client.ApiException;
import windlass.client.FieldError;
import windlass.client.Kind;
import windlass.client.ObjectList;
import windlass.client.ObjectMetas;
import windlass.client.Watcher;

/**
 * The generic store of one kind over the {@link Backend}, as upstream's registry/generic Store: system fields (uid,
 * creationTimestamp, generation, resourceVersion = store revision), generateName, optimistic concurrency, graceful
 * deletion and finalizers, with the kind's {@link Strategy} for the rest. Knows nothing of other kinds: the
 * {@link Registry} adds namespaces, owners and subresources.
 */
public final class ResourceStore {
  private static final int RETRIES = 32;
  private static final int GENERATE_ATTEMPTS = 8;
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  /** Called after an object is removed from storage, with its last state (resourceVersion of the removal). */
  public interface RemovalHook {
    void removed(Message lastState, DeleteOptions options);
  }

  /** The outcome of a delete: the object as deleted, or as marked for deletion while it waits. */
  public record Deletion(Message object, boolean removed) {}

  private final Strategy strategy;
  private final Kind kind;
  private final Backend backend;
  private final Clock clock;
  private final RandomGenerator random;
  private final Watches watches;
  private volatile RemovalHook onRemoved = (obj, o) -> {};
  private volatile CachedReads cached;

  public ResourceStore(Strategy strategy, Backend backend, Clock clock, RandomGenerator random,
      ScheduledExecutorService timers, java.time.Duration bookmarkInterval) {
    this.strategy = strategy;
    this.kind = strategy.kind();
    this.backend = backend;
    this.clock = clock;
    this.random = random;
    this.watches = new Watches(strategy, backend, timers, bookmarkInterval);
  }

  public Kind kind() {
    return kind;
  }

  public Strategy strategy() {
    return strategy;
  }

  void onRemoved(RemovalHook hook) {
    this.onRemoved = hook;
  }

  /** Starts this kind's watch cache: lists and watches then come from memory where {@link CachedReads} allows. */
  void useCache(windlass.apiserver.cache.WatchCaches caches) {
    CachedReads c = new CachedReads(kind, caches.cache(Keys.prefix(kind, ""), kv -> StorageCodec.decode(kind, kv)),
        backend);
    this.cached = c;
    watches.useCache(c);
  }

  /** This kind's watch cache, or null when it has none. */
  public windlass.apiserver.cache.WatchCache<Message> watchCache() {
    CachedReads c = cached;
    return c == null ? null : c.cache();
  }

  // ---- create ----

  /** Creates the object, its namespace already resolved; ALREADY_EXISTS, INVALID_ARGUMENT as upstream. */
  public Message create(Message in, boolean dryRun) {
    return createStored(in, dryRun).object();
  }

  /** What {@link #create} stored: the object read back, and its stored bytes (null for a dry run). */
  public record Stored(Message object, byte[] bytes, long revision) {}

  /** {@link #create}, with the bytes it stored. */
  public Stored createStored(Message in, boolean dryRun) {
    ObjectMeta given = ObjectMetas.of(in);
    if (!given.getResourceVersion().isEmpty()) {
      throw ApiException.badRequest("resourceVersion should not be set on objects to be created");
    }
    Message obj = strategy.prepareForCreate(strategy.defaults(in));
    boolean generate = given.getName().isEmpty() && !given.getGenerateName().isEmpty();
    for (int attempt = 1; ; attempt++) {
      ObjectMeta.Builder m = ObjectMetas.of(obj).toBuilder()
          .setUid(newUid())
          .setCreationTimestamp(now(0))
          .clearDeletionTimestamp()
          .clearDeletionGracePeriodSeconds()
          .clearResourceVersion()
          .clearSelfLink();
      if (generate) {
        m.setName(given.getGenerateName() + randomSuffix());
      }
      if (strategy.tracksGeneration()) {
        m.setGeneration(1);
      } else {
        m.clearGeneration();
      }
      ObjectMeta meta = m.build();
      Message candidate = strategy.completeCreate(ObjectMetas.with(obj, meta));
      List<FieldError> errs = BaseStrategy.join(ObjectMetaValidation.validate(meta, strategy),
          strategy.validate(candidate));
      String name = m.getName().isEmpty() ? given.getGenerateName() : m.getName();
      if (!errs.isEmpty()) {
        throw ApiException.invalid(kind, name, errs);
      }
      byte[] bytes = StorageCodec.encode(candidate);
      if (dryRun) {
        return new Stored(candidate, null, 0);
      }
      try {
        long rev = backend.create(Keys.key(kind, m.getNamespace(), m.getName()), bytes);
        return new Stored(StorageCodec.withResourceVersion(candidate, rev), bytes, rev);
      } catch (StorageException e) {
        if (e.reason() == StorageException.Reason.KEY_EXISTS && generate && attempt < GENERATE_ATTEMPTS) {
          continue;
        }
        throw storageError(e, name);
      }
    }
  }

  // ---- read ----

  public Optional<Message> find(String namespace, String name) {
    try {
      return backend.get(Keys.key(kind, namespace, name)).map(kv -> StorageCodec.decode(kind, kv));
    } catch (StorageException e) {
      throw storageError(e, name);
    }
  }

  /**
   * What {@link #find} returns, from the watch cache once it caught up with storage's current revision (so as
   * current as a storage read), else from storage: for reads on every write, as admission's.
   */
  public Optional<Message> findCurrent(String namespace, String name) {
    CachedReads c = cached;
    Optional<Message> fromCache = c == null ? null : c.get(Keys.key(kind, namespace, name));
    return fromCache != null ? fromCache : find(namespace, name);
  }

  public Message get(String namespace, String name) {
    return find(namespace, name).orElseThrow(() -> ApiException.notFound(kind, name));
  }

  public ObjectList<Message> list(ListQuery q) {
    Filter filter = Filter.of(strategy, q);
    CachedReads c = cached;
    ObjectList<Message> fromCache = c == null ? null : c.list(q, filter);
    return fromCache != null ? fromCache : new Lister(kind, backend, filter).list(q);
  }

  /** Streams changes as upstream's watch does; see {@link Watches}. */
  public RegistryWatch watch(ListQuery q, Watcher<Message> watcher) {
    return watches.watch(q, watcher);
  }

  // ---- update ----

  /** Replaces spec and metadata (status too for kinds without a status subresource). */
  public Message update(Message in, boolean dryRun) {
    Message obj = strategy.defaults(in);
    return write(obj, dryRun, (next, old) -> {
      Message prepared = strategy.prepareForUpdate(next, old);
      prepared = keepSystemFields(prepared, old, strategy.tracksGeneration() && strategy.generationChanged(prepared, old));
      List<FieldError> errs = BaseStrategy.join(ObjectMetaValidation.validate(ObjectMetas.of(prepared), strategy),
          ObjectMetaValidation.validateUpdate(ObjectMetas.of(prepared), ObjectMetas.of(old)));
      errs = BaseStrategy.join(errs, strategy.validate(prepared));
      errs = BaseStrategy.join(errs, strategy.validateUpdate(prepared, old));
      if (!errs.isEmpty()) {
        throw ApiException.invalid(kind, ObjectMetas.of(prepared).getName(), errs);
      }
      return prepared;
    });
  }

  /** Replaces only status; NOT_FOUND for kinds without a status subresource. */
  public Message updateStatus(Message in, boolean dryRun) {
    if (!kind.hasStatus()) {
      throw ApiErrors.noSubresource(kind, "status");
    }
    return write(in, dryRun, (next, old) -> {
      Message prepared = strategy.prepareForStatusUpdate(next, old);
      List<FieldError> errs = strategy.validateStatusUpdate(prepared, old);
      if (!errs.isEmpty()) {
        throw ApiException.invalid(kind, ObjectMetas.of(old).getName(), errs);
      }
      return prepared;
    });
  }

  private interface Change {
    Message apply(Message requested, Message old);
  }

  private Message write(Message obj, boolean dryRun, Change change) {
    ObjectMeta m = ObjectMetas.of(obj);
    if (m.getName().isEmpty()) {
      throw ApiException.badRequest("name is required: metadata.name must be set on " + kind.kind() + " updates");
    }
    String key = Keys.key(kind, m.getNamespace(), m.getName());
    long wanted = parseResourceVersion(m.getResourceVersion());
    if (!dryRun) {
      Message landed = writeFromCache(key, m.getName(), wanted,
          old -> StorageCodec.withResourceVersion(change.apply(obj, old), ObjectMetas.resourceVersion(old)));
      if (landed != null) {
        return landed;
      }
    }
    for (int attempt = 0; attempt < RETRIES; attempt++) {
      KeyValue cur = current(key, m.getName());
      if (wanted != 0 && wanted != cur.modRevision()) {
        throw ApiException.conflictModified(kind, m.getName());
      }
      Message old = StorageCodec.decode(kind, cur);
      Message next = StorageCodec.withResourceVersion(change.apply(obj, old), cur.modRevision());
      if (next.equals(old) || dryRun) {
        return next;
      }
      try {
        long rev = backend.update(key, StorageCodec.encode(next), cur.modRevision());
        return finishIfDeleted(key, StorageCodec.withResourceVersion(next, rev), rev);
      } catch (StorageException e) {
        if (e.reason() != StorageException.Reason.CONFLICT || wanted != 0) {
          throw storageError(e, m.getName());
        }
      }
    }
    throw ApiException.conflictModified(kind, m.getName());
  }

  /**
   * Applies {@code change} to the stored object until it lands (upstream GuaranteedUpdate), without validation: for
   * the registry's own changes (binding, deletion marks, owner references). {@code change} may throw to refuse.
   */
  public Message mutate(String namespace, String name, UnaryOperator<Message> change) {
    String key = Keys.key(kind, namespace, name);
    Message landed = writeFromCache(key, name, 0, change);
    if (landed != null) {
      return landed;
    }
    for (int attempt = 0; attempt < RETRIES; attempt++) {
      KeyValue cur = current(key, name);
      Message old = StorageCodec.decode(kind, cur);
      Message next = StorageCodec.withResourceVersion(change.apply(old), cur.modRevision());
      if (next.equals(old)) {
        return old;
      }
      try {
        long rev = backend.update(key, StorageCodec.encode(next), cur.modRevision());
        return finishIfDeleted(key, StorageCodec.withResourceVersion(next, rev), rev);
      } catch (StorageException e) {
        if (e.reason() != StorageException.Reason.CONFLICT) {
          throw storageError(e, name);
        }
      }
    }
    throw ApiException.conflictModified(kind, name);
  }

  /**
   * One try of an update or {@link #mutate} from the watch cache's copy, as upstream's GuaranteedUpdate starts from
   * the cached object: the write is conditional on the copy's revision, so a stale copy only costs the storage round
   * this saves. Null (storage must decide) when the cache has no copy, the caller wants another revision than the
   * copy's ({@code wanted}, 0 for any), the change refuses or changes nothing on it (it may be stale: upstream too
   * retries on a fresh read then), or the write conflicts. {@code change} returns the next object with the
   * resourceVersion of the one it was given.
   */
  private Message writeFromCache(String key, String name, long wanted, UnaryOperator<Message> change) {
    CachedReads c = cached;
    Message old = c == null ? null : c.peek(key);
    if (old == null) {
      return null;
    }
    long revision = ObjectMetas.resourceVersion(old);
    if (wanted != 0 && wanted != revision) {
      return null;
    }
    Message next;
    try {
      next = change.apply(old);
    } catch (ApiException e) {
      return null;
    }
    if (next.equals(old)) {
      return null;
    }
    try {
      long rev = backend.update(key, StorageCodec.encode(next), revision);
      return finishIfDeleted(key, StorageCodec.withResourceVersion(next, rev), rev);
    } catch (StorageException e) {
      if (e.reason() == StorageException.Reason.CONFLICT || e.reason() == StorageException.Reason.NOT_FOUND) {
        return null;
      }
      throw storageError(e, name);
    }
  }

  /** An object marked for deletion whose last finalizer went away (and no grace period runs) is removed now. */
  private Message finishIfDeleted(String key, Message obj, long rev) {
    ObjectMeta m = ObjectMetas.of(obj);
    if (!m.hasDeletionTimestamp() || strategy.heldByFinalizers(obj) || m.getDeletionGracePeriodSeconds() > 0) {
      return obj;
    }
    try {
      KeyValue gone = backend.delete(key, rev);
      Message last = StorageCodec.withResourceVersion(obj, gone.modRevision());
      onRemoved.removed(last, DeleteOptions.DEFAULT);
      return last;
    } catch (StorageException e) {
      return obj; // changed or removed meanwhile: whoever did that finishes the deletion
    }
  }

  private Message keepSystemFields(Message obj, Message old, boolean bumpGeneration) {
    ObjectMeta o = ObjectMetas.of(old);
    ObjectMeta.Builder m = ObjectMetas.of(obj).toBuilder()
        .setCreationTimestamp(o.getCreationTimestamp())
        .clearSelfLink();
    if (m.getUid().isEmpty()) {
      m.setUid(o.getUid());
    }
    if (o.hasDeletionTimestamp()) {
      m.setDeletionTimestamp(o.getDeletionTimestamp());
    } else {
      m.clearDeletionTimestamp();
    }
    if (o.hasDeletionGracePeriodSeconds()) {
      m.setDeletionGracePeriodSeconds(o.getDeletionGracePeriodSeconds());
    } else {
      m.clearDeletionGracePeriodSeconds();
    }
    if (strategy.tracksGeneration()) {
      m.setGeneration(bumpGeneration ? o.getGeneration() + 1 : o.getGeneration());
    } else if (o.hasGeneration()) {
      m.setGeneration(o.getGeneration());
    } else {
      m.clearGeneration();
    }
    return ObjectMetas.with(obj, m.build());
  }

  // ---- delete ----

  /**
   * Deletes as upstream: preconditions first; a grace period (pods on a node) or finalizers mark the object with
   * deletionTimestamp and keep it; otherwise it is removed and the removal hook runs.
   */
  public Deletion delete(String namespace, String name, DeleteOptions o) {
    String key = Keys.key(kind, namespace, name);
    for (int attempt = 0; attempt < RETRIES; attempt++) {
      KeyValue cur = current(key, name);
      Message stored = StorageCodec.decode(kind, cur);
      checkPreconditions(ObjectMetas.of(stored), o);
      Message obj = GcFinalizers.forPropagation(stored, o.propagation());
      boolean finalizersChanged = !obj.equals(stored);
      ObjectMeta m = ObjectMetas.of(obj);
      long grace = strategy.gracePeriodSeconds(obj, o.gracePeriodSeconds());
      Message marked = null;
      if (grace > 0) {
        boolean alreadySooner = m.hasDeletionTimestamp() && m.getDeletionGracePeriodSeconds() <= grace;
        if (alreadySooner && !finalizersChanged) {
          return new Deletion(obj, false);
        }
        marked = alreadySooner ? obj : ObjectMetas.with(obj, m.toBuilder().setDeletionTimestamp(now(grace))
            .setDeletionGracePeriodSeconds(grace).build());
      } else if (m.getFinalizersCount() > 0) {
        if (m.hasDeletionTimestamp() && m.getDeletionGracePeriodSeconds() == 0 && !finalizersChanged) {
          return new Deletion(obj, false);
        }
        ObjectMeta.Builder b = m.toBuilder().setDeletionGracePeriodSeconds(0);
        if (!m.hasDeletionTimestamp()) {
          b.setDeletionTimestamp(now(0));
        }
        marked = ObjectMetas.with(obj, b.build());
      }
      if (o.dryRun()) {
        return new Deletion(marked != null ? marked : obj, false);
      }
      try {
        if (marked != null) {
          long rev = backend.update(key, StorageCodec.encode(marked), cur.modRevision());
          return new Deletion(StorageCodec.withResourceVersion(marked, rev), false);
        }
        KeyValue gone = backend.delete(key, cur.modRevision());
        Message last = StorageCodec.withResourceVersion(obj, gone.modRevision());
        onRemoved.removed(last, o);
        return new Deletion(last, true);
      } catch (StorageException e) {
        if (e.reason() != StorageException.Reason.CONFLICT) {
          throw storageError(e, name);
        }
      }
    }
    throw ApiException.conflictModified(kind, name);
  }

  private void checkPreconditions(ObjectMeta m, DeleteOptions o) {
    if (!o.preconditionUid().isEmpty() && !o.preconditionUid().equals(m.getUid())) {
      throw ApiException.conflict(kind, m.getName(), "Precondition failed: UID in precondition: "
          + o.preconditionUid() + ", UID in object meta: " + m.getUid());
    }
    if (!o.preconditionResourceVersion().isEmpty()
        && !o.preconditionResourceVersion().equals(m.getResourceVersion())) {
      throw ApiException.conflict(kind, m.getName(), "Precondition failed: ResourceVersion in precondition: "
          + o.preconditionResourceVersion() + ", ResourceVersion in object meta: " + m.getResourceVersion());
    }
  }

  /** True when nothing of this kind is stored under {@code namespace}. */
  public boolean isEmpty(String namespace) {
    return backend.count(Keys.prefix(kind, namespace)) == 0;
  }

  /** Every object of the kind in {@code namespace}, unfiltered. */
  public List<Message> all(String namespace) {
    return new ArrayList<>(list(ListQuery.all(namespace)).items());
  }

  // ---- helpers ----

  private KeyValue current(String key, String name) {
    try {
      return backend.get(key).orElseThrow(() -> ApiException.notFound(kind, name));
    } catch (StorageException e) {
      throw storageError(e, name);
    }
  }

  static long parseResourceVersion(String rv) {
    if (rv.isEmpty()) {
      return 0;
    }
    try {
      long v = Long.parseLong(rv);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version \"" + rv + "\"");
    }
  }

  ApiException storageError(StorageException e, String name) {
    return switch (e.reason()) {
      case KEY_EXISTS -> ApiException.alreadyExists(kind, name);
      case NOT_FOUND -> ApiException.notFound(kind, name);
      case CONFLICT -> ApiException.conflictModified(kind, name);
      case COMPACTED -> ApiException.gone(e.getMessage());
      default -> ApiException.internal(e.getMessage());
    };
  }

  /** now + {@code plusSeconds}, at upstream's second precision. */
  Meta.Time now(long plusSeconds) {
    return Meta.Time.newBuilder().setSeconds(clock.instant().getEpochSecond() + plusSeconds).setNanos(0).build();
  }

  private String newUid() {
    byte[] b = new byte[16];
    random.nextBytes(b); // one draw: a SecureRandom takes its lock once per draw
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
    long hi = (buf.getLong() & ~0xF000L) | 0x4000L;
    long lo = (buf.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  private String randomSuffix() {
    StringBuilder b = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      b.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
    }
    return b.toString();
  }
}
