package windlass.scheduler.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import windlass.scheduler.framework.NodeInfo;

/** The schedulable nodes at the start of one scheduling cycle, by name, in name order. Immutable. */
public final class Snapshot {
  private final List<NodeInfo> nodes;
  private final Map<String, NodeInfo> byName = new LinkedHashMap<>();

  public Snapshot(List<NodeInfo> nodes) {
    this.nodes = List.copyOf(nodes);
    this.nodes.forEach(n -> byName.put(n.name(), n));
  }

  public List<NodeInfo> nodes() {
    return nodes;
  }

  public Optional<NodeInfo> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public int size() {
    return nodes.size();
  }
}
