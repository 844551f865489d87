package windlass.kubelet.pod;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import windlass.cri.v1.Container;
import windlass.cri.v1.PodSandbox;
import windlass.crishim.CriRuntime;

/**
 * The pod lifecycle event generator by relisting (containerd 1.6 has no GetContainerEvents): each {@link #relist()}
 * lists this node's sandboxes and all containers once and reports every pod uid whose set of sandboxes, containers
 * or their states changed since the last relist. The kubelet calls it every second.
 */
public final class Pleg {
  private final CriRuntime cri;
  private final String nodeName;
  private final Consumer<String> onChange;
  private Map<String, String> last = Map.of();

  public Pleg(CriRuntime cri, String nodeName, Consumer<String> onChange) {
    this.cri = cri;
    this.nodeName = nodeName;
    this.onChange = onChange;
  }

  public synchronized void relist() {
    Map<String, TreeMap<String, String>> state = new HashMap<>();
    for (PodSandbox s : cri.listPodSandbox(Map.of(CriLabels.NODE_NAME, nodeName))) {
      String uid = s.getLabelsOrDefault(CriLabels.POD_UID, "");
      state.computeIfAbsent(uid, u -> new TreeMap<>()).put("s/" + s.getId(), s.getState().name());
    }
    for (Container c : cri.listContainers(Map.of())) {
      String uid = c.getLabelsOrDefault(CriLabels.POD_UID, "");
      TreeMap<String, String> m = state.get(uid);
      if (m != null) {
        m.put("c/" + c.getId(), c.getState().name());
      }
    }
    Map<String, String> now = new HashMap<>();
    state.forEach((uid, m) -> now.put(uid, m.toString()));
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (!Objects.equals(last.get(e.getKey()), e.getValue())) {
        onChange.accept(e.getKey());
      }
    }
    for (String uid : last.keySet()) {
      if (!now.containsKey(uid)) {
        onChange.accept(uid);
      }
    }
    last = now;
  }
}
