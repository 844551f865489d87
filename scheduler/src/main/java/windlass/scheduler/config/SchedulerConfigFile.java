package windlass.scheduler.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a KubeSchedulerConfiguration ({@code kubescheduler.config.k8s.io/v1}) file, as {@code kube-scheduler
 * --config}: its profiles (schedulerName, plugins per extension point and multiPoint, pluginConfig args) and
 * percentageOfNodesToScore. Fields windlass does not act on (clientConnection, leaderElection, parallelism, ...) are
 * accepted and ignored; unknown fields are rejected as upstream's strict decoding does. Errors name the field path.
 */
public final class SchedulerConfigFile {
  public static final String API_VERSION = "kubescheduler.config.k8s.io/v1";
  public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";
  private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "profiles", "percentageOfNodesToScore",
      "parallelism", "leaderElection", "clientConnection", "healthzBindAddress", "metricsBindAddress",
      "enableProfiling", "enableContentionProfiling", "podInitialBackoffSeconds", "podMaxBackoffSeconds",
      "extenders", "delayCacheUntilActive");
  private static final Set<String> PROFILE_FIELDS = Set.of("schedulerName", "plugins", "pluginConfig",
      "percentageOfNodesToScore");

  /** The parsed file. percentageOfNodesToScore is null when unset. */
  public record Configuration(List<ProfileConfig> profiles, Integer percentageOfNodesToScore) {}

  private SchedulerConfigFile() {}

  public static Configuration load(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  public static Configuration parse(String yaml) {
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(doc instanceof Map<?, ?> root)) {
      throw new IllegalArgumentException("scheduler config: expected a KubeSchedulerConfiguration object");
    }
    Map<String, Object> m = cast(root);
    String apiVersion = String.valueOf(m.get("apiVersion"));
    if (!API_VERSION.equals(apiVersion)) {
      throw new IllegalArgumentException("scheduler config: apiVersion \"" + apiVersion + "\" is not supported: "
          + "want " + API_VERSION);
    }
    if (!"KubeSchedulerConfiguration".equals(m.get("kind"))) {
      throw new IllegalArgumentException("scheduler config: kind \"" + m.get("kind")
          + "\" is not KubeSchedulerConfiguration");
    }
    unknown(m, TOP_LEVEL, "");
    Integer pct = percentage(m, "percentageOfNodesToScore");
    List<ProfileConfig> profiles = new ArrayList<>();
    List<?> raw = m.get("profiles") instanceof List<?> l ? l : List.of();
    if (raw.isEmpty()) {
      profiles.add(ProfileConfig.defaults(DEFAULT_SCHEDULER_NAME));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String path = "profiles[" + i + "]";
      if (!(raw.get(i) instanceof Map<?, ?> pm)) {
        throw new IllegalArgumentException(path + ": Invalid value: must be an object");
      }
      Map<String, Object> p = cast(pm);
      unknown(p, PROFILE_FIELDS, path + ".");
      if (p.containsKey("percentageOfNodesToScore")) {
        throw new IllegalArgumentException(path + ".percentageOfNodesToScore is not implemented yet (set it at the "
            + "top level)");
      }
      String name = p.get("schedulerName") instanceof String s ? s : "";
      if (name.isEmpty()) {
        if (raw.size() > 1) {
          throw new IllegalArgumentException(path + ".schedulerName: Required value");
        }
        name = DEFAULT_SCHEDULER_NAME;
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(path + ".schedulerName: Duplicate value: \"" + name + "\"");
      }
      profiles.add(profile(name, p, path));
    }
    return new Configuration(profiles, pct);
  }

  private static ProfileConfig profile(String name, Map<String, Object> p, String path) {
    Map<String, Object> plugins = p.get("plugins") instanceof Map<?, ?> pm ? cast(pm) : Map.of();
    Set<String> pointNames = new HashSet<>(ProfileConfig.pointNames());
    pointNames.add("multiPoint");
    Set<String> unsupported = Set.of("preEnqueue", "preBind", "postBind");
    PluginSet multi = PluginSet.EMPTY;
    Map<ExtensionPoint, PluginSet> points = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : plugins.entrySet()) {
      String pp = path + ".plugins." + e.getKey();
      if (unsupported.contains(e.getKey())) {
        PluginSet s = pluginSet(e.getValue(), pp);
        if (!s.enabled().isEmpty()) {
          throw new IllegalArgumentException(pp + ": the " + e.getKey() + " extension point is not implemented yet");
        }
        continue;
      }
      if (!pointNames.contains(e.getKey())) {
        throw new IllegalArgumentException(pp + ": unknown field \"" + e.getKey() + "\"");
      }
      PluginSet s = pluginSet(e.getValue(), pp);
      if (e.getKey().equals("multiPoint")) {
        multi = s;
      } else {
        for (ExtensionPoint x : ExtensionPoint.values()) {
          if (x.yamlName().equals(e.getKey())) {
            points.put(x, s);
          }
        }
      }
    }
    Map<String, PluginArgs> args = new LinkedHashMap<>();
    List<?> pc = p.get("pluginConfig") instanceof List<?> l ? l : List.of();
    for (int j = 0; j < pc.size(); j++) {
      String cp = path + ".pluginConfig[" + j + "]";
      if (!(pc.get(j) instanceof Map<?, ?> cm)) {
        throw new IllegalArgumentException(cp + ": Invalid value: must be an object");
      }
      Map<String, Object> c = cast(cm);
      String plugin = c.get("name") instanceof String s ? s : "";
      if (plugin.isEmpty()) {
        throw new IllegalArgumentException(cp + ".name: Required value");
      }
      if (args.containsKey(plugin)) {
        throw new IllegalArgumentException(cp + ".name: Duplicate value: \"" + plugin + "\"");
      }
      Map<String, Object> a = c.get("args") instanceof Map<?, ?> am ? new LinkedHashMap<>(cast(am))
          : new LinkedHashMap<>();
      a.remove("apiVersion");
      a.remove("kind");
      args.put(plugin, new PluginArgs(cp + ".args", a));
    }
    return new ProfileConfig(name, multi, points, args);
  }

  private static PluginSet pluginSet(Object raw, String path) {
    if (raw == null) {
      return PluginSet.EMPTY;
    }
    if (!(raw instanceof Map<?, ?> rm)) {
      throw new IllegalArgumentException(path + ": Invalid value: must be an object");
    }
    Map<String, Object> m = cast(rm);
    unknown(m, Set.of("enabled", "disabled"), path + ".");
    List<PluginSet.Enabled> enabled = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    List<?> en = m.get("enabled") instanceof List<?> l ? l : List.of();
    for (int i = 0; i < en.size(); i++) {
      Map<String, Object> e = en.get(i) instanceof Map<?, ?> em ? cast(em) : Map.of();
      String name = e.get("name") instanceof String s ? s : "";
      if (name.isEmpty()) {
        throw new IllegalArgumentException(path + ".enabled[" + i + "].name: Required value");
      }
      int weight = e.get("weight") instanceof Number n ? n.intValue() : 0;
      if (weight < 0) {
        throw new IllegalArgumentException(path + ".enabled[" + i + "].weight: Invalid value: " + weight
            + ": must be a non-negative integer");
      }
      enabled.add(new PluginSet.Enabled(name, weight));
    }
    List<?> dis = m.get("disabled") instanceof List<?> l ? l : List.of();
    for (int i = 0; i < dis.size(); i++) {
      Map<String, Object> d = dis.get(i) instanceof Map<?, ?> dm ? cast(dm) : Map.of();
      String name = d.get("name") instanceof String s ? s : "";
      if (name.isEmpty()) {
        throw new IllegalArgumentException(path + ".disabled[" + i + "].name: Required value");
      }
      disabled.add(name);
    }
    return new PluginSet(enabled, disabled);
  }

  private static Integer percentage(Map<String, Object> m, String field) {
    Object v = m.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.intValue() < 0 || n.intValue() > 100) {
      throw new IllegalArgumentException(field + ": Invalid value: " + v + ": not in valid range [0-100]");
    }
    return n.intValue();
  }

  private static void unknown(Map<String, Object> m, Set<String> known, String path) {
    for (String k : m.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("scheduler config: strict decoding error: unknown field \"" + path + k
            + "\"");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
