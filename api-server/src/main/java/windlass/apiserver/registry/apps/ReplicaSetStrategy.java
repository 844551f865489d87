package windlass.apiserver.registry.apps;

import io.kubernetes.client.proto.V1Apps;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/** apps/v1 ReplicaSets as upstream: replicas default 1, generation follows spec, immutable selector. */
public final class ReplicaSetStrategy extends BaseStrategy<V1Apps.ReplicaSet> {
  public ReplicaSetStrategy() {
    super(Kinds.REPLICA_SET, V1Apps.ReplicaSet.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  protected V1Apps.ReplicaSet applyDefaults(V1Apps.ReplicaSet rs) {
    V1Apps.ReplicaSetSpec.Builder s = rs.getSpec().toBuilder();
    if (!s.hasReplicas()) {
      s.setReplicas(1);
    }
    s.setTemplate(Workloads.defaultTemplate(s.getTemplate()));
    return rs.toBuilder().setSpec(s).build();
  }

  @Override
  protected List<FieldError> check(V1Apps.ReplicaSet rs) {
    V1Apps.ReplicaSetSpec s = rs.getSpec();
    List<FieldError> errs =
        new ArrayList<>(Workloads.validate(s.hasSelector(), s.getSelector(), s.getReplicas(), s.getTemplate()));
    if (s.getMinReadySeconds() < 0) {
      errs.add(FieldError.invalid("spec.minReadySeconds", s.getMinReadySeconds(), "must be greater than or equal to 0"));
    }
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1Apps.ReplicaSet rs, V1Apps.ReplicaSet old) {
    return Workloads.selectorImmutable(rs.getSpec().getSelector(), old.getSpec().getSelector());
  }

  @Override
  public java.util.Map<String, String> selectableFields(com.google.protobuf.Message obj) {
    return java.util.Map.of("status.replicas", Integer.toString(cast(obj).getStatus().getReplicas()));
  }
}
