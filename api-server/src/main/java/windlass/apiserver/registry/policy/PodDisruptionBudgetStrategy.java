package windlass.apiserver.registry.policy;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.V1Policy;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.apiserver.registry.ObjectMetaValidation;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * policy/v1 PodDisruptionBudgets as upstream: one of minAvailable and maxUnavailable, each a non-negative number or a
 * percentage up to 100%, a valid selector and unhealthyPodEvictionPolicy; generation tracks spec changes, and status
 * ({@link DisruptionBudgets}) says how many disruptions are allowed now.
 */
public final class PodDisruptionBudgetStrategy extends BaseStrategy<V1Policy.PodDisruptionBudget> {
  private static final List<String> POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");
  private static final String PERCENT = "[0-9]+%";

  public PodDisruptionBudgetStrategy() {
    super(Kinds.POD_DISRUPTION_BUDGET, V1Policy.PodDisruptionBudget.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  /** upstream SetDefaults_PodDisruptionBudgetSpec: neither bound set means minAvailable 1. */
  @Override
  protected V1Policy.PodDisruptionBudget applyDefaults(V1Policy.PodDisruptionBudget pdb) {
    if (pdb.getSpec().hasMinAvailable() || pdb.getSpec().hasMaxUnavailable()) {
      return pdb;
    }
    V1Policy.PodDisruptionBudget.Builder b = pdb.toBuilder();
    b.getSpecBuilder().setMinAvailable(IntOrString.newBuilder().setType(0).setIntVal(1));
    return b.build();
  }

  @Override
  protected List<FieldError> check(V1Policy.PodDisruptionBudget pdb) {
    List<FieldError> errs = new ArrayList<>();
    V1Policy.PodDisruptionBudgetSpec s = pdb.getSpec();
    if (s.hasMinAvailable() && s.hasMaxUnavailable()) {
      errs.add(new FieldError(FieldError.Type.INVALID, "spec", "policy.PodDisruptionBudgetSpec{...}",
          "minAvailable and maxUnavailable cannot be both set"));
    }
    if (s.hasMinAvailable()) {
      intOrPercent(s.getMinAvailable(), "spec.minAvailable", errs);
    }
    if (s.hasMaxUnavailable()) {
      intOrPercent(s.getMaxUnavailable(), "spec.maxUnavailable", errs);
    }
    if (s.hasSelector()) {
      errs.addAll(ObjectMetaValidation.labels(s.getSelector().getMatchLabelsMap(), "spec.selector.matchLabels"));
    }
    if (s.hasUnhealthyPodEvictionPolicy() && !POLICIES.contains(s.getUnhealthyPodEvictionPolicy())) {
      errs.add(FieldError.notSupported("spec.unhealthyPodEvictionPolicy", s.getUnhealthyPodEvictionPolicy(),
          POLICIES));
    }
    return errs;
  }

  /** upstream ValidateNonnegativeIntOrPercent and IsValidPercent, and the 100% cap. */
  private static void intOrPercent(IntOrString v, String path, List<FieldError> errs) {
    if (v.getType() == 0) {
      if (v.getIntVal() < 0) {
        errs.add(FieldError.invalid(path, v.getIntVal(), "must be greater than or equal to 0"));
      }
      return;
    }
    String s = v.getStrVal();
    if (!s.matches(PERCENT)) {
      errs.add(FieldError.invalid(path, s, NameFormats.regexError(
          "a valid percent string must be a numeric string followed by an ending '%'", PERCENT, "1%", "93%")));
      return;
    }
    if (new java.math.BigInteger(s.substring(0, s.length() - 1)).compareTo(java.math.BigInteger.valueOf(100)) > 0) {
      errs.add(FieldError.invalid(path, s, "must not be greater than 100%"));
    }
  }
}
