package windlass.apiserver.registry;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Strategic merge patch (application/strategic-merge-patch+json) over the codec's trees, as upstream's
 * apimachinery/strategicpatch: maps merge key by key and null removes a key, like a JSON merge patch; lists follow the
 * field's strategy from {@link PatchStrategies} (merged by merge key, merged as a set of primitives, or replaced whole
 * when the field has none). Directives: {@code $patch: replace|merge|delete} on a map or as a list element,
 * {@code $deleteFromPrimitiveList/<field>}, {@code $setElementOrder/<field>} and {@code $retainKeys}. Merged lists keep
 * the patch's order for the items it names (or {@code $setElementOrder}'s), the live order for the rest, interleaved
 * as upstream does. Failures are {@link IllegalArgumentException}s with upstream's wording.
 */
public final class StrategicMergePatch {
  private static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private StrategicMergePatch() {}

  /** The object tree {@code original} (of proto type {@code type}) with {@code patch} applied; inputs are kept. */
  public static Object apply(Object original, Object patch, Descriptor type) {
    if (!(patch instanceof Map<?, ?> p)) {
      throw new IllegalArgumentException("a strategic merge patch must be a JSON object");
    }
    Map<String, Object> out = mergeMap(asMap(original), cast(p), type);
    return out == null ? new LinkedHashMap<String, Object>() : out;
  }

