package windlass.scheduler.testing;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import windlass.scheduler.framework.NodeInfo;

/** NodeInfos for plugin tests. */
public final class NodeInfos {
  private NodeInfos() {}

  /** One NodeInfo per node, in order, each with the pods whose spec.nodeName names it. */
  public static List<NodeInfo> of(List<V1.Node> nodes, List<V1.Pod> pods) {
    List<NodeInfo> out = new ArrayList<>();
    for (V1.Node n : nodes) {
      out.add(new NodeInfo(n, pods.stream().filter(p -> p.getSpec().getNodeName().equals(n.getMetadata()
          .getName())).toList()));
    }
    return out;
  }
}
