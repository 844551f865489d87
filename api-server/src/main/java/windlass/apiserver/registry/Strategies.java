package windlass.apiserver.registry;

import java.util.List;
import windlass.apiserver.registry.apps.ControllerRevisionStrategy;
import windlass.apiserver.registry.apps.DaemonSetStrategy;
import windlass.apiserver.registry.apps.DeploymentStrategy;
import windlass.apiserver.registry.apps.ReplicaSetStrategy;
import windlass.apiserver.registry.apps.StatefulSetStrategy;
import windlass.apiserver.registry.autoscaling.HorizontalPodAutoscalerStrategy;
import windlass.apiserver.registry.batch.CronJobStrategy;
import windlass.apiserver.registry.batch.JobStrategy;
import windlass.apiserver.registry.certificates.CertificateSigningRequestStrategy;
import windlass.apiserver.registry.coordination.LeaseStrategy;
import windlass.apiserver.registry.core.ConfigMapStrategy;
import windlass.apiserver.registry.core.EndpointsStrategy;
import windlass.apiserver.registry.core.EventStrategy;
import windlass.apiserver.registry.core.LimitRangeStrategy;
import windlass.apiserver.registry.core.NamespaceStrategy;
import windlass.apiserver.registry.core.NodeStrategy;
import windlass.apiserver.registry.core.PersistentVolumeClaimStrategy;
import windlass.apiserver.registry.core.PersistentVolumeStrategy;
import windlass.apiserver.registry.core.PodStrategy;
import windlass.apiserver.registry.core.ResourceQuotaStrategy;
import windlass.apiserver.registry.core.SecretStrategy;
import windlass.apiserver.registry.core.ServiceAccountStrategy;
import windlass.apiserver.registry.core.ServiceStrategy;
import windlass.apiserver.registry.discovery.EndpointSliceStrategy;
import windlass.apiserver.registry.networking.IngressStrategy;
import windlass.apiserver.registry.policy.PodDisruptionBudgetStrategy;
import windlass.apiserver.registry.rbac.ClusterRoleBindingStrategy;
import windlass.apiserver.registry.rbac.ClusterRoleStrategy;
import windlass.apiserver.registry.rbac.RoleBindingStrategy;
import windlass.apiserver.registry.rbac.RoleStrategy;
import windlass.apiserver.registry.scheduling.PriorityClassStrategy;

/** The strategy of every served kind (windlass.client.Kinds): a new kind is one line here. */
final class Strategies {
  private Strategies() {}

  static List<Strategy> all() {
    return List.of(new NamespaceStrategy(), new NodeStrategy(), new PodStrategy(), new ServiceStrategy(),
        new EventStrategy(), new DeploymentStrategy(), new ReplicaSetStrategy(),
        new DaemonSetStrategy(), new StatefulSetStrategy(), new ControllerRevisionStrategy(), new JobStrategy(),
        new CronJobStrategy(), new HorizontalPodAutoscalerStrategy(), new EndpointSliceStrategy(),
        new IngressStrategy(), new RoleStrategy(), new ClusterRoleStrategy(), new RoleBindingStrategy(),
        new ClusterRoleBindingStrategy(), new CertificateSigningRequestStrategy(),
        new LeaseStrategy(),
        new ConfigMapStrategy(), new SecretStrategy(), new ServiceAccountStrategy(), new EndpointsStrategy(),
        new PersistentVolumeStrategy(), new PersistentVolumeClaimStrategy(), new ResourceQuotaStrategy(),
        new LimitRangeStrategy(), new PodDisruptionBudgetStrategy(), new PriorityClassStrategy());
  }
}
