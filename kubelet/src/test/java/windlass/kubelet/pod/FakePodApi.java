package windlass.kubelet.pod;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory status sink: keeps the pods, records status writes and deletions. */
final class FakePodApi implements PodApi {
  final Map<String, V1.Pod> pods = new ConcurrentHashMap<>();
  final List<V1.PodStatus> writes = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<String> deleted = java.util.Collections.synchronizedList(new ArrayList<>());

  void put(V1.Pod p) {
    pods.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
  }

  @Override
  public Optional<V1.Pod> get(String namespace, String name) {
    return Optional.ofNullable(pods.get(namespace + "/" + name));
  }

  @Override
  public V1.Pod updateStatus(V1.Pod pod) {
    writes.add(pod.getStatus());
    put(pod);
    return pod;
  }

  @Override
  public void deleteNow(String namespace, String name, String uid) {
    deleted.add(namespace + "/" + name + "/" + uid);
    pods.remove(namespace + "/" + name);
  }

  V1.PodStatus lastStatus() {
    synchronized (writes) {
      return writes.isEmpty() ? V1.PodStatus.getDefaultInstance() : writes.get(writes.size() - 1);
    }
  }
}
