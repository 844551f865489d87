package windlass.scheduler.plugins.nodeaffinity;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;

/**
 * Matches nodes against node selector terms, as upstream's nodeaffinity helpers: the terms of a NodeSelector are
 * ORed; inside one term matchExpressions (on labels) and matchFields (only {@code metadata.name}) are ANDed, with
 * the operators In, NotIn, Exists, DoesNotExist, Gt and Lt. A term with neither matches no node; an expression
 * upstream's validation would reject (unknown operator, Gt without one integer) makes its term match no node.
 */
public final class NodeSelectorTerms {
  private NodeSelectorTerms() {}

  /** Whether {@code node} matches at least one of {@code terms} (an empty list matches nothing). */
  public static boolean matchesAny(List<V1.NodeSelectorTerm> terms, V1.Node node) {
    for (V1.NodeSelectorTerm t : terms) {
      if (matches(t, node)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code node} matches every expression and field of {@code term}; an empty term matches nothing. */
  public static boolean matches(V1.NodeSelectorTerm term, V1.Node node) {
    if (term.getMatchExpressionsCount() == 0 && term.getMatchFieldsCount() == 0) {
      return false;
    }
    Map<String, String> labels = node.getMetadata().getLabelsMap();
    for (V1.NodeSelectorRequirement r : term.getMatchExpressionsList()) {
      if (!requirement(r, labels.get(r.getKey()))) {
        return false;
      }
    }
    for (V1.NodeSelectorRequirement r : term.getMatchFieldsList()) {
      if (!r.getKey().equals("metadata.name")) {
        return false;
      }
      if (!r.getOperator().equals("In") && !r.getOperator().equals("NotIn")) {
        return false;
      }
      if (!requirement(r, node.getMetadata().getName())) {
        return false;
      }
    }
    return true;
  }

  /** One requirement against the value the node has ({@code null} when it has no such label). */
  static boolean requirement(V1.NodeSelectorRequirement r, String value) {
    return switch (r.getOperator()) {
      case "In" -> value != null && r.getValuesList().contains(value);
      case "NotIn" -> value == null || !r.getValuesList().contains(value);
      case "Exists" -> r.getValuesCount() == 0 && value != null;
      case "DoesNotExist" -> r.getValuesCount() == 0 && value == null;
      case "Gt", "Lt" -> compares(r, value);
      default -> false;
    };
  }

  private static boolean compares(V1.NodeSelectorRequirement r, String value) {
    if (value == null || r.getValuesCount() != 1) {
      return false;
    }
    try {
      long have = Long.parseLong(value);
      long want = Long.parseLong(r.getValues(0));
      return r.getOperator().equals("Gt") ? have > want : have < want;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Upstream's RequiredNodeAffinity: the pod's spec.nodeSelector (every label must match) and its required node
   * affinity terms (one must match). True when the pod has neither.
   */
  public static boolean podMatchesNodeRequirements(V1.Pod pod, V1.Node node) {
    Map<String, String> want = pod.getSpec().getNodeSelectorMap();
    if (!want.isEmpty()) {
      Map<String, String> labels = node.getMetadata().getLabelsMap();
      for (Map.Entry<String, String> e : want.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    V1.NodeAffinity na = pod.getSpec().getAffinity().getNodeAffinity();
    if (na.hasRequiredDuringSchedulingIgnoredDuringExecution()) {
      return matchesAny(na.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTermsList(), node);
    }
    return true;
  }

  /** Whether the pod has a nodeSelector or required node affinity at all. */
  public static boolean hasNodeRequirements(V1.Pod pod) {
    return pod.getSpec().getNodeSelectorCount() > 0
        || pod.getSpec().getAffinity().getNodeAffinity().hasRequiredDuringSchedulingIgnoredDuringExecution();
  }
}
