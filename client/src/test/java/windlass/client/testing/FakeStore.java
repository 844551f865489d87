package windlass.client.testing;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import windlass.api.v1.WatchEventType;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.FieldError;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;

/**
 * The fake apiserver's state: objects by key, a global revision, the history of changes for watch resumption
 * (until {@link #compact()}), and the open watches. Every method runs under this object's monitor, so watches see
 * changes in revision order with no gap.
 */
final class FakeStore {
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /** One change: its revision, the object before (null for ADDED) and after (for DELETED: its last state). */
  record Change(long revision, Kind kind, WatchEventType type, Message oldObj, Message newObj) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final TreeMap<String, Message> objects = new TreeMap<>();
  private final List<Change> history = new ArrayList<>();
  private final List<FakeWatch> watches = new ArrayList<>();
  private final java.util.Set<Kind> paused = new java.util.HashSet<>();
  private long revision = 1;
  private long compacted;
  private long mutations;

  FakeStore(Clock clock) {
    this.clock = clock;
  }

  static String key(Kind kind, String namespace, String name) {
    return kind.groupResource() + "/" + namespace + "/" + name;
  }

  synchronized long revision() {
    return revision;
  }

  synchronized long mutations() {
    return mutations;
  }

  synchronized Optional<Message> get(Kind kind, String namespace, String name) {
    return Optional.ofNullable(objects.get(key(kind, kind.namespaced() ? namespace : "", name)));
  }

  synchronized List<Message> list(Kind kind, String namespace, String labels, String fields) {
    List<Message> out = new ArrayList<>();
    String prefix = kind.groupResource() + "/";
    for (var e : objects.tailMap(prefix).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      Message o = e.getValue();
      if ((namespace.isEmpty() || ObjectMetas.of(o).getNamespace().equals(namespace))
          && Selectors.matches(o, labels, fields)) {
        out.add(o);
      }
    }
    return out;
  }

