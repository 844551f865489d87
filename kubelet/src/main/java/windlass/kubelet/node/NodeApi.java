package windlass.kubelet.node;

import io.kubernetes.client.proto.V1;
import java.util.Optional;

/** What node registration and heartbeats ask of the apiserver. Over a WindlassClient in the kubelet. */
public interface NodeApi {
  Optional<V1.Node> get(String name);

  /** Fails with ApiException ALREADY_EXISTS when a node of that name exists. */
  V1.Node create(V1.Node node);

  V1.Node update(V1.Node node);

  V1.Node updateStatus(V1.Node node);
}
