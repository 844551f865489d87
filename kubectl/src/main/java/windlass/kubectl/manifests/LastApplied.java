package windlass.kubectl.manifests;

import java.util.LinkedHashMap;
import java.util.Map;
import windlass.client.codec.Json;
import windlass.client.codec.Yaml;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation, written as upstream writes it: the manifest
 * object as compact JSON with sorted keys and a trailing newline, its namespace filled in, and its own annotations
 * without this one (an empty {@code "annotations":{}} when there are no others).
 */
public final class LastApplied {
  public static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  private LastApplied() {}

  @SuppressWarnings("unchecked")
  public static String of(Map<String, Object> tree, String namespace) {
    Map<String, Object> copy = new LinkedHashMap<>(tree);
    Map<String, Object> metadata = copy.get("metadata") instanceof Map<?, ?> m
        ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    Map<String, Object> annotations = metadata.get("annotations") instanceof Map<?, ?> a
        ? new LinkedHashMap<>((Map<String, Object>) a) : new LinkedHashMap<>();
    annotations.remove(ANNOTATION);
    metadata.put("annotations", annotations);
    if (namespace != null && !namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    copy.put("metadata", metadata);
    return Json.print(Yaml.sorted(copy)) + "\n";
  }
}
