package windlass.controllers.deployment;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Apps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a deployment's status from its ReplicaSets, as upstream's calculateStatus and syncRolloutStatus:
 * replica counts summed over the ReplicaSets, the Available condition (MinimumReplicasAvailable when at least
 * replicas - maxUnavailable pods are available) and the Progressing condition (NewReplicaSetCreated,
 * FoundNewReplicaSet, ReplicaSetUpdated while replicas move, NewReplicaSetAvailable when complete). v0 does not
 * time out (no ProgressDeadlineExceeded).
 */
final class DeploymentStatuses {
  static final String AVAILABLE = "Available";
  static final String PROGRESSING = "Progressing";

  private DeploymentStatuses() {}

  /**
   * @param createdNewRs the name of a ReplicaSet created in this pass, or null
   */
  static V1Apps.DeploymentStatus calculate(V1Apps.Deployment d, List<V1Apps.ReplicaSet> all,
      V1Apps.ReplicaSet newRs, String createdNewRs, Instant now) {
    int available = 0;
    int specTotal = 0;
    int actual = 0;
    int ready = 0;
    for (V1Apps.ReplicaSet rs : all) {
      available += rs.getStatus().getAvailableReplicas();
      specTotal += rs.getSpec().getReplicas();
      actual += rs.getStatus().getReplicas();
      ready += rs.getStatus().getReadyReplicas();
    }
    int replicas = Fenceposts.replicas(d);
    V1Apps.DeploymentStatus.Builder s = V1Apps.DeploymentStatus.newBuilder()
        .setObservedGeneration(d.getMetadata().getGeneration())
        .setReplicas(actual)
        .setUpdatedReplicas(newRs == null ? 0 : newRs.getStatus().getReplicas())
        .setReadyReplicas(ready)
        .setAvailableReplicas(available)
        .setUnavailableReplicas(Math.max(0, specTotal - available));
    if (d.getStatus().hasCollisionCount()) {
      s.setCollisionCount(d.getStatus().getCollisionCount());
    }
    List<V1Apps.DeploymentCondition> conds = new ArrayList<>(d.getStatus().getConditionsList());
    if (newRs != null) {
      String name = newRs.getMetadata().getName();
      if (createdNewRs != null) {
        set(conds, condition(PROGRESSING, "True", "NewReplicaSetCreated", "Created new replica set \"" + name + "\"",
            now));
      } else if (find(conds, PROGRESSING).isEmpty()) {
        set(conds, condition(PROGRESSING, "True", "FoundNewReplicaSet", "Found new replica set \"" + name + "\"",
            now));
      }
    }
    if (available >= replicas - Fenceposts.maxUnavailable(d)) {
      set(conds, condition(AVAILABLE, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.",
          now));
    } else {
      set(conds, condition(AVAILABLE, "False", "MinimumReplicasUnavailable",
          "Deployment does not have minimum availability.", now));
    }
    V1Apps.DeploymentStatus counts = s.build();
    Optional<V1Apps.DeploymentCondition> progressing = find(conds, PROGRESSING);
    boolean alreadyComplete = counts.getReplicas() == counts.getUpdatedReplicas() && progressing.isPresent()
        && progressing.get().getReason().equals("NewReplicaSetAvailable");
    if (newRs != null && !alreadyComplete) {
      String name = newRs.getMetadata().getName();
      if (complete(d, counts)) {
        set(conds, condition(PROGRESSING, "True", "NewReplicaSetAvailable",
            "ReplicaSet \"" + name + "\" has successfully progressed.", now));
      } else if (progressed(d.getStatus(), counts)) {
        V1Apps.DeploymentCondition.Builder c = condition(PROGRESSING, "True", "ReplicaSetUpdated",
            "ReplicaSet \"" + name + "\" is progressing.", now).toBuilder();
        progressing.filter(p -> p.getStatus().equals("True"))
            .ifPresent(p -> c.setLastTransitionTime(p.getLastTransitionTime()));
        conds.removeIf(x -> x.getType().equals(PROGRESSING));
        conds.add(c.build());
      }
    }
    return s.addAllConditions(conds).build();
  }