  synchronized Message create(Kind kind, String namespace, Message obj) {
    ObjectMeta m = ObjectMetas.of(obj);
    String ns = kind.namespaced() ? (m.getNamespace().isEmpty() ? namespace : m.getNamespace()) : "";
    if (kind.namespaced() && ns.isEmpty()) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the "
          + "request");
    }
    String name = m.getName();
    if (name.isEmpty()) {
      if (m.getGenerateName().isEmpty()) {
        throw ApiException.invalid(kind, "", List.of(
            FieldError.required("metadata.name", "name or generateName is required")));
      }
      do {
        StringBuilder b = new StringBuilder(m.getGenerateName());
        for (int i = 0; i < 5; i++) {
          b.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        name = b.toString();
      } while (objects.containsKey(key(kind, ns, name)));
    }
    String key = key(kind, ns, name);
    if (objects.containsKey(key)) {
      throw ApiException.alreadyExists(kind, name);
    }
    long rev = ++revision;
    ObjectMeta.Builder mb = m.toBuilder().setName(name).setNamespace(ns).setUid(UUID.randomUUID().toString())
        .setResourceVersion(Long.toString(rev)).setGeneration(1).setCreationTimestamp(time(clock.now()))
        .clearDeletionTimestamp();
    if (!kind.namespaced()) {
      mb.clearNamespace();
    }
    Message stored = defaults(kind, ObjectMetas.with(obj, mb.build()));
    objects.put(key, stored);
    record(kind, WatchEventType.ADDED, null, stored);
    return stored;
  }

  synchronized Message update(Kind kind, String namespace, Message obj, boolean status) {
    ObjectMeta m = ObjectMetas.of(obj);
    String ns = kind.namespaced() ? (m.getNamespace().isEmpty() ? namespace : m.getNamespace()) : "";
    String key = key(kind, ns, m.getName());
    Message old = objects.get(key);
    if (old == null) {
      throw ApiException.notFound(kind, m.getName());
    }
    ObjectMeta om = ObjectMetas.of(old);
    if (!m.getResourceVersion().isEmpty() && !m.getResourceVersion().equals(om.getResourceVersion())) {
      throw ApiException.conflictModified(kind, m.getName());
    }
    long rev = ++revision;
    Message next;
    if (status) {
      next = withField(old, "status", field(obj, "status"));
      next = ObjectMetas.with(next, om.toBuilder().setResourceVersion(Long.toString(rev)).build());
    } else {
      next = kind.hasStatus() ? withField(obj, "status", field(old, "status")) : obj;
      boolean specChanged = hasField(obj, "spec") && !field(obj, "spec").equals(field(old, "spec"));
      ObjectMeta.Builder mb = m.toBuilder().setNamespace(om.getNamespace()).setUid(om.getUid())
          .setCreationTimestamp(om.getCreationTimestamp()).setResourceVersion(Long.toString(rev))
          .setGeneration(om.getGeneration() + (specChanged ? 1 : 0));
      if (!kind.namespaced()) {
        mb.clearNamespace();
      }
      next = ObjectMetas.with(next, mb.build());
    }
    objects.put(key, next);
    record(kind, WatchEventType.MODIFIED, old, next);
    return next;
  }

  synchronized Message delete(Kind kind, String namespace, String name, String uid, String rv) {
    String key = key(kind, kind.namespaced() ? namespace : "", name);
    Message old = objects.get(key);
    if (old == null) {
      throw ApiException.notFound(kind, name);
    }
    ObjectMeta om = ObjectMetas.of(old);
    if (!uid.isEmpty() && !uid.equals(om.getUid())) {
      throw ApiException.conflict(kind, name, "Precondition failed: UID in precondition: " + uid
          + ", UID in object meta: " + om.getUid());
    }
    if (!rv.isEmpty() && !rv.equals(om.getResourceVersion())) {
      throw ApiException.conflict(kind, name, "Precondition failed: ResourceVersion in precondition: " + rv
          + ", ResourceVersion in object meta: " + om.getResourceVersion());
    }
    objects.remove(key);
    long rev = ++revision;
    Message gone = ObjectMetas.with(old, om.toBuilder().setResourceVersion(Long.toString(rev)).build());
    record(kind, WatchEventType.DELETED, old, gone);
    return gone;
  }

  /** pods/binding: sets spec.nodeName and PodScheduled=True, as upstream's BindingREST. */
  synchronized void bind(String namespace, String name, V1.Binding binding) {
    Kind kind = Kinds.POD;
    V1.Pod pod = (V1.Pod) objects.get(key(kind, namespace, name));
    if (pod == null) {
      throw ApiException.notFound(kind, name);
    }
    String node = binding.getTarget().getName();
    if (!binding.getTarget().getKind().isEmpty() && !binding.getTarget().getKind().equals("Node")) {
      throw ApiException.invalid(kind, name, List.of(FieldError.notSupported("target.kind",
          binding.getTarget().getKind(), List.of("Node"))));
    }
    String uid = binding.getMetadata().getUid();
    if (!uid.isEmpty() && !uid.equals(pod.getMetadata().getUid())) {
      throw bindingConflict(name, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
          + pod.getMetadata().getUid());
    }
    if (!pod.getSpec().getNodeName().isEmpty()) {
      throw bindingConflict(name, "pod " + name + " is already assigned to node \"" + pod.getSpec().getNodeName()
          + "\"");
    }
    V1.PodStatus.Builder st = pod.getStatus().toBuilder();
    st.clearConditions();
    for (V1.PodCondition c : pod.getStatus().getConditionsList()) {
      if (!c.getType().equals("PodScheduled")) {
        st.addConditions(c);
      }
    }
    st.addConditions(V1.PodCondition.newBuilder().setType("PodScheduled").setStatus("True")
        .setLastTransitionTime(time(clock.now())));
    long rev = ++revision;
    V1.Pod next = pod.toBuilder()
        .setMetadata(pod.getMetadata().toBuilder().setResourceVersion(Long.toString(rev)))
        .setSpec(pod.getSpec().toBuilder().setNodeName(node))
        .setStatus(st)
        .build();
    objects.put(key(kind, namespace, name), next);
    record(kind, WatchEventType.MODIFIED, pod, next);
  }

  /** Opens a watch: replays from {@code rv} (or the current state when rv is "" or "0"), then follows. */
  synchronized void watch(FakeWatch w, String rv) {
    if (rv.isEmpty() || rv.equals("0")) {
      for (Message o : list(w.kind(), w.namespace(), "", "")) {
        w.offer(WatchEventType.ADDED, null, o);
      }
    } else {
      long from;
      try {
        from = Long.parseLong(rv);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid resource version \"" + rv + "\"");
      }
      if (from < compacted) {
        throw ApiException.gone("too old resource version: " + from + " (" + compacted + ")");
      }
      for (Change c : history) {
        if (c.revision() > from && c.kind().equals(w.kind())) {
          w.offer(c.type(), c.oldObj(), c.newObj());
        }
      }
    }
    watches.add(w);
  }

  /** Holds back (true) or releases (false) the events of every watch of {@code kind}, present and future. */
  synchronized void pause(Kind kind, boolean pause) {
    if (pause) {
      paused.add(kind);
    } else {
      paused.remove(kind);
    }
    for (FakeWatch w : watches) {
      if (w.kind().equals(kind)) {
        if (pause) {
          w.pause();
        } else {
          w.resume();
        }
      }
    }
  }

  synchronized boolean paused(Kind kind) {
    return paused.contains(kind);
  }

  synchronized void unwatch(FakeWatch w) {
    watches.remove(w);
  }

  synchronized List<FakeWatch> watches() {
    return new ArrayList<>(watches);
  }

  /** Forgets all history: watches from any revision before now get OUT_OF_RANGE. */
  synchronized void compact() {
    compacted = revision;
    history.clear();
  }

  synchronized void awaitMutation(long seen, long millis) throws InterruptedException {
    if (mutations == seen) {
      wait(millis);
    }
  }

  private void record(Kind kind, WatchEventType type, Message oldObj, Message newObj) {
    history.add(new Change(revision, kind, type, oldObj, newObj));
    for (FakeWatch w : watches) {
      if (w.kind().equals(kind)) {
        w.offer(type, oldObj, newObj);
      }
    }
    mutations++;
    notifyAll();
  }

  private static Message defaults(Kind kind, Message obj) {
    if (obj instanceof V1.Pod p) {
      V1.PodSpec.Builder spec = p.getSpec().toBuilder();
      if (spec.getSchedulerName().isEmpty()) {
        spec.setSchedulerName("default-scheduler");
      }
      return p.toBuilder().setSpec(spec).setStatus(V1.PodStatus.newBuilder().setPhase("Pending")).build();
    }
    if (kind.equals(Kinds.DEPLOYMENT) || kind.equals(Kinds.REPLICA_SET)) {
      Message.Builder b = obj.toBuilder();
      FieldDescriptor st = obj.getDescriptorForType().findFieldByName("status");
      b.clearField(st);
      FieldDescriptor specF = obj.getDescriptorForType().findFieldByName("spec");
      Message spec = (Message) obj.getField(specF);
      FieldDescriptor replicas = spec.getDescriptorForType().findFieldByName("replicas");
      if (!spec.hasField(replicas)) {
        b.setField(specF, spec.toBuilder().setField(replicas, 1).build());
      }
      return b.build();
    }
    return obj;
  }

  private static ApiException bindingConflict(String name, String why) {
    Meta.Status s = Meta.Status.newBuilder().setStatus("Failure").setCode(409).setReason("Conflict")
        .setMessage("Operation cannot be fulfilled on pods/binding \"" + name + "\": " + why)
        .setDetails(Meta.StatusDetails.newBuilder().setName(name).setKind("pods/binding")).build();
    return new ApiException(Code.ABORTED, s);
  }

  static Meta.Time time(Instant t) {
    return Meta.Time.newBuilder().setSeconds(t.getEpochSecond()).setNanos(0).build();
  }

  private static Object field(Message m, String name) {
    return m.getField(m.getDescriptorForType().findFieldByName(name));
  }

  private static boolean hasField(Message m, String name) {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
    return f != null && m.hasField(f);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T withField(T m, String name, Object value) {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
    if (f == null) {
      return m;
    }
    return (T) m.toBuilder().setField(f, value).build();
  }
}
