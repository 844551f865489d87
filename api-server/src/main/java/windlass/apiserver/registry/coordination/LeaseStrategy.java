package windlass.apiserver.registry.coordination;

import io.kubernetes.client.proto.V1Coordination;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * coordination.k8s.io/v1 Leases, as upstream's lease strategy: no status subresource, names are DNS subdomains, and
 * the spec checks of ValidateLeaseSpec. spec.strategy and spec.preferredHolder belong to the CoordinatedLeaderElection
 * feature, off by default in 1.32, so they are dropped on create and update as upstream does with the gate off.
 */
public final class LeaseStrategy extends BaseStrategy<V1Coordination.Lease> {
  public LeaseStrategy() {
    super(Kinds.LEASE, V1Coordination.Lease.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected V1Coordination.Lease resetForCreate(V1Coordination.Lease obj) {
    return dropGated(obj);
  }

  @Override
  public com.google.protobuf.Message prepareForUpdate(com.google.protobuf.Message obj,
      com.google.protobuf.Message old) {
    return dropGated(cast(obj));
  }

  /** Create and update alike (the store runs these on both). */
  @Override
  protected List<FieldError> check(V1Coordination.Lease obj) {
    return checkSpec(obj.getSpec());
  }

  private static List<FieldError> checkSpec(V1Coordination.LeaseSpec s) {
    List<FieldError> errs = new ArrayList<>();
    if (s.hasLeaseDurationSeconds() && s.getLeaseDurationSeconds() <= 0) {
      errs.add(FieldError.invalid("spec.leaseDurationSeconds", s.getLeaseDurationSeconds(), "must be greater than 0"));
    }
    if (s.hasLeaseTransitions() && s.getLeaseTransitions() < 0) {
      errs.add(FieldError.invalid("spec.leaseTransitions", s.getLeaseTransitions(),
          "must be greater than or equal to 0"));
    }
    return errs;
  }

  private static V1Coordination.Lease dropGated(V1Coordination.Lease l) {
    if (!l.getSpec().hasStrategy() && !l.getSpec().hasPreferredHolder()) {
      return l;
    }
    return l.toBuilder().setSpec(l.getSpec().toBuilder().clearStrategy().clearPreferredHolder()).build();
  }
}
