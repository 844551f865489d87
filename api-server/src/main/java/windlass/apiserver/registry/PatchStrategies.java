package windlass.apiserver.registry;

import java.util.Map;
import java.util.Optional;

/**
 * Upstream's strategic-merge-patch struct tags ({@code patchStrategy}, {@code patchMergeKey}) for the served types,
 * in one table keyed by proto message full name and JSON field name, as written in k8s.io/api (core/v1, apps/v1) and
 * apimachinery (meta/v1) 1.32. A list field that is not here is atomic (replaced whole), as upstream's default.
 */
final class PatchStrategies {
  /** A field's strategy: merge (lists merged by {@code mergeKey}, "" for primitive lists), and/or retainKeys. */
  record FieldStrategy(boolean merge, String mergeKey, boolean retainKeys) {
    static FieldStrategy merge(String key) {
      return new FieldStrategy(true, key, false);
    }

    static FieldStrategy mergeRetainKeys(String key) {
      return new FieldStrategy(true, key, true);
    }

    static FieldStrategy retainingKeys() {
      return new FieldStrategy(false, "", true);
    }
  }

  private static final String CORE = "k8s.io.api.core.v1.";
  private static final String APPS = "k8s.io.api.apps.v1.";
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";

  private static final Map<String, FieldStrategy> TABLE = Map.ofEntries(
      // meta/v1
      Map.entry(META + "ObjectMeta.finalizers", FieldStrategy.merge("")),
      Map.entry(META + "ObjectMeta.ownerReferences", FieldStrategy.merge("uid")),
      // core/v1 PodSpec (tolerations, readinessGates, hostAliases' hostnames are atomic)
      Map.entry(CORE + "PodSpec.volumes", FieldStrategy.mergeRetainKeys("name")),
      Map.entry(CORE + "PodSpec.initContainers", FieldStrategy.merge("name")),
      Map.entry(CORE + "PodSpec.containers", FieldStrategy.merge("name")),
      Map.entry(CORE + "PodSpec.ephemeralContainers", FieldStrategy.merge("name")),
      Map.entry(CORE + "PodSpec.imagePullSecrets", FieldStrategy.merge("name")),
      Map.entry(CORE + "PodSpec.hostAliases", FieldStrategy.merge("ip")),
      Map.entry(CORE + "PodSpec.topologySpreadConstraints", FieldStrategy.merge("topologyKey")),
      Map.entry(CORE + "PodSpec.schedulingGates", FieldStrategy.merge("name")),
      Map.entry(CORE + "PodSpec.resourceClaims", FieldStrategy.mergeRetainKeys("name")),
      // core/v1 Container and EphemeralContainerCommon
      Map.entry(CORE + "Container.ports", FieldStrategy.merge("containerPort")),
      Map.entry(CORE + "Container.env", FieldStrategy.merge("name")),
      Map.entry(CORE + "Container.volumeMounts", FieldStrategy.merge("mountPath")),
      Map.entry(CORE + "Container.volumeDevices", FieldStrategy.merge("devicePath")),
      Map.entry(CORE + "EphemeralContainerCommon.ports", FieldStrategy.merge("containerPort")),
      Map.entry(CORE + "EphemeralContainerCommon.env", FieldStrategy.merge("name")),
      Map.entry(CORE + "EphemeralContainerCommon.volumeMounts", FieldStrategy.merge("mountPath")),
      Map.entry(CORE + "EphemeralContainerCommon.volumeDevices", FieldStrategy.merge("devicePath")),
      // core/v1 statuses
      Map.entry(CORE + "PodStatus.conditions", FieldStrategy.merge("type")),
      Map.entry(CORE + "PodStatus.podIPs", FieldStrategy.merge("ip")),
      Map.entry(CORE + "PodStatus.hostIPs", FieldStrategy.merge("ip")),
      Map.entry(CORE + "PodStatus.resourceClaimStatuses", FieldStrategy.mergeRetainKeys("name")),
      Map.entry(CORE + "NodeSpec.podCIDRs", FieldStrategy.merge("")),
      Map.entry(CORE + "NodeStatus.conditions", FieldStrategy.merge("type")),
      Map.entry(CORE + "NodeStatus.addresses", FieldStrategy.merge("type")),
      Map.entry(CORE + "NamespaceStatus.conditions", FieldStrategy.merge("type")),
      Map.entry(CORE + "ServiceSpec.ports", FieldStrategy.merge("port")),
      Map.entry(CORE + "ServiceStatus.conditions", FieldStrategy.merge("type")),
      // apps/v1
      Map.entry(APPS + "DeploymentSpec.strategy", FieldStrategy.retainingKeys()),
      Map.entry(APPS + "DeploymentStatus.conditions", FieldStrategy.merge("type")),
      Map.entry(APPS + "ReplicaSetStatus.conditions", FieldStrategy.merge("type")),
      Map.entry(APPS + "DaemonSetSpec.updateStrategy", FieldStrategy.retainingKeys()),
      Map.entry(APPS + "DaemonSetStatus.conditions", FieldStrategy.merge("type")),
      Map.entry(APPS + "StatefulSetStatus.conditions", FieldStrategy.merge("type")));

  private PatchStrategies() {}

  /** The strategy of field {@code field} (its JSON name) of message {@code messageFullName}; empty when none. */
  static Optional<FieldStrategy> of(String messageFullName, String field) {
    return Optional.ofNullable(TABLE.get(messageFullName + "." + field));
  }

  /** Every entry as "message.field", for the test that checks each names a real field. */
  static java.util.Set<String> entries() {
    return TABLE.keySet();
  }
}
