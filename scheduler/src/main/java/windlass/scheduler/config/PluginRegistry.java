package windlass.scheduler.config;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import windlass.client.WindlassClient;
import windlass.scheduler.framework.Plugin;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.plugins.defaultpreemption.DefaultPreemption;
import windlass.scheduler.plugins.defaultpreemption.EvictionApi;
import windlass.scheduler.plugins.defaultpreemption.NominationApi;
import windlass.scheduler.plugins.imagelocality.ImageLocality;
import windlass.scheduler.plugins.interpodaffinity.InterPodAffinity;
import windlass.scheduler.plugins.nodeaffinity.NodeAffinity;
import windlass.scheduler.plugins.nodename.NodeName;
import windlass.scheduler.plugins.noderesources.BalancedAllocation;
import windlass.scheduler.plugins.noderesources.NodeResourcesFit;
import windlass.scheduler.plugins.noderesources.ScoringStrategy;
import windlass.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import windlass.scheduler.plugins.podtopologyspread.PodTopologySpread;
import windlass.scheduler.plugins.podtopologyspread.SpreadDefaults;
import windlass.scheduler.plugins.queuesort.PrioritySort;
import windlass.scheduler.plugins.tainttoleration.TaintToleration;
import windlass.scheduler.plugins.volumebinding.VolumeBinding;
import windlass.scheduler.plugins.volumebinding.VolumeLister;

/**
 * The plugins a profile can name, by upstream name, each with a factory that reads its pluginConfig args (upstream's
 * in-tree registry). Plugins without args reject any.
 */
public final class PluginRegistry {
  /** Makes one plugin instance for one profile from its args. */
  @FunctionalInterface
  public interface Factory {
    Plugin create(PluginArgs args, WindlassClient client);
  }

  private final Map<String, Factory> factories = new LinkedHashMap<>();

  /** The in-tree plugins windlass has; VolumeBinding sees no claims or volumes (for tests of other plugins). */
  public static PluginRegistry inTree() {
    return inTree(VolumeLister.NONE);
  }

  /** The in-tree plugins windlass has, VolumeBinding reading claims and volumes from {@code volumes}. */
  public static PluginRegistry inTree(VolumeLister volumes) {
    return inTree(PluginServices.of(volumes));
  }

  /**
   * The in-tree plugins windlass has over the scheduler's {@code services}: VolumeBinding reads claims and volumes,
   * DefaultPreemption PodDisruptionBudgets and records its events on victims.
   */
  public static PluginRegistry inTree(PluginServices services) {
    VolumeLister volumes = services.volumes();
    PluginRegistry r = new PluginRegistry();
    r.register(PrioritySort.NAME, noArgs(PrioritySort::new));
    r.register(NodeUnschedulable.NAME, noArgs(NodeUnschedulable::new));
    r.register(NodeName.NAME, noArgs(NodeName::new));
    r.register(TaintToleration.NAME, noArgs(TaintToleration::new));
    r.register(NodeAffinity.NAME, (args, c) -> {
      if (args.has("addedAffinity")) {
        throw new IllegalArgumentException("NodeAffinityArgs.addedAffinity is not implemented yet");
      }
      return new NodeAffinity();
    });
    r.register(NodeResourcesFit.NAME, (args, c) -> new NodeResourcesFit(scoringStrategy(args)));
    r.register(VolumeBinding.NAME, (args, c) -> {
      if (args.has("shape")) {
        throw new IllegalArgumentException("VolumeBindingArgs.shape is not implemented yet");
      }
      return new VolumeBinding(volumes);
    });
    r.register(PodTopologySpread.NAME, (args, c) -> new PodTopologySpread(spreadDefaults(args)));
    r.register(InterPodAffinity.NAME, (args, c) -> {
      if (args.bool("ignorePreferredTermsOfExistingPods", false)) {
        throw new IllegalArgumentException(
            "InterPodAffinityArgs.ignorePreferredTermsOfExistingPods is not implemented yet");
      }
      return new InterPodAffinity((int) args.number("hardPodAffinityWeight",
          InterPodAffinity.DEFAULT_HARD_POD_AFFINITY_WEIGHT), services.namespaceLabels());
    });
    r.register(DefaultPreemption.NAME, (args, c) -> {
      for (String unsupported : List.of("minCandidateNodesPercentage", "minCandidateNodesAbsolute")) {
        if (args.has(unsupported)) {
          throw new IllegalArgumentException("DefaultPreemptionArgs." + unsupported + " is not implemented yet");
        }
      }
      return new DefaultPreemption(new EvictionApi(c, services.recorders(), services.clock()), services.budgets(),
          new NominationApi(c), new java.util.Random());
    });
    r.register(BalancedAllocation.NAME, (args, c) -> new BalancedAllocation(args.has("resources")
        ? resources(args) : ScoringStrategy.CPU_AND_MEMORY));
    r.register(ImageLocality.NAME, noArgs(ImageLocality::new));
    r.register(DefaultBinder.NAME, (args, c) -> new DefaultBinder(c));
    return r;
  }

