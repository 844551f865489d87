package windlass.apiserver.registry.rbac;

import io.kubernetes.client.proto.V1Rbac;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;

/** rbac.authorization.k8s.io/v1 Roles: path-segment names, namespaced policy rules (no non-resource URLs). */
public final class RoleStrategy extends BaseStrategy<V1Rbac.Role> {
  public RoleStrategy() {
    super(Kinds.ROLE, V1Rbac.Role.class, Rbac::name);
  }

  @Override
  protected List<FieldError> check(V1Rbac.Role r) {
    return Rbac.rules(r.getRulesList(), true);
  }
}
