package windlass.scheduler.plugins.volumebinding;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;

/**
 * Whether a node satisfies a PersistentVolume's {@code spec.nodeAffinity.required}: any term matches, a term matches
 * when all its matchExpressions (on labels) and matchFields (on {@code metadata.name}) do; a term with neither
 * matches nothing (upstream's nodeSelectorTerm semantics).
 */
final class VolumeNodeAffinity {
  private VolumeNodeAffinity() {}

  static boolean allows(V1.PersistentVolume pv, V1.Node node) {
    if (!pv.getSpec().hasNodeAffinity() || !pv.getSpec().getNodeAffinity().hasRequired()) {
      return true;
    }
    List<V1.NodeSelectorTerm> terms = pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTermsList();
    Map<String, String> labels = node.getMetadata().getLabelsMap();
    Map<String, String> fields = Map.of("metadata.name", node.getMetadata().getName());
    for (V1.NodeSelectorTerm t : terms) {
      if (t.getMatchExpressionsCount() + t.getMatchFieldsCount() == 0) {
        continue;
      }
      if (t.getMatchExpressionsList().stream().allMatch(r -> matches(r, labels))
          && t.getMatchFieldsList().stream().allMatch(r -> matches(r, fields))) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(V1.NodeSelectorRequirement r, Map<String, String> values) {
    String v = values.get(r.getKey());
    return switch (r.getOperator()) {
      case "In" -> v != null && r.getValuesList().contains(v);
      case "NotIn" -> v == null || !r.getValuesList().contains(v);
      case "Exists" -> v != null;
      case "DoesNotExist" -> v == null;
      case "Gt", "Lt" -> v != null && r.getValuesCount() == 1 && compare(v, r.getValues(0), r.getOperator());
      default -> false;
    };
  }

  private static boolean compare(String value, String bound, String op) {
    try {
      long a = Long.parseLong(value);
      long b = Long.parseLong(bound);
      return op.equals("Gt") ? a > b : a < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
