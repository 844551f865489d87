package windlass.apiserver.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7386 JSON merge patch over the codec's trees (Map / List / scalars / null). */
public final class MergePatch {
  private MergePatch() {}

  /** The target with the patch applied: objects merge key by key, null removes, anything else replaces. */
  @SuppressWarnings("unchecked")
  public static Object apply(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> p)) {
      return patch;
    }
    Map<String, Object> out = target instanceof Map<?, ?> t
        ? new LinkedHashMap<>((Map<String, Object>) t) : new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : p.entrySet()) {
      String key = (String) e.getKey();
      if (e.getValue() == null) {
        out.remove(key);
      } else {
        out.put(key, apply(out.get(key), e.getValue()));
      }
    }
    return out;
  }
}
