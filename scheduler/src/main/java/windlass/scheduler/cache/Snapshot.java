package windlass.scheduler.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import windlass.scheduler.framework.NodeInfo;

/** The schedulable nodes at the start of one scheduling cycle, by name, in name order. Immutable. */
public final class Snapshot {
  private final List<NodeInfo> nodes;
  /** Node name to position in {@link #nodes}; shared by successive snapshots of the same node set. */
  private final Map<String, Integer> index;

  public Snapshot(List<NodeInfo> nodes) {
    this.nodes = List.copyOf(nodes);
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < this.nodes.size(); i++) {
      idx.put(this.nodes.get(i).name(), i);
    }
    this.index = idx;
  }

  /** A snapshot of the same node set as {@code previous}, with some NodeInfos replaced. */
  Snapshot(Snapshot previous, NodeInfo[] nodes) {
    this.nodes = List.of(nodes);
    this.index = previous.index;
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

  public int size() {
    return nodes.size();
  }
}
