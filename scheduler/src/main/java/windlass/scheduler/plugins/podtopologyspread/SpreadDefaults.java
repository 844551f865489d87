package windlass.scheduler.plugins.podtopologyspread;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The constraints PodTopologySpread scores a pod by when it has none of its own (PodTopologySpreadArgs
 * defaultingType / defaultConstraints). Upstream gives them the selector of the services, replication controllers,
 * replica sets and stateful sets that select the pod, and applies none when there is no such owner.
 *
 * <p>windlass approximation, until the scheduler follows those objects: a pod controlled (ownerReference with
 * controller=true) by a ReplicaSet, ReplicationController or StatefulSet gets its own labels as the selector (the
 * owner's selector selects them, and its other pods carry the same labels); other pods get no default constraints.
 * Services are not consulted.
 *
 * @param defaultingType "System" or "List"
 * @param constraints the default constraints (for List; labelSelector must be empty)
 */
public record SpreadDefaults(String defaultingType, List<V1.TopologySpreadConstraint> constraints) {
  private static final Set<String> OWNER_KINDS = Set.of("ReplicaSet", "ReplicationController", "StatefulSet");

  public SpreadDefaults {
    constraints = List.copyOf(constraints);
    if (!defaultingType.equals("System") && !defaultingType.equals("List")) {
      throw new IllegalArgumentException("defaultingType: Unsupported value: \"" + defaultingType
          + "\": supported values: \"List\", \"System\"");
    }
    for (int i = 0; i < constraints.size(); i++) {
      if (constraints.get(i).hasLabelSelector()) {
        throw new IllegalArgumentException("defaultConstraints[" + i + "].labelSelector: Forbidden: constraint must "
            + "not define a selector, as they deduced for each pod");
      }
    }
    if (defaultingType.equals("System") && !constraints.isEmpty()) {
      throw new IllegalArgumentException("defaultingType: Invalid value: \"System\": when .defaultConstraints are "
          + "not empty, defaultingType can only be \"List\"");
    }
  }

  /** Upstream's system defaults: hostname maxSkew 3, zone maxSkew 5, both ScheduleAnyway. */
  public static SpreadDefaults system() {
    return new SpreadDefaults("System", List.of());
  }

  public boolean isSystem() {
    return defaultingType.equals("System");
  }

  List<V1.TopologySpreadConstraint> effective() {
    if (!isSystem()) {
      return constraints;
    }
    return List.of(
        V1.TopologySpreadConstraint.newBuilder().setTopologyKey(SpreadConstraint.HOSTNAME).setMaxSkew(3)
            .setWhenUnsatisfiable("ScheduleAnyway").build(),
        V1.TopologySpreadConstraint.newBuilder().setTopologyKey(SpreadConstraint.ZONE).setMaxSkew(5)
            .setWhenUnsatisfiable("ScheduleAnyway").build());
  }

  /**
   * The default constraints (DoNotSchedule ones for {@code doNotSchedule}, else ScheduleAnyway ones) for a pod
   * without its own, with the deduced selector; empty if none apply.
   */
  List<SpreadConstraint> constraintsFor(V1.Pod pod, boolean doNotSchedule) {
    boolean controlled = pod.getMetadata().getOwnerReferencesList().stream()
        .anyMatch(o -> o.getController() && OWNER_KINDS.contains(o.getKind()));
    if (!controlled || pod.getMetadata().getLabelsCount() == 0) {
      return List.of();
    }
    Meta.LabelSelector selector = Meta.LabelSelector.newBuilder().putAllMatchLabels(pod.getMetadata()
        .getLabelsMap()).build();
    List<SpreadConstraint> out = new ArrayList<>();
    for (V1.TopologySpreadConstraint c : effective()) {
      SpreadConstraint sc = SpreadConstraint.of(c.toBuilder().setLabelSelector(selector).build(), pod);
      if (sc.doNotSchedule() == doNotSchedule) {
        out.add(sc);
      }
    }
    return out;
  }
}
