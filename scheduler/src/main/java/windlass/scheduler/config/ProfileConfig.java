package windlass.scheduler.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code profiles[]} entry of a KubeSchedulerConfiguration: the schedulerName pods use to pick it, the multiPoint
 * plugin set and per-extension-point sets (merged over the defaults), and each plugin's args by plugin name.
 */
public record ProfileConfig(String schedulerName, PluginSet multiPoint, Map<ExtensionPoint, PluginSet> points,
    Map<String, PluginArgs> pluginConfig) {
  public ProfileConfig {
    points = Map.copyOf(points);
    pluginConfig = Map.copyOf(pluginConfig);
  }

  /** A profile with upstream's default plugins and no changes. */
  public static ProfileConfig defaults(String schedulerName) {
    return new ProfileConfig(schedulerName, PluginSet.EMPTY, Map.of(), Map.of());
  }

  public PluginSet point(ExtensionPoint p) {
    return points.getOrDefault(p, PluginSet.EMPTY);
  }

  static List<String> pointNames() {
    return java.util.Arrays.stream(ExtensionPoint.values()).map(ExtensionPoint::yamlName).toList();
  }
}
