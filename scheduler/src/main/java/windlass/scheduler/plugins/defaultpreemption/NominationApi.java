package windlass.scheduler.plugins.defaultpreemption;

import io.kubernetes.client.proto.V1;
import windlass.client.WindlassClient;

/**
 * Clears status.nominatedNodeName through the apiserver (a status update of the pod, rereading it on a conflict;
 * upstream patches the status). A pod without a nomination is left alone, as upstream's ClearNominatedNodeName.
 */
public final class NominationApi implements NominationClearer {
  private final WindlassClient client;

  public NominationApi(WindlassClient client) {
    this.client = client;
  }

  @Override
  public void clear(V1.Pod pod) {
    client.pods(pod.getMetadata().getNamespace()).updateStatusRetryingOnConflict(pod,
        cur -> cur.getStatus().getNominatedNodeName().isEmpty() ? null
            : cur.toBuilder().setStatus(cur.getStatus().toBuilder().clearNominatedNodeName()).build());
  }
}
