package windlass.scheduler;

import java.util.Random;
import windlass.client.WindlassClient;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.plugins.defaultpreemption.DefaultPreemption;
import windlass.scheduler.plugins.defaultpreemption.EvictionApi;
import windlass.scheduler.plugins.queuesort.PrioritySort;
import windlass.scheduler.plugins.volumebinding.VolumeBinding;
import windlass.scheduler.plugins.volumebinding.VolumeLister;
import windlass.scheduler.plugins.nodename.NodeName;
import windlass.scheduler.plugins.noderesources.NodeResourcesFit;
import windlass.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import windlass.scheduler.plugins.tainttoleration.TaintToleration;

/**
 * The v0 default profile: upstream's default plugins that exist so far, in upstream's order and with its score
 * weights (TaintToleration 3, NodeResourcesFit 1).
 */
public final class DefaultProfile {
  public static final String NAME = "default-scheduler";

  private DefaultProfile() {}

  public static Framework create(String name, WindlassClient client) {
    NodeResourcesFit fit = new NodeResourcesFit();
    TaintToleration taints = new TaintToleration();
    // TODO(volumes): VolumeLister.NONE until the apiserver serves PVCs/PVs (Kinds.PERSISTENT_VOLUME_CLAIM); see README.
    VolumeBinding volumes = new VolumeBinding(VolumeLister.NONE);
    return Framework.builder(name)
        .queueSort(new PrioritySort())
        .preFilter(fit)
        .preFilter(volumes)
        .filter(new NodeUnschedulable())
        .filter(new NodeName())
        .filter(taints)
        .filter(fit)
        .filter(volumes)
        .postFilter(new DefaultPreemption(new EvictionApi(client, null), new Random()))
        .score(taints, 3)
        .score(fit, 1)
        .bind(new DefaultBinder(client))
        .build();
  }
}
