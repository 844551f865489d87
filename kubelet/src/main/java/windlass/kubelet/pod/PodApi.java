package windlass.kubelet.pod;

import io.kubernetes.client.proto.V1;
import java.util.Optional;

/** What pod workers ask of the apiserver. Over a WindlassClient in the kubelet, in memory in tests. */
public interface PodApi {
  /** The pod now, or empty when it is gone. */
  Optional<V1.Pod> get(String namespace, String name);

  /** Writes {@code pod.status} (the status subresource); returns the stored pod. */
  V1.Pod updateStatus(V1.Pod pod);

  /** Deletes the pod at once (grace period 0) if it is still the one with this uid; absent is fine. */
  void deleteNow(String namespace, String name, String uid);
}
