package windlass.controllers.replicaset;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.time.Instant;
import java.util.List;
import windlass.client.LabelSelector;
import windlass.controllers.pods.PodStates;

/** Computes a ReplicaSet's status from its active pods, as upstream's calculateStatus. */
final class ReplicaSetStatuses {
  static final String REPLICA_FAILURE = "ReplicaFailure";

  private ReplicaSetStatuses() {}

  /**
   * replicas, fullyLabeledReplicas (pods carrying all the template's labels), readyReplicas, availableReplicas
   * (ready for minReadySeconds), observedGeneration; a ReplicaFailure condition while creating or deleting fails.
   */
  static V1Apps.ReplicaSetStatus calculate(V1Apps.ReplicaSet rs, List<V1.Pod> pods, Instant now,
      String failureReason, String failureMessage) {
    LabelSelector templateLabels = LabelSelector.fromProto(Meta.LabelSelector.newBuilder()
        .putAllMatchLabels(rs.getSpec().getTemplate().getMetadata().getLabelsMap()).build());
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (V1.Pod p : pods) {
      if (templateLabels.matches(p.getMetadata().getLabelsMap())) {
        fullyLabeled++;
      }
      if (PodStates.isReady(p)) {
        ready++;
        if (PodStates.isAvailable(p, rs.getSpec().getMinReadySeconds(), now)) {
          available++;
        }
      }
    }
    V1Apps.ReplicaSetStatus.Builder s = V1Apps.ReplicaSetStatus.newBuilder()
        .setReplicas(pods.size())
        .setFullyLabeledReplicas(fullyLabeled)
        .setReadyReplicas(ready)
        .setAvailableReplicas(available)
        .setObservedGeneration(rs.getMetadata().getGeneration());
    V1Apps.ReplicaSetCondition old = rs.getStatus().getConditionsList().stream()
        .filter(c -> c.getType().equals(REPLICA_FAILURE)).findFirst().orElse(null);
    for (V1Apps.ReplicaSetCondition c : rs.getStatus().getConditionsList()) {
      if (!c.getType().equals(REPLICA_FAILURE)) {
        s.addConditions(c);
      }
    }
    if (failureReason != null) {
      V1Apps.ReplicaSetCondition.Builder c = V1Apps.ReplicaSetCondition.newBuilder().setType(REPLICA_FAILURE)
          .setStatus("True").setReason(failureReason).setMessage(failureMessage);
      c.setLastTransitionTime(old != null ? old.getLastTransitionTime()
          : Meta.Time.newBuilder().setSeconds(now.getEpochSecond()).build());
      s.addConditions(c);
    }
    return s.build();
  }

  /** Compares by value, so a status that round-tripped through the server without its zero fields still equals. */
  static boolean same(V1Apps.ReplicaSetStatus a, V1Apps.ReplicaSetStatus b) {
    if (a.getReplicas() != b.getReplicas() || a.getFullyLabeledReplicas() != b.getFullyLabeledReplicas()
        || a.getReadyReplicas() != b.getReadyReplicas() || a.getAvailableReplicas() != b.getAvailableReplicas()
        || a.getObservedGeneration() != b.getObservedGeneration()
        || a.getConditionsCount() != b.getConditionsCount()) {
      return false;
    }
    for (int i = 0; i < a.getConditionsCount(); i++) {
      V1Apps.ReplicaSetCondition x = a.getConditions(i);
      V1Apps.ReplicaSetCondition y = b.getConditions(i);
      if (!x.getType().equals(y.getType()) || !x.getStatus().equals(y.getStatus())
          || !x.getReason().equals(y.getReason()) || !x.getMessage().equals(y.getMessage())) {
        return false;
      }
    }
    return true;
  }
}
