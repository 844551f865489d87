package windlass.scheduler.config;

import java.util.List;

/**
 * The plugins a profile enables and disables at one extension point (KubeSchedulerConfiguration
 * {@code profiles[].plugins.<point>}); {@code "*"} in disabled turns off every default plugin there.
 */
public record PluginSet(List<Enabled> enabled, List<String> disabled) {
  /** An enabled plugin; weight matters for score plugins only (0: the default weight). */
  public record Enabled(String name, int weight) {}

  public static final PluginSet EMPTY = new PluginSet(List.of(), List.of());

  public PluginSet {
    enabled = List.copyOf(enabled);
    disabled = List.copyOf(disabled);
  }

  public boolean disables(String name) {
    return disabled.contains("*") || disabled.contains(name);
  }

  public boolean enables(String name) {
    return enabled.stream().anyMatch(e -> e.name().equals(name));
  }
}
