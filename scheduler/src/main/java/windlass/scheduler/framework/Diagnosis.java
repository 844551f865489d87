package windlass.scheduler.framework;

import java.util.Map;
import java.util.Set;

/**
 * Why a pod fit no node: each node's rejecting status, the plugins that rejected, and the messages of PreFilter
 * (when it rejected the pod outright) and PostFilter (what preemption found).
 */
public record Diagnosis(Map<String, Status> nodeToStatus, Set<String> unschedulablePlugins, String preFilterMsg,
    String postFilterMsg) {
  public Diagnosis {
    nodeToStatus = Map.copyOf(nodeToStatus);
    unschedulablePlugins = Set.copyOf(unschedulablePlugins);
    preFilterMsg = preFilterMsg == null ? "" : preFilterMsg;
    postFilterMsg = postFilterMsg == null ? "" : postFilterMsg;
  }

  public Diagnosis withPostFilterMsg(String msg) {
    return new Diagnosis(nodeToStatus, unschedulablePlugins, preFilterMsg, msg);
  }
}
