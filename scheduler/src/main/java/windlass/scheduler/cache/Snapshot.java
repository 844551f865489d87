package windlass.scheduler.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.NodeInfo;

/** The schedulable nodes at the start of one scheduling cycle, by name, in name order. Immutable. */
public final class Snapshot {
  private final List<NodeInfo> nodes;
  /** Node name to position in {@link #nodes}; shared by successive snapshots of the same node set. */
  private final Map<String, Integer> index;
  /** How many nodes hold pods with pod (anti-)affinity / with required anti-affinity (upstream's HavePodsWith*). */
  private final int withAffinity;
  private final int withRequiredAntiAffinity;

  public Snapshot(List<NodeInfo> nodes) {
    this.nodes = List.copyOf(nodes);
    this.withAffinity = AllNodes.count(this.nodes, false);
    this.withRequiredAntiAffinity = AllNodes.count(this.nodes, true);
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < this.nodes.size(); i++) {
      idx.put(this.nodes.get(i).name(), i);
    }
    this.index = idx;
  }

  /**
   * A snapshot of the same node set as {@code previous}, with some NodeInfos replaced; the counts of nodes with
   * (anti-)affinity pods are the previous ones adjusted by the caller for the replaced nodes.
   */
  Snapshot(Snapshot previous, NodeInfo[] nodes, int withAffinity, int withRequiredAntiAffinity) {
    this.nodes = List.of(nodes);
    this.index = previous.index;
    this.withAffinity = withAffinity;
    this.withRequiredAntiAffinity = withRequiredAntiAffinity;
  }

  public List<NodeInfo> nodes() {
    return nodes;
  }

  public Optional<NodeInfo> get(String name) {
    Integer i = index.get(name);
    return i == null ? Optional.empty() : Optional.of(nodes.get(i));
  }

  int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /** Every node, with the affinity counts, as plugins read them from the CycleState. */
  public AllNodes allNodes() {
    return new AllNodes(nodes, withAffinity, withRequiredAntiAffinity);
  }

  int withAffinity() {
    return withAffinity;
  }

  int withRequiredAntiAffinity() {
    return withRequiredAntiAffinity;
  }

  public int size() {
    return nodes.size();
  }
}
