package windlass.apiserver.registry.rbac;

import io.kubernetes.client.proto.V1Rbac;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;

/**
 * rbac.authorization.k8s.io/v1 ClusterRoleBindings: roleRef to a ClusterRole, which may not change; service account
 * subjects need a namespace.
 */
public final class ClusterRoleBindingStrategy extends BaseStrategy<V1Rbac.ClusterRoleBinding> {
  public ClusterRoleBindingStrategy() {
    super(Kinds.CLUSTER_ROLE_BINDING, V1Rbac.ClusterRoleBinding.class, Rbac::name);
  }

  @Override
  protected V1Rbac.ClusterRoleBinding applyDefaults(V1Rbac.ClusterRoleBinding b) {
    return b.toBuilder().setRoleRef(Rbac.defaultRoleRef(b.getRoleRef())).clearSubjects()
        .addAllSubjects(Rbac.defaultSubjects(b.getSubjectsList())).build();
  }

  @Override
  protected List<FieldError> check(V1Rbac.ClusterRoleBinding b) {
    return Rbac.binding(b.getRoleRef(), b.getSubjectsList(), List.of("ClusterRole"), false);
  }

  @Override
  protected List<FieldError> checkUpdate(V1Rbac.ClusterRoleBinding b, V1Rbac.ClusterRoleBinding old) {
    return Rbac.roleRefUnchanged(b.getRoleRef(), old.getRoleRef());
  }
}