  public void register(String name, Factory f) {
    factories.put(name, f);
  }

  public Optional<Factory> factory(String name) {
    return Optional.ofNullable(factories.get(name));
  }

  public Set<String> names() {
    return factories.keySet();
  }

  private static Factory noArgs(java.util.function.Supplier<Plugin> s) {
    return (args, c) -> {
      if (!args.values().isEmpty()) {
        throw new IllegalArgumentException(args.kind() + ": this plugin takes no args");
      }
      return s.get();
    };
  }

  static ScoringStrategy scoringStrategy(PluginArgs args) {
    for (String unsupported : List.of("ignoredResources", "ignoredResourceGroups")) {
      if (args.has(unsupported)) {
        throw new IllegalArgumentException("NodeResourcesFitArgs." + unsupported + " is not implemented yet");
      }
    }
    PluginArgs s = args.child("scoringStrategy");
    String typeName = s.string("type", "LeastAllocated");
    ScoringStrategy.Type type;
    try {
      type = ScoringStrategy.Type.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(s.kind() + ".type: Unsupported value: \"" + typeName
          + "\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"");
    }
    List<ScoringStrategy.ResourceWeight> resources = s.has("resources") ? resources(s)
        : ScoringStrategy.CPU_AND_MEMORY;
    List<ScoringStrategy.ShapePoint> shape = new ArrayList<>();
    if (type == ScoringStrategy.Type.RequestedToCapacityRatio) {
      for (PluginArgs p : s.child("requestedToCapacityRatio").list("shape")) {
        long u = p.number("utilization", 0);
        long score = p.number("score", 0);
        if (u < 0 || u > 100) {
          throw p.invalid("utilization", u, "not in valid range [0-100]");
        }
        if (score < 0 || score > 10) {
          throw p.invalid("score", score, "not in valid range [0-10]");
        }
        if (!shape.isEmpty() && u <= shape.get(shape.size() - 1).utilization()) {
          throw p.invalid("utilization", u, "utilization values must be sorted in increasing order");
        }
        shape.add(new ScoringStrategy.ShapePoint(u, score));
      }
    }
    return new ScoringStrategy(type, resources, shape);
  }

  static List<ScoringStrategy.ResourceWeight> resources(PluginArgs args) {
    List<ScoringStrategy.ResourceWeight> out = new ArrayList<>();
    for (PluginArgs r : args.list("resources")) {
      String name = r.string("name", "");
      long weight = r.number("weight", 1);
      if (name.isEmpty()) {
        throw r.invalid("name", name, "must not be empty");
      }
      if (weight <= 0 || weight > 100) {
        throw r.invalid("weight", weight, "resource weight of " + name + " not in valid range [1, 100]");
      }
      out.add(new ScoringStrategy.ResourceWeight(name, weight));
    }
    return out;
  }

  static SpreadDefaults spreadDefaults(PluginArgs args) {
    List<V1.TopologySpreadConstraint> cs = new ArrayList<>();
    for (PluginArgs c : args.list("defaultConstraints")) {
      if (c.has("labelSelector")) {
        throw new IllegalArgumentException(c.kind() + ".labelSelector: Forbidden: constraint must not define a "
            + "selector, as they deduced for each pod");
      }
      String when = c.string("whenUnsatisfiable", "");
      if (!when.equals("DoNotSchedule") && !when.equals("ScheduleAnyway")) {
        throw new IllegalArgumentException(c.kind() + ".whenUnsatisfiable: Unsupported value: \"" + when
            + "\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"");
      }
      long skew = c.number("maxSkew", 0);
      if (skew <= 0) {
        throw c.invalid("maxSkew", skew, "must be greater than zero");
      }
      String key = c.string("topologyKey", "");
      if (key.isEmpty()) {
        throw new IllegalArgumentException(c.kind() + ".topologyKey: Required value: can not be empty");
      }
      cs.add(V1.TopologySpreadConstraint.newBuilder().setMaxSkew((int) skew).setTopologyKey(key)
          .setWhenUnsatisfiable(when).build());
    }
    String type = args.string("defaultingType", "System");
    return new SpreadDefaults(type, cs);
  }
}
