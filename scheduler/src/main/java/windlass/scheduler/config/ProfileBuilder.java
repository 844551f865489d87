package windlass.scheduler.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import windlass.client.WindlassClient;
import windlass.scheduler.framework.BindPlugin;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.framework.PermitPlugin;
import windlass.scheduler.framework.Plugin;
import windlass.scheduler.framework.PostFilterPlugin;
import windlass.scheduler.framework.PreFilterPlugin;
import windlass.scheduler.framework.PreScorePlugin;
import windlass.scheduler.framework.QueueSortPlugin;
import windlass.scheduler.framework.ReservePlugin;
import windlass.scheduler.framework.ScorePlugin;

/**
 * Turns a {@link ProfileConfig} into a {@link Framework}, as upstream: the custom multiPoint set is merged over the
 * default one (disabled ones dropped, {@code "*"} drops all defaults, re-enabled defaults keep their place, new
 * ones are appended); then at each extension point the plugins are, in order, those enabled at that point that are
 * also multiPoint plugins, the other multiPoint plugins implementing the point and not disabled there, and the
 * remaining ones enabled at that point. One instance per plugin per profile; a score weight of 0 means 1.
 */
public final class ProfileBuilder {
  private final PluginRegistry registry;
  private final List<PluginSet.Enabled> defaults;
  private final WindlassClient client;

  public ProfileBuilder(PluginRegistry registry, List<PluginSet.Enabled> defaults, WindlassClient client) {
    this.registry = registry;
    this.defaults = List.copyOf(defaults);
    this.client = client;
  }

  public Framework build(ProfileConfig cfg) {
    for (String name : cfg.pluginConfig().keySet()) {
      if (registry.factory(name).isEmpty()) {
        throw new IllegalArgumentException("profile " + cfg.schedulerName() + ": pluginConfig for plugin \"" + name
            + "\": plugin \"" + name + "\" does not exist");
      }
    }
    List<PluginSet.Enabled> multi = merge(defaults, cfg.multiPoint());
    Map<String, Plugin> instances = new LinkedHashMap<>();
    Framework.Builder b = Framework.builder(cfg.schedulerName());
    for (ExtensionPoint point : ExtensionPoint.values()) {
      List<PluginSet.Enabled> enabled = expand(point, multi, cfg.point(point), instances, cfg);
      if (point == ExtensionPoint.QUEUE_SORT && enabled.size() != 1) {
        throw new IllegalArgumentException("one queue sort plugin required for profile with schedulerName \""
            + cfg.schedulerName() + "\"");
      }
      for (PluginSet.Enabled e : enabled) {
        Plugin p = instances.get(e.name());
        switch (point) {
          case QUEUE_SORT -> b.queueSort((QueueSortPlugin) p);
          case PRE_FILTER -> b.preFilter((PreFilterPlugin) p);
          case FILTER -> b.filter((FilterPlugin) p);
          case POST_FILTER -> b.postFilter((PostFilterPlugin) p);
          case PRE_SCORE -> b.preScore((PreScorePlugin) p);
          case SCORE -> b.score((ScorePlugin) p, e.weight() == 0 ? 1 : e.weight());
          case RESERVE -> b.reserve((ReservePlugin) p);
          case PERMIT -> b.permit((PermitPlugin) p);
          case BIND -> b.bind((BindPlugin) p);
          default -> throw new AssertionError(point);
        }
      }
    }
    return b.build();
  }

  /** Upstream's mergePluginSet over a default enabled list. */
  static List<PluginSet.Enabled> merge(List<PluginSet.Enabled> defaults, PluginSet custom) {
    List<PluginSet.Enabled> out = new ArrayList<>();
    Set<Integer> replaced = new HashSet<>();
    if (!custom.disabled().contains("*")) {
      for (PluginSet.Enabled d : defaults) {
        if (custom.disabled().contains(d.name())) {
          continue;
        }
        PluginSet.Enabled use = d;
        for (int i = 0; i < custom.enabled().size(); i++) {
          if (custom.enabled().get(i).name().equals(d.name())) {
            use = custom.enabled().get(i);
            replaced.add(i);
          }
        }
        out.add(use);
      }
    }
    for (int i = 0; i < custom.enabled().size(); i++) {
      if (!replaced.contains(i)) {
        out.add(custom.enabled().get(i));
      }
    }
    return out;
  }

  private List<PluginSet.Enabled> expand(ExtensionPoint point, List<PluginSet.Enabled> multi, PluginSet specific,
      Map<String, Plugin> instances, ProfileConfig cfg) {
    Set<String> multiNames = new HashSet<>();
    multi.forEach(e -> multiNames.add(e.name()));
    List<PluginSet.Enabled> overrides = new ArrayList<>();
    List<PluginSet.Enabled> rest = new ArrayList<>();
    for (PluginSet.Enabled e : specific.enabled()) {
      Plugin p = instance(e.name(), instances, cfg, point.yamlName());
      if (!point.implementedBy(p)) {
        throw new IllegalArgumentException("profile " + cfg.schedulerName() + ": plugin \"" + e.name()
            + "\" does not extend " + point.yamlName() + " plugin");
      }
      (multiNames.contains(e.name()) ? overrides : rest).add(e);
    }
    List<PluginSet.Enabled> out = new ArrayList<>(overrides);
    for (PluginSet.Enabled e : multi) {
      if (specific.disables(e.name()) || specific.enables(e.name())) {
        continue;
      }
      Plugin p = instance(e.name(), instances, cfg, "multiPoint");
      if (point.implementedBy(p)) {
        out.add(e);
      }
    }
    out.addAll(rest);
    return out;
  }

  private Plugin instance(String name, Map<String, Plugin> instances, ProfileConfig cfg, String where) {
    Plugin p = instances.get(name);
    if (p != null) {
      return p;
    }
    PluginRegistry.Factory f = registry.factory(name).orElseThrow(() -> new IllegalArgumentException("profile "
        + cfg.schedulerName() + ": " + where + " plugin \"" + name + "\" does not exist"));
    p = f.create(cfg.pluginConfig().getOrDefault(name, PluginArgs.none(name + "Args")), client);
    instances.put(name, p);
    return p;
  }
}