  /** The merged map, or null when the patch says {@code $patch: delete}. */
  private static Map<String, Object> mergeMap(Map<String, Object> original, Map<String, Object> patch,
      Descriptor type) {
    Object directive = patch.get(PATCH);
    if (directive != null) {
      switch (String.valueOf(directive)) {
        case "replace":
          Map<String, Object> replaced = new LinkedHashMap<>(patch);
          replaced.remove(PATCH);
          return mergeMap(new LinkedHashMap<>(), replaced, type);
        case "delete":
          return null;
        case "merge":
          break;
        default:
          throw new IllegalArgumentException("Unknown patch type: " + directive + " in map: " + render(patch));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>(original);
    if (patch.containsKey(RETAIN_KEYS)) {
      if (!(patch.get(RETAIN_KEYS) instanceof List<?> keep)) {
        throw new IllegalArgumentException("invalid patch: the value of " + RETAIN_KEYS + " must be a list");
      }
      List<String> kept = keep.stream().map(String::valueOf).toList();
      out.keySet().removeIf(k -> !kept.contains(k));
    }
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        String field = k.substring(DELETE_FROM_PRIMITIVE_LIST.length());
        if (!(e.getValue() instanceof List<?> gone)) {
          throw new IllegalArgumentException("invalid patch: the value of " + k + " must be a list");
        }
        if (out.get(field) instanceof List<?> cur) {
          List<Object> kept = new ArrayList<>();
          for (Object v : cur) {
            if (gone.stream().noneMatch(g -> key(g).equals(key(v)))) {
              kept.add(v);
            }
          }
          out.put(field, kept);
        }
      }
    }
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (k.startsWith("$")) {
        continue;
      }
      if (v == null) {
        out.remove(k);
        continue;
      }
      FieldDescriptor f = type == null ? null : type.findFieldByName(k);
      Descriptor sub = f != null && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()
          ? f.getMessageType() : null;
      Optional<PatchStrategies.FieldStrategy> s =
          type == null ? Optional.empty() : PatchStrategies.of(type.getFullName(), k);
      Object cur = out.get(k);
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> merged = mergeMap(cur instanceof Map<?, ?> c ? cast(c) : new LinkedHashMap<>(), cast(m), sub);
        if (merged == null) {
          out.remove(k);
        } else {
          out.put(k, merged);
        }
      } else if (v instanceof List<?> l) {
        List<?> order = patch.get(SET_ELEMENT_ORDER + k) instanceof List<?> o ? o : null;
        List<?> live = cur instanceof List<?> c ? c : List.of();
        out.put(k, s.isPresent() && s.get().merge()
            ? mergeList(live, l, s.get().mergeKey(), sub, order, k) : replaceList(l, sub));
      } else {
        out.put(k, v);
      }
    }
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(SET_ELEMENT_ORDER) && !patch.containsKey(k.substring(SET_ELEMENT_ORDER.length()))) {
        String field = k.substring(SET_ELEMENT_ORDER.length());
        String mergeKey = type == null ? "" : PatchStrategies.of(type.getFullName(), field)
            .map(PatchStrategies.FieldStrategy::mergeKey).orElse("");
        if (out.get(field) instanceof List<?> cur && e.getValue() instanceof List<?> order) {
          out.put(field, normalizeOrder(new ArrayList<>(cur), cur, order, mergeKey));
        }
      }
    }
    return out;
  }

  /** A list without a merge strategy: the patch's list, its maps cleaned of directives. */
  private static List<Object> replaceList(List<?> patch, Descriptor elem) {
    List<Object> out = new ArrayList<>();
    for (Object v : patch) {
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> clean = mergeMap(new LinkedHashMap<>(), cast(m), elem);
        if (clean != null) {
          out.add(clean);
        }
      } else {
        out.add(v);
      }
    }
    return out;
  }

  private static List<Object> mergeList(List<?> live, List<?> patch, String mergeKey, Descriptor elem,
      List<?> order, String field) {
    if (mergeKey.isEmpty()) {
      List<Object> merged = new ArrayList<>(live);
      List<Object> named = new ArrayList<>();
      for (Object v : patch) {
        if (v instanceof Map<?, ?>) {
          throw new IllegalArgumentException("invalid patch: " + field + " is a list of primitives");
        }
        named.add(v);
        if (merged.stream().noneMatch(x -> key(x).equals(key(v)))) {
          merged.add(v);
        }
      }
      return normalizeOrder(merged, live, order != null ? order : named, "");
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Object v : patch) {
      if (!(v instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("invalid patch: " + field + " must be a list of objects");
      }
      Object directive = m.get(PATCH);
      if ("replace".equals(directive)) {
        List<Object> rest = new ArrayList<>(patch);
        rest.remove(v);
        return replaceList(rest, elem);
      }
      items.add(cast(m));
    }
    List<Map<String, Object>> merged = new ArrayList<>();
    for (Object v : live) {
      merged.add(asMap(v));
    }
    List<Object> named = new ArrayList<>();
    for (Map<String, Object> p : items) {
      if (!p.containsKey(mergeKey)) {
        if ("delete".equals(p.get(PATCH))) {
          throw new IllegalArgumentException("delete patch type with no merge key defined");
        }
        throw new IllegalArgumentException("map: " + render(p) + " does not contain declared merge key: " + mergeKey);
      }
      String want = key(p.get(mergeKey));
      int at = -1;
      for (int i = 0; i < merged.size(); i++) {
        if (key(merged.get(i).get(mergeKey)).equals(want)) {
          at = i;
          break;
        }
      }
      if ("delete".equals(p.get(PATCH))) {
        if (at >= 0) {
          merged.remove(at);
        }
        continue;
      }
      named.add(p);
      Map<String, Object> next = mergeMap(at >= 0 ? merged.get(at) : new LinkedHashMap<>(), p, elem);
      if (at >= 0) {
        merged.set(at, next);
      } else if (next != null) {
        merged.add(next);
      }
    }
    merged.removeIf(Objects::isNull);
    return normalizeOrder(new ArrayList<>(merged), live, order != null ? order : named, mergeKey);
  }

  /**
   * Upstream's element order: the items the patch names in the patch's order, the others in live order, interleaved
   * so each live item stays before the named items that came after it in the live list.
   */
  private static List<Object> normalizeOrder(List<Object> merged, List<?> live, List<?> order, String mergeKey) {
    List<String> orderKeys = new ArrayList<>();
    for (Object o : order) {
      orderKeys.add(keyOf(o, mergeKey));
    }
    List<String> liveKeys = new ArrayList<>();
    for (Object o : live) {
      liveKeys.add(keyOf(o, mergeKey));
    }
    List<Object> named = new ArrayList<>();
    List<Object> serverOnly = new ArrayList<>();
    for (Object m : merged) {
      (orderKeys.contains(keyOf(m, mergeKey)) ? named : serverOnly).add(m);
    }
    named.sort(java.util.Comparator.comparingInt(m -> orderKeys.indexOf(keyOf(m, mergeKey))));
    List<Object> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < serverOnly.size() || j < named.size()) {
      if (j >= named.size()) {
        out.add(serverOnly.get(i++));
      } else if (i >= serverOnly.size()) {
        out.add(named.get(j++));
      } else {
        int li = liveKeys.indexOf(keyOf(serverOnly.get(i), mergeKey));
        int ri = liveKeys.indexOf(keyOf(named.get(j), mergeKey));
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(serverOnly.get(i++));
        } else {
          out.add(named.get(j++));
        }
      }
    }
    return out;
  }

  private static String keyOf(Object item, String mergeKey) {
    if (mergeKey.isEmpty()) {
      return key(item);
    }
    return item instanceof Map<?, ?> m ? key(m.get(mergeKey)) : key(item);
  }

  /** A comparable form of a merge key's value: numbers by value whatever their Java type. */
  private static String key(Object v) {
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }

  private static Map<String, Object> asMap(Object v) {
    return v instanceof Map<?, ?> m ? cast(m) : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static String render(Object v) {
    return windlass.client.codec.Json.print(v);
  }
}
