package windlass.scheduler.plugins.podtopologyspread;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import windlass.client.LabelSelector;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Taints;
import windlass.scheduler.plugins.nodeaffinity.NodeSelectorTerms;

/**
 * One topology spread constraint, ready to evaluate: the selector includes the pod's values of matchLabelKeys;
 * minDomains defaults to 1, nodeAffinityPolicy to Honor and nodeTaintsPolicy to Ignore, as upstream.
 */
record SpreadConstraint(int maxSkew, String topologyKey, boolean doNotSchedule, LabelSelector selector,
    int minDomains, boolean honorNodeAffinity, boolean honorNodeTaints) {
  static final String HOSTNAME = "kubernetes.io/hostname";
  static final String ZONE = "topology.kubernetes.io/zone";

  static SpreadConstraint of(V1.TopologySpreadConstraint c, V1.Pod pod) {
    Meta.LabelSelector.Builder sel = c.getLabelSelector().toBuilder();
    for (String key : c.getMatchLabelKeysList()) {
      String v = pod.getMetadata().getLabelsMap().get(key);
      if (v != null) {
        sel.addMatchExpressions(Meta.LabelSelectorRequirement.newBuilder().setKey(key).setOperator("In")
            .addValues(v));
      }
    }
    LabelSelector matcher = c.hasLabelSelector() || sel.getMatchExpressionsCount() > 0
        ? LabelSelector.fromProto(sel.build()) : LabelSelector.nothing();
    // Interned like NodeInfo's label keys, so per-node label lookups compare keys by identity.
    return new SpreadConstraint(c.getMaxSkew(), c.getTopologyKey().intern(),
        !c.getWhenUnsatisfiable().equals("ScheduleAnyway"), matcher, c.hasMinDomains() ? c.getMinDomains() : 1,
        !c.getNodeAffinityPolicy().equals("Ignore"), c.getNodeTaintsPolicy().equals("Honor"));
  }

  /** The pod's own constraints whose whenUnsatisfiable is DoNotSchedule ({@code true}) or ScheduleAnyway. */
  static List<SpreadConstraint> ofPod(V1.Pod pod, boolean doNotSchedule) {
    List<SpreadConstraint> out = new ArrayList<>();
    for (V1.TopologySpreadConstraint c : pod.getSpec().getTopologySpreadConstraintsList()) {
      SpreadConstraint sc = of(c, pod);
      if (sc.doNotSchedule() == doNotSchedule) {
        out.add(sc);
      }
    }
    return out;
  }

  /** Whether the node counts as a domain for this constraint (nodeAffinityPolicy, nodeTaintsPolicy). */
  boolean includes(V1.Pod pod, NodeInfo node) {
    if (honorNodeAffinity && NodeSelectorTerms.hasNodeRequirements(pod)
        && !NodeSelectorTerms.podMatchesNodeRequirements(pod, node.node())) {
      return false;
    }
    if (honorNodeTaints && !node.taints().isEmpty() && Taints.firstUntolerated(node.taints(), pod.getSpec()
        .getTolerationsList(), t -> t.getEffect().equals(Taints.NO_SCHEDULE)
            || t.getEffect().equals(Taints.NO_EXECUTE)).isPresent()) {
      return false;
    }
    return true;
  }

  /** The pods on the node in the pod's namespace that the selector matches, leaving out terminating ones. */
  int countMatching(NodeInfo node, String namespace) {
    return node.countPods(namespace, selector);
  }

  static boolean nodeHasAllKeys(NodeInfo node, List<SpreadConstraint> constraints) {
    Map<String, String> labels = node.labels();
    for (SpreadConstraint c : constraints) {
      if (!labels.containsKey(c.topologyKey())) {
        return false;
      }
    }
    return true;
  }
}
