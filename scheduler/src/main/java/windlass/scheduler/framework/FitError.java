package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * No node fits the pod. The message is upstream's FitError.Error(), which users see in the FailedScheduling event and
 * the PodScheduled condition: {@code 0/3 nodes are available: <PreFilterMsg>. <count reason, ...>. <PostFilterMsg>.}
 * where the per-node reasons are counted and sorted as strings ("1 Insufficient cpu, 2 node(s) had untolerated
 * taint {node-role.kubernetes.io/control-plane: }").
 */
public final class FitError extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient V1.Pod pod;
  private final int numAllNodes;
  private final transient Diagnosis diagnosis;

  public FitError(V1.Pod pod, int numAllNodes, Diagnosis diagnosis) {
    super(message(numAllNodes, diagnosis));
    this.pod = pod;
    this.numAllNodes = numAllNodes;
    this.diagnosis = diagnosis;
  }

  public V1.Pod pod() {
    return pod;
  }

  public int numAllNodes() {
    return numAllNodes;
  }

  public Diagnosis diagnosis() {
    return diagnosis;
  }

  public FitError withPostFilterMsg(String msg) {
    return new FitError(pod, numAllNodes, diagnosis.withPostFilterMsg(msg));
  }

  static String message(int numAllNodes, Diagnosis d) {
    StringBuilder b = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
    if (!d.preFilterMsg().isEmpty()) {
      b.append(' ').append(d.preFilterMsg()).append('.');
    } else {
      Map<String, Integer> counts = new TreeMap<>();
      for (Status s : d.nodeToStatus().values()) {
        for (String r : s.reasons()) {
          counts.merge(r, 1, Integer::sum);
        }
      }
      List<String> histogram = new ArrayList<>();
      counts.forEach((reason, n) -> histogram.add(n + " " + reason));
      histogram.sort(null);
      if (!histogram.isEmpty()) {
        b.append(' ').append(String.join(", ", histogram)).append('.');
      }
    }
    if (!d.postFilterMsg().isEmpty()) {
      b.append(' ').append(d.postFilterMsg()).append('.');
    }
    return b.toString();
  }
}
