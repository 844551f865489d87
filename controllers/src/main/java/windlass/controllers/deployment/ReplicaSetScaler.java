package windlass.controllers.deployment;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Apps;
import windlass.client.WindlassClient;
import windlass.client.events.EventRecorder;

/**
 * Scales one of a deployment's ReplicaSets and keeps its deployment annotations (desired-replicas, max-replicas,
 * revision) current, recording "Scaled up replica set web-7d4b9c from 1 to 3" as upstream's scaleReplicaSet.
 */
final class ReplicaSetScaler {
  private final WindlassClient client;
  private final EventRecorder recorder;

  ReplicaSetScaler(WindlassClient client, EventRecorder recorder) {
    this.client = client;
    this.recorder = recorder;
  }

  /**
   * Sets {@code rs}'s replicas to {@code to}; {@code revision} &gt; 0 raises its revision annotation to that (the new
   * ReplicaSet of a rollback). Returns the ReplicaSet as written, or {@code rs} when nothing changed.
   */
  V1Apps.ReplicaSet scale(V1Apps.Deployment d, V1Apps.ReplicaSet rs, int to, long revision) {
    int replicas = Fenceposts.replicas(d);
    Meta.ObjectMeta.Builder m = rs.getMetadata().toBuilder()
        .putAnnotations(DeploymentController.DESIRED_REPLICAS, Integer.toString(replicas))
        .putAnnotations(DeploymentController.MAX_REPLICAS, Integer.toString(replicas + Fenceposts.maxSurge(d)));
    if (revision > 0) {
      long had = parse(rs.getMetadata().getAnnotationsOrDefault(DeploymentController.REVISION, "0"));
      if (had < revision) {
        m.putAnnotations(DeploymentController.REVISION, Long.toString(revision));
      }
    }
    int from = rs.getSpec().getReplicas();
    boolean annotationsChanged = !m.getAnnotationsMap().equals(rs.getMetadata().getAnnotationsMap());
    if (from == to && !annotationsChanged) {
      return rs;
    }
    V1Apps.ReplicaSet updated = client.replicaSets(rs.getMetadata().getNamespace()).update(rs.toBuilder()
        .setMetadata(m).setSpec(rs.getSpec().toBuilder().setReplicas(to)).build());
    if (from != to) {
      recorder.normal(d, "ScalingReplicaSet", "Scaled " + (from < to ? "up" : "down") + " replica set "
          + rs.getMetadata().getName() + " from " + from + " to " + to);
    }
    return updated;
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
