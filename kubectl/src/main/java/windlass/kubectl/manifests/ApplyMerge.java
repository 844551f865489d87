package windlass.kubectl.manifests;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a manifest onto the live object, a simplified form of upstream's three-way strategic merge: every field the
 * manifest sets replaces the live one (nested objects merged field by field, lists of named things merged by name),
 * fields the manifest leaves out keep their live value (server defaults, what controllers wrote), except fields the
 * previous apply set (the last-applied configuration) and this one no longer does: those are removed. Status is never
 * applied.
 */
public final class ApplyMerge {
  /** Values replaced whole, never merged field by field. */
  private static final Set<String> ATOMIC = Set.of(
      "k8s.io.apimachinery.pkg.util.intstr.IntOrString",
      "k8s.io.apimachinery.pkg.api.resource.Quantity",
      "k8s.io.apimachinery.pkg.apis.meta.v1.Time",
      "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime",
      "k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector");

  /** Unions (upstream's retainKeys): the fields the manifest leaves out are dropped, so one member replaces another. */
  private static final Set<String> RETAIN_KEYS = Set.of(
      "k8s.io.api.apps.v1.DeploymentStrategy",
      "k8s.io.api.apps.v1.DaemonSetUpdateStrategy",
      "k8s.io.api.core.v1.VolumeSource",
      "k8s.io.api.core.v1.PersistentVolumeSource");

  /** Merge keys of list elements without a name (upstream's patchMergeKey). */
  private static final Map<String, String> MERGE_KEYS = Map.of(
      "k8s.io.api.core.v1.ContainerPort", "containerPort",
      "k8s.io.api.core.v1.ServicePort", "port",
      "k8s.io.api.core.v1.VolumeMount", "mountPath",
      "k8s.io.api.core.v1.VolumeDevice", "devicePath",
      "k8s.io.api.core.v1.Toleration", "key",
      "k8s.io.api.core.v1.HostAlias", "ip");

  private ApplyMerge() {}

  /**
   * @param live the object as stored
   * @param desired the manifest's object
   * @param lastApplied the previous apply's object, or null
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T merge(T live, Message desired, Message lastApplied) {
    return (T) mergeMessage(live, desired, lastApplied, true);
  }

  private static Message mergeMessage(Message live, Message desired, Message last, boolean top) {
    String type = desired.getDescriptorForType().getFullName();
    if (ATOMIC.contains(type)) {
      return desired;
    }
    Message.Builder b = live.toBuilder();
    for (FieldDescriptor f : desired.getDescriptorForType().getFields()) {
      if (top && f.getName().equals("status")) {
        continue;
      }
      boolean inDesired = f.isRepeated() ? desired.getRepeatedFieldCount(f) > 0 : desired.hasField(f);
      boolean inLast = last != null && (f.isRepeated() ? last.getRepeatedFieldCount(f) > 0 : last.hasField(f));
      if (!inDesired) {
        if (inLast || RETAIN_KEYS.contains(type)) {
          b.clearField(f);
        }
        continue;
      }
      if (f.isMapField()) {
        b.setField(f, mergeMap(f, live, desired, inLast ? last : null));
      } else if (f.isRepeated()) {
        b.setField(f, mergeList(f, live, desired, inLast ? last : null));
      } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && live.hasField(f)) {
        b.setField(f, mergeMessage((Message) live.getField(f), (Message) desired.getField(f),
            inLast ? (Message) last.getField(f) : null, false));
      } else {
        b.setField(f, desired.getField(f));
      }
    }
    return b.build();
  }

  /** Live entries, less the keys the last apply set and this one does not, plus this apply's entries. */
  private static List<Object> mergeMap(FieldDescriptor f, Message live, Message desired, Message last) {
    Map<Object, Message> entries = new LinkedHashMap<>();
    for (Object e : (List<?>) live.getField(f)) {
      entries.put(mapKey((Message) e), (Message) e);
    }
    Map<Object, Message> wanted = new LinkedHashMap<>();
    for (Object e : (List<?>) desired.getField(f)) {
      wanted.put(mapKey((Message) e), (Message) e);
    }
    if (last != null) {
      for (Object e : (List<?>) last.getField(f)) {
        Object k = mapKey((Message) e);
        if (!wanted.containsKey(k)) {
          entries.remove(k);
        }
      }
    }
    entries.putAll(wanted);
    return new ArrayList<>(entries.values());
  }

  private static Object mapKey(Message entry) {
    return entry.getField(entry.getDescriptorForType().findFieldByName("key"));
  }

  /**
   * Scalars: the manifest's list. Messages with a merge key (a name, or upstream's patchMergeKey): the manifest's
   * elements in its order, each merged onto the live element with the same key. Others: merged by position when the
   * lengths agree, else the manifest's list.
   */
  private static List<Object> mergeList(FieldDescriptor f, Message live, Message desired, Message last) {
    List<?> want = (List<?>) desired.getField(f);
    if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return new ArrayList<>(want);
    }
    List<?> have = (List<?>) live.getField(f);
    List<?> had = last == null ? List.of() : (List<?>) last.getField(f);
    FieldDescriptor key = mergeKey(f);
    List<Object> out = new ArrayList<>();
    if (key == null) {
      for (int i = 0; i < want.size(); i++) {
        Message w = (Message) want.get(i);
        out.add(have.size() == want.size()
            ? mergeMessage((Message) have.get(i), w, had.size() == want.size() ? (Message) had.get(i) : null, false)
            : w);
      }
      return out;
    }
    for (Object o : want) {
      Message w = (Message) o;
      Message h = find(have, key, w.getField(key));
      out.add(h == null ? w : mergeMessage(h, w, find(had, key, w.getField(key)), false));
    }
    return out;
  }

  private static FieldDescriptor mergeKey(FieldDescriptor list) {
    var element = list.getMessageType();
    String k = MERGE_KEYS.getOrDefault(element.getFullName(), "name");
    FieldDescriptor f = element.findFieldByName(k);
    return f != null && !f.isRepeated() && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE ? f : null;
  }

  private static Message find(List<?> list, FieldDescriptor key, Object value) {
    for (Object o : list) {
      Message m = (Message) o;
      if (m.hasField(key) && m.getField(key).equals(value)) {
        return m;
      }
    }
    return null;
  }
}
