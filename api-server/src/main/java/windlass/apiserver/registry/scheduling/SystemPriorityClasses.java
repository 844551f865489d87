package windlass.apiserver.registry.scheduling;

import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1Scheduling.PriorityClass;
import java.util.List;

/** Upstream's built-in PriorityClasses, which the apiserver creates at start (its bootstrap post-start hook). */
public final class SystemPriorityClasses {
  static final String PREFIX = "system-";
  /** Upstream's SystemCriticalPriority: 2 * HighestUserDefinablePriority. */
  public static final int SYSTEM_CRITICAL_PRIORITY = 2 * PriorityClassStrategy.HIGHEST_USER_DEFINABLE_PRIORITY;

  public static final List<PriorityClass> ALL = List.of(
      of("system-node-critical", SYSTEM_CRITICAL_PRIORITY + 1000,
          "Used for system critical pods that must not be moved from their current node."),
      of("system-cluster-critical", SYSTEM_CRITICAL_PRIORITY,
          "Used for system critical pods that must run in the cluster, but can be moved to another node if "
              + "necessary."));

  private SystemPriorityClasses() {}

  private static PriorityClass of(String name, int value, String description) {
    return PriorityClass.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name)).setValue(value)
        .setDescription(description).setPreemptionPolicy(PriorityClassStrategy.PREEMPT_LOWER_PRIORITY).build();
  }

  /** Null when {@code pc} is one of the built-in classes as they are; else upstream's reason. */
  static String whyNotKnown(PriorityClass pc) {
    for (PriorityClass s : ALL) {
      if (s.getMetadata().getName().equals(pc.getMetadata().getName())) {
        if (s.getValue() != pc.getValue()) {
          return "value of " + s.getMetadata().getName() + " PriorityClass must be " + s.getValue();
        }
        if (s.getGlobalDefault() != pc.getGlobalDefault()) {
          return "globalDefault of " + s.getMetadata().getName() + " PriorityClass must be " + s.getGlobalDefault();
        }
        return null;
      }
    }
    return pc.getMetadata().getName() + " is not a known system priority class";
  }
}
