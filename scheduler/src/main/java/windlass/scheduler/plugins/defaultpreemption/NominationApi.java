package windlass.scheduler.plugins.defaultpreemption;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import windlass.client.ApiException;
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
    Meta.ObjectMeta m = pod.getMetadata();
    V1.Pod cur = pod;
    for (int attempt = 0; ; attempt++) {
      if (!cur.getMetadata().getUid().equals(m.getUid()) || cur.getStatus().getNominatedNodeName().isEmpty()) {
        return;
      }
      try {
        client.pods(m.getNamespace()).updateStatus(
            cur.toBuilder().setStatus(cur.getStatus().toBuilder().clearNominatedNodeName()).build());
        return;
      } catch (ApiException e) {
        if (e.code() == Code.NOT_FOUND) {
          return;
        }
        if (e.code() != Code.ABORTED || attempt >= 2) {
          throw e;
        }
      }
      try {
        cur = client.pods(m.getNamespace()).get(m.getName());
      } catch (ApiException e) {
        if (e.code() == Code.NOT_FOUND) {
          return;
        }
        throw e;
      }
    }
  }
}
