package windlass.scheduler.cache;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import windlass.scheduler.framework.NodeInfo;

/**
 * Nodes and the pods bound (or assumed) to them, as upstream's scheduler cache.
 *
 * <p>Assumed pods: once the scheduler picks a node it {@link #assumePod assumes} the pod there at once, so the next
 * cycle counts its requests; binding runs in the background. The informer's add of the bound pod confirms it
 * ({@link #addPod}); a failed binding {@link #forgetPod forgets} it. A pod may arrive before its node (it is kept
 * and counted once the node appears).
 *
 * <p>Only nodes whose Ready condition is True are offered in {@link #snapshot()}; the rest are kept but not
 * counted ("0/N nodes" counts ready nodes).
 */
public final class SchedulerCache {
  private record PodState(V1.Pod pod, boolean assumed, boolean bindingFinished) {}

  private static final class NodeState {
    V1.Node node;
    /** The node's Ready condition is True (computed when the node changes, not on every snapshot). */
    boolean ready;
    final Map<String, V1.Pod> pods = new LinkedHashMap<>();
    NodeInfo info;
    /** The last NodeInfo built, kept when {@link #info} is dropped: a rebuild for the same Node object reuses it. */
    NodeInfo built;

    NodeInfo info() {
      if (info == null) {
        info = NodeInfo.of(node, pods.values(), built);
        built = info;
      }
      return info;
    }
  }

  private final Map<String, NodeState> nodes = new TreeMap<>();
  private final Map<String, PodState> pods = new HashMap<>();
  /**
   * The last snapshot, and what changed since: a node added, changed or removed rebuilds it; pods placed or removed
   * replace only their nodes' NodeInfos (upstream's incremental UpdateSnapshot), so a cycle does not cost O(nodes).
   */
  private Snapshot last;
  private boolean nodeSetChanged = true;
  private final Set<String> changedNodes = new HashSet<>();

  static String key(V1.Pod pod) {
    String uid = pod.getMetadata().getUid();
    return uid.isEmpty() ? pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() : uid;
  }

  public synchronized void addNode(V1.Node node) {
    NodeState s = nodes.computeIfAbsent(node.getMetadata().getName(), n -> new NodeState());
    boolean ready = NodeConditions.isReady(node);
    if (s.node != null && s.ready == ready) {
      changedNodes.add(node.getMetadata().getName()); // same node set: only its NodeInfo changes
    } else {
      nodeSetChanged = true;
    }
    s.node = node;
    s.ready = ready;
    s.info = null;
  }

  public void updateNode(V1.Node node) {
    addNode(node);
  }

  /** Forgets the node; pods still bound to it are kept until they are deleted. */
  public synchronized void removeNode(V1.Node node) {
    NodeState s = nodes.get(node.getMetadata().getName());
    if (s == null) {
      return;
    }
    nodeSetChanged = true;
    if (s.pods.isEmpty()) {
      nodes.remove(node.getMetadata().getName());
    } else {
      s.node = null;
      s.info = null;
    }
  }

  /** Counts {@code pod} (whose spec.nodeName is set) on its node before the binding is confirmed. */
  public synchronized void assumePod(V1.Pod pod) {
    String k = key(pod);
    if (pods.containsKey(k)) {
      throw new IllegalStateException("pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
          + " is already in the scheduler cache");
    }
    place(pod);
    pods.put(k, new PodState(pod, true, false));
  }

  /** The binding call returned; the pod stays assumed until the informer confirms it. */
  public synchronized void finishBinding(V1.Pod pod) {
    PodState s = pods.get(key(pod));
    if (s != null && s.assumed()) {
      pods.put(key(pod), new PodState(s.pod(), true, true));
    }
  }

  /** Drops an assumed pod whose binding failed. */
  public synchronized void forgetPod(V1.Pod pod) {
    PodState s = pods.get(key(pod));
    if (s != null && s.assumed()) {
      unplace(s.pod());
      pods.remove(key(pod));
    }
  }

  public synchronized boolean isAssumed(V1.Pod pod) {
    PodState s = pods.get(key(pod));
    return s != null && s.assumed();
  }

  /** A bound pod seen by the informer: confirms an assumed one (wherever it was assumed) or adds it. */
  public synchronized void addPod(V1.Pod pod) {
    PodState s = pods.get(key(pod));
    if (s != null) {
      unplace(s.pod());
    }
    place(pod);
    pods.put(key(pod), new PodState(pod, false, false));
  }

  public void updatePod(V1.Pod oldPod, V1.Pod newPod) {
    addPod(newPod);
  }

  public synchronized void removePod(V1.Pod pod) {
    PodState s = pods.remove(key(pod));
    if (s != null) {
      unplace(s.pod());
    }
  }

  public synchronized int podCount() {
    return pods.size();
  }

  /** The ready nodes with their pods, in name order. */
  public synchronized Snapshot snapshot() {
    if (last != null && !nodeSetChanged) {
      if (!changedNodes.isEmpty()) {
        NodeInfo[] infos = last.nodes().toArray(new NodeInfo[0]);
        int withAffinity = last.withAffinity();
        int withAnti = last.withRequiredAntiAffinity();
        for (String name : changedNodes) {
          int i = last.indexOf(name);
          NodeState s = nodes.get(name);
          if (i >= 0 && s != null && s.node != null) {
            NodeInfo info = s.info();
            withAffinity += has(info.podsWithAffinity()) - has(infos[i].podsWithAffinity());
            withAnti += has(info.podsWithRequiredAntiAffinity()) - has(infos[i].podsWithRequiredAntiAffinity());
            infos[i] = info;
          }
        }
        last = new Snapshot(last, infos, withAffinity, withAnti);
        changedNodes.clear();
      }
      return last;
    }
    last = fullSnapshot();
    nodeSetChanged = false;
    changedNodes.clear();
    return last;
  }

  private static int has(List<V1.Pod> pods) {
    return pods.isEmpty() ? 0 : 1;
  }

  private Snapshot fullSnapshot() {
    List<NodeInfo> out = new ArrayList<>();
    for (NodeState s : nodes.values()) {
      if (s.node == null || !s.ready) {
        continue;
      }
      out.add(s.info());
    }
    return new Snapshot(out);
  }

  private void place(V1.Pod pod) {
    String node = pod.getSpec().getNodeName();
    NodeState s = nodes.computeIfAbsent(node, n -> new NodeState());
    s.pods.put(key(pod), pod);
    s.info = null;
    changedNodes.add(node);
  }

  private void unplace(V1.Pod pod) {
    String node = pod.getSpec().getNodeName();
    NodeState s = nodes.get(node);
    if (s == null) {
      return;
    }
    s.pods.remove(key(pod));
    s.info = null;
    changedNodes.add(node);
    if (s.node == null && s.pods.isEmpty()) {
      nodes.remove(node);
    }
  }
}
