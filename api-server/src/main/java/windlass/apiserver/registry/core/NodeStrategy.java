package windlass.apiserver.registry.core;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import java.util.Map;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/** Nodes as upstream: DNS-1123 subdomain names; a kubelet registers its node with status, so create keeps it. */
public final class NodeStrategy extends BaseStrategy<V1.Node> {
  public NodeStrategy() {
    super(Kinds.NODE, V1.Node.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected V1.Node resetForCreate(V1.Node node) {
    return node;
  }

  @Override
  public Map<String, String> selectableFields(Message obj) {
    return Map.of("spec.unschedulable", Boolean.toString(cast(obj).getSpec().getUnschedulable()));
  }
}
