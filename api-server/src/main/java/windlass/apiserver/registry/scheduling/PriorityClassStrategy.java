package windlass.apiserver.registry.scheduling;

import io.kubernetes.client.proto.V1Scheduling.PriorityClass;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * scheduling.k8s.io/v1 PriorityClasses, as upstream's strategy: cluster-scoped, no status, names are DNS subdomains;
 * preemptionPolicy defaults to PreemptLowerPriority; names starting with "system-" are reserved for the built-in
 * classes ({@link SystemPriorityClasses}); a user class may not exceed 1000000000; value and preemptionPolicy are
 * immutable.
 */
public final class PriorityClassStrategy extends BaseStrategy<PriorityClass> {
  /** Upstream's HighestUserDefinablePriority. */
  public static final int HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
  static final String PREEMPT_LOWER_PRIORITY = "PreemptLowerPriority";
  private static final List<String> POLICIES = List.of("Never", PREEMPT_LOWER_PRIORITY);

  public PriorityClassStrategy() {
    super(Kinds.PRIORITY_CLASS, PriorityClass.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected PriorityClass applyDefaults(PriorityClass pc) {
    return pc.hasPreemptionPolicy() ? pc : pc.toBuilder().setPreemptionPolicy(PREEMPT_LOWER_PRIORITY).build();
  }

  @Override
  protected List<FieldError> check(PriorityClass pc) {
    List<FieldError> errs = new ArrayList<>();
    String name = pc.getMetadata().getName();
    if (name.startsWith(SystemPriorityClasses.PREFIX)) {
      String why = SystemPriorityClasses.whyNotKnown(pc);
      if (why != null) {
        errs.add(FieldError.forbidden("metadata.name", "priority class names with '" + SystemPriorityClasses.PREFIX
            + "' prefix are reserved for system use only. error: " + why));
      }
    } else if (pc.getValue() > HIGHEST_USER_DEFINABLE_PRIORITY) {
      errs.add(FieldError.forbidden("value", "maximum allowed value of a user defined priority is "
          + HIGHEST_USER_DEFINABLE_PRIORITY));
    }
    if (pc.hasPreemptionPolicy() && !POLICIES.contains(pc.getPreemptionPolicy())) {
      errs.add(FieldError.notSupported("preemptionPolicy", pc.getPreemptionPolicy(), POLICIES));
    }
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(PriorityClass pc, PriorityClass old) {
    List<FieldError> errs = new ArrayList<>();
    if (pc.getValue() != old.getValue()) {
      errs.add(FieldError.forbidden("value", "may not be changed in an update."));
    }
    if (!pc.getPreemptionPolicy().equals(old.getPreemptionPolicy())) {
      errs.add(FieldError.invalid("preemptionPolicy", pc.getPreemptionPolicy(), "field is immutable"));
    }
    return errs;
  }
}
