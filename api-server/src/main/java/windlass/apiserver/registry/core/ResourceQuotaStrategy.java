package windlass.apiserver.registry.core;

import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.Quantities;
import windlass.client.validation.NameFormats;

/**
 * ResourceQuotas as upstream: hard limits are qualified resource names with non-negative quantities (whole numbers
 * for object counts); status (hard, used) is kept by the apiserver's quota admission, not by clients.
 */
public final class ResourceQuotaStrategy extends BaseStrategy<V1.ResourceQuota> {
  private static final List<String> SCOPES = List.of("BestEffort", "CrossNamespacePodAffinity", "NotBestEffort",
      "NotTerminating", "PriorityClass", "Terminating");

  public ResourceQuotaStrategy() {
    super(Kinds.RESOURCE_QUOTA, V1.ResourceQuota.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected List<FieldError> check(V1.ResourceQuota q) {
    List<FieldError> errs = new ArrayList<>();
    hard(q.getSpec().getHardMap(), "spec.hard", errs);
    hard(q.getStatus().getHardMap(), "status.hard", errs);
    hard(q.getStatus().getUsedMap(), "status.used", errs);
    for (String scope : q.getSpec().getScopesList()) {
      if (!SCOPES.contains(scope)) {
        errs.add(FieldError.notSupported("spec.scopes", scope, SCOPES));
      }
    }
    return errs;
  }

  private static void hard(Map<String, Quantity> hard, String path, List<FieldError> errs) {
    for (Map.Entry<String, Quantity> e : new TreeMap<>(hard).entrySet()) {
      String p = path + "[" + e.getKey() + "]";
      for (String msg : NameFormats.labelKey(e.getKey())) {
        errs.add(FieldError.invalid(p, e.getKey(), msg));
      }
      String v = e.getValue().getString();
      PersistentVolumeStrategy.nonNegative(p, v, errs);
      if (Quantities.isValid(v) && isCount(e.getKey()) && Quantities.parse(v).stripTrailingZeros().scale() > 0) {
        errs.add(FieldError.invalid(p, v, "must be an integer"));
      }
    }
  }

  /** Object counts, which upstream wants whole: pods, services, count/…, and the like. */
  static boolean isCount(String resource) {
    return resource.startsWith("count/") || List.of("pods", "services", "replicationcontrollers", "resourcequotas",
        "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers")
        .contains(resource);
  }

  @Override
  public List<FieldError> validateStatusUpdate(com.google.protobuf.Message obj, com.google.protobuf.Message old) {
    return check(cast(obj));
  }
}
