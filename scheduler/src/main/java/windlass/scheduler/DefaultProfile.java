package windlass.scheduler;

import java.util.List;
import windlass.client.WindlassClient;
import windlass.scheduler.config.PluginRegistry;
import windlass.scheduler.config.PluginServices;
import windlass.scheduler.config.PluginSet;
import windlass.scheduler.config.ProfileBuilder;
import windlass.scheduler.config.ProfileConfig;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.plugins.volumebinding.VolumeLister;

/**
 * Upstream's default profile (kube-scheduler 1.32 multiPoint defaults): the plugins windlass has, in upstream's order
 * and with its score weights. Every plugin runs at each extension point it implements, in this order.
 */
public final class DefaultProfile {
  public static final String NAME = "default-scheduler";

  /** Upstream's default multiPoint list; missing plugins are named in comments where upstream has them. */
  public static final List<PluginSet.Enabled> PLUGINS = List.of(
      // SchedulingGates: not implemented yet
      new PluginSet.Enabled("PrioritySort", 0),
      new PluginSet.Enabled("NodeUnschedulable", 0),
      new PluginSet.Enabled("NodeName", 0),
      new PluginSet.Enabled("TaintToleration", 3),
      new PluginSet.Enabled("NodeAffinity", 2),
      // NodePorts: not implemented yet
      new PluginSet.Enabled("NodeResourcesFit", 1),
      // VolumeRestrictions, NodeVolumeLimits: not implemented yet
      new PluginSet.Enabled("VolumeBinding", 0),
      // VolumeZone: not implemented yet
      new PluginSet.Enabled("PodTopologySpread", 2),
      new PluginSet.Enabled("InterPodAffinity", 2),
      new PluginSet.Enabled("DefaultPreemption", 0),
      new PluginSet.Enabled("NodeResourcesBalancedAllocation", 1),
      new PluginSet.Enabled("ImageLocality", 1),
      new PluginSet.Enabled("DefaultBinder", 0));

  private DefaultProfile() {}

  /** The default profile; VolumeBinding sees no claims or volumes (for tests that need none). */
  public static Framework create(String name, WindlassClient client) {
    return create(name, client, VolumeLister.NONE);
  }

  public static Framework create(String name, WindlassClient client, VolumeLister volumes) {
    return create(name, client, PluginServices.of(volumes));
  }

  /** The default profile over the scheduler's listers and event recorders. */
  public static Framework create(String name, WindlassClient client, PluginServices services) {
    return builder(client, services).build(ProfileConfig.defaults(name));
  }

  /** Builds profiles over the default plugins with the in-tree registry (for profiles from a config file). */
  public static ProfileBuilder builder(WindlassClient client, VolumeLister volumes) {
    return builder(client, PluginServices.of(volumes));
  }

  /** The same over the scheduler's listers and event recorders. */
  public static ProfileBuilder builder(WindlassClient client, PluginServices services) {
    return new ProfileBuilder(PluginRegistry.inTree(services), PLUGINS, client);
  }
}
