package windlass.apiserver.registry;

import java.util.List;
import windlass.apiserver.registry.apps.DeploymentStrategy;
import windlass.apiserver.registry.apps.ReplicaSetStrategy;
import windlass.apiserver.registry.core.EventStrategy;
import windlass.apiserver.registry.core.NamespaceStrategy;
import windlass.apiserver.registry.core.NodeStrategy;
import windlass.apiserver.registry.core.PodStrategy;
import windlass.apiserver.registry.core.ServiceStrategy;
import windlass.apiserver.registry.coordination.LeaseStrategy;

/** The strategy of every served kind (windlass.client.Kinds): a new kind is one line here. */
final class Strategies {
  private Strategies() {}

  static List<Strategy> all() {
    return List.of(new NamespaceStrategy(), new NodeStrategy(), new PodStrategy(), new ServiceStrategy(),
        new EventStrategy(), new DeploymentStrategy(), new ReplicaSetStrategy(),
        new LeaseStrategy());
  }
}
