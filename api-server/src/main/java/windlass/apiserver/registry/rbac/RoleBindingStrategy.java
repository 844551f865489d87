package windlass.apiserver.registry.rbac;

import io.kubernetes.client.proto.V1Rbac;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;

/**
 * rbac.authorization.k8s.io/v1 RoleBindings: roleRef (apiGroup defaulted) to a Role or ClusterRole, which may not
 * change; subjects of kind ServiceAccount, User or Group (apiGroup defaulted).
 */
public final class RoleBindingStrategy extends BaseStrategy<V1Rbac.RoleBinding> {
  public RoleBindingStrategy() {
    super(Kinds.ROLE_BINDING, V1Rbac.RoleBinding.class, Rbac::name);
  }

  @Override
  protected V1Rbac.RoleBinding applyDefaults(V1Rbac.RoleBinding b) {
    return b.toBuilder().setRoleRef(Rbac.defaultRoleRef(b.getRoleRef())).clearSubjects()
        .addAllSubjects(Rbac.defaultSubjects(b.getSubjectsList())).build();
  }

  @Override
  protected List<FieldError> check(V1Rbac.RoleBinding b) {
    return Rbac.binding(b.getRoleRef(), b.getSubjectsList(), List.of("Role", "ClusterRole"), true);
  }

  @Override
  protected List<FieldError> checkUpdate(V1Rbac.RoleBinding b, V1Rbac.RoleBinding old) {
    return Rbac.roleRefUnchanged(b.getRoleRef(), old.getRoleRef());
  }
}
