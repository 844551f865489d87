package windlass.kubelet.pod;

import io.kubernetes.client.proto.V1;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import windlass.client.ApiException;

/**
 * Writes pod statuses through the {@link PodApi}, only when they changed since the last write for that pod, retrying
 * once on a Conflict with the pod read again. Remembers the last status written, which the next sync builds on.
 */
public final class StatusWriter {
  private static final Logger LOG = Logger.getLogger(StatusWriter.class.getName());
  private final PodApi api;
  private final Map<String, V1.PodStatus> written = new ConcurrentHashMap<>();

  public StatusWriter(PodApi api) {
    this.api = api;
  }

  /** The status last written for the pod, else the pod's own. */
  public V1.PodStatus last(V1.Pod pod) {
    return written.getOrDefault(pod.getMetadata().getUid(), pod.getStatus());
  }

  /** Returns true when it wrote. */
  public boolean write(V1.Pod pod, V1.PodStatus status) {
    String uid = pod.getMetadata().getUid();
    V1.PodStatus before = written.get(uid);
    if (status.equals(before != null ? before : pod.getStatus())) {
      written.putIfAbsent(uid, status);
      return false;
    }
    V1.Pod current = pod;
    for (int attempt = 0; ; attempt++) {
      try {
        api.updateStatus(current.toBuilder().setStatus(status).build());
        written.put(uid, status);
        return true;
      } catch (ApiException e) {
        if (e.code() == io.grpc.Status.Code.ABORTED && attempt == 0) {
          var fresh = api.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
          if (fresh.isEmpty() || !fresh.get().getMetadata().getUid().equals(uid)) {
            return false;
          }
          current = fresh.get();
          continue;
        }
        if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
          return false;
        }
        LOG.warning("status of pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
            + " not written: " + e.getMessage());
        throw e;
      }
    }
  }

  public void forget(String uid) {
    written.remove(uid);
  }
}