  /** Upstream's DeploymentComplete: every replica updated and available, and the newest spec observed. */
  static boolean complete(V1Apps.Deployment d, V1Apps.DeploymentStatus s) {
    int replicas = Fenceposts.replicas(d);
    return s.getUpdatedReplicas() == replicas && s.getReplicas() == replicas && s.getAvailableReplicas() == replicas
        && s.getObservedGeneration() >= d.getMetadata().getGeneration();
  }

  /** Upstream's DeploymentProgressing: more updated, fewer old, more ready or more available replicas. */
  private static boolean progressed(V1Apps.DeploymentStatus old, V1Apps.DeploymentStatus now) {
    int oldOld = old.getReplicas() - old.getUpdatedReplicas();
    int nowOld = now.getReplicas() - now.getUpdatedReplicas();
    return now.getUpdatedReplicas() > old.getUpdatedReplicas() || nowOld < oldOld
        || now.getReadyReplicas() > old.getReadyReplicas() || now.getAvailableReplicas() > old.getAvailableReplicas();
  }

  static V1Apps.DeploymentCondition condition(String type, String status, String reason, String message,
      Instant now) {
    Meta.Time t = Meta.Time.newBuilder().setSeconds(now.getEpochSecond()).build();
    return V1Apps.DeploymentCondition.newBuilder().setType(type).setStatus(status).setReason(reason)
        .setMessage(message).setLastUpdateTime(t).setLastTransitionTime(t).build();
  }

  static Optional<V1Apps.DeploymentCondition> find(List<V1Apps.DeploymentCondition> conds, String type) {
    return conds.stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  /**
   * Upstream's SetDeploymentCondition: no change when status and reason are the same; otherwise replace, keeping
   * lastTransitionTime when only the reason changed.
   */
  static void set(List<V1Apps.DeploymentCondition> conds, V1Apps.DeploymentCondition c) {
    Optional<V1Apps.DeploymentCondition> cur = find(conds, c.getType());
    if (cur.isPresent() && cur.get().getStatus().equals(c.getStatus())
        && cur.get().getReason().equals(c.getReason())) {
      return;
    }
    V1Apps.DeploymentCondition next = c;
    if (cur.isPresent() && cur.get().getStatus().equals(c.getStatus())) {
      next = c.toBuilder().setLastTransitionTime(cur.get().getLastTransitionTime()).build();
    }
    conds.removeIf(x -> x.getType().equals(c.getType()));
    conds.add(next);
  }

  /** Compares by value (see ReplicaSetStatuses.same), conditions including their times. */
  static boolean same(V1Apps.DeploymentStatus a, V1Apps.DeploymentStatus b) {
    if (a.getObservedGeneration() != b.getObservedGeneration() || a.getReplicas() != b.getReplicas()
        || a.getUpdatedReplicas() != b.getUpdatedReplicas() || a.getReadyReplicas() != b.getReadyReplicas()
        || a.getAvailableReplicas() != b.getAvailableReplicas()
        || a.getUnavailableReplicas() != b.getUnavailableReplicas()
        || a.getCollisionCount() != b.getCollisionCount() || a.getConditionsCount() != b.getConditionsCount()) {
      return false;
    }
    for (int i = 0; i < a.getConditionsCount(); i++) {
      V1Apps.DeploymentCondition x = a.getConditions(i);
      V1Apps.DeploymentCondition y = b.getConditions(i);
      if (!x.getType().equals(y.getType()) || !x.getStatus().equals(y.getStatus())
          || !x.getReason().equals(y.getReason()) || !x.getMessage().equals(y.getMessage())
          || x.getLastUpdateTime().getSeconds() != y.getLastUpdateTime().getSeconds()
          || x.getLastTransitionTime().getSeconds() != y.getLastTransitionTime().getSeconds()) {
        return false;
      }
    }
    return true;
  }
}
