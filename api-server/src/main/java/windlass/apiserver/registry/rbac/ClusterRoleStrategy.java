package windlass.apiserver.registry.rbac;

import io.kubernetes.client.proto.V1Rbac;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.ObjectMetaValidation;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;

/** rbac.authorization.k8s.io/v1 ClusterRoles: policy rules, and at least one selector in an aggregationRule. */
public final class ClusterRoleStrategy extends BaseStrategy<V1Rbac.ClusterRole> {
  public ClusterRoleStrategy() {
    super(Kinds.CLUSTER_ROLE, V1Rbac.ClusterRole.class, Rbac::name);
  }

  @Override
  protected List<FieldError> check(V1Rbac.ClusterRole r) {
    List<FieldError> errs = new ArrayList<>(Rbac.rules(r.getRulesList(), false));
    if (r.hasAggregationRule()) {
      V1Rbac.AggregationRule a = r.getAggregationRule();
      if (a.getClusterRoleSelectorsCount() == 0) {
        errs.add(FieldError.required("aggregationRule.clusterRoleSelectors",
            "at least one clusterRoleSelector required if aggregationRule is non-nil"));
      }
      for (int i = 0; i < a.getClusterRoleSelectorsCount(); i++) {
        errs.addAll(ObjectMetaValidation.labels(a.getClusterRoleSelectors(i).getMatchLabelsMap(),
            "aggregationRule.clusterRoleSelectors[" + i + "].matchLabels"));
      }
    }
    return errs;
  }
}
