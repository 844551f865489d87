package windlass.scheduler.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import windlass.scheduler.framework.NodeInfo;

/** The schedulable nodes at the start of one scheduling cycle, by name, in name order. Immutable. */
public final class Snapshot {
  private final List<NodeInfo> nodes;
  /** Built on the first lookup by name: most cycles only walk the list. */
  private Map<String, NodeInfo> byName;

  public Snapshot(List<NodeInfo> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  public List<NodeInfo> nodes() {
    return nodes;
  }

  public synchronized Optional<NodeInfo> get(String name) {
    if (byName == null) {
      byName = new LinkedHashMap<>();
      nodes.forEach(n -> byName.put(n.name(), n));
    }
    return Optional.ofNullable(byName.get(name));
  }

  public int size() {
    return nodes.size();
  }
}
