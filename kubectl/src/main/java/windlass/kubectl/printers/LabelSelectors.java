package windlass.kubectl.printers;

import io.kubernetes.client.proto.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label maps and selectors as upstream writes them: {@code app=web,tier=front}, {@code env in (a,b)}, {@code !key}. */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** upstream {@code labels.FormatLabels}: sorted {@code k=v} pairs, {@code <none>} when empty. */
  public static String formatLabels(Map<String, String> labels) {
    String s = selectorString(labels);
    return s.isEmpty() ? "<none>" : s;
  }

  /** Equality requirements sorted by key, comma-joined: the selector string of a label map ("" when empty). */
  public static String selectorString(Map<String, String> labels) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /**
   * upstream {@code LabelSelectorAsSelector(...).String()}: requirements sorted by key, each as {@code k=v},
   * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k} or {@code !k}; "" for an empty selector.
   */
  public static String toString(Meta.LabelSelector selector) {
    TreeMap<String, List<String>> byKey = new TreeMap<>();
    List<String[]> reqs = new ArrayList<>();
    selector.getMatchLabelsMap().forEach((k, v) -> reqs.add(new String[] {k, k + "=" + v}));
    for (Meta.LabelSelectorRequirement r : selector.getMatchExpressionsList()) {
      List<String> values = new ArrayList<>(r.getValuesList());
      values.sort(null);
      String vs = "(" + String.join(",", values) + ")";
      String text = switch (r.getOperator()) {
        case "In" -> r.getKey() + " in " + vs;
        case "NotIn" -> r.getKey() + " notin " + vs;
        case "Exists" -> r.getKey();
        case "DoesNotExist" -> "!" + r.getKey();
        default -> r.getKey() + " " + r.getOperator() + " " + vs;
      };
      reqs.add(new String[] {r.getKey(), text});
    }
    for (String[] r : reqs) {
      byKey.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
    }
    List<String> out = new ArrayList<>();
    byKey.values().forEach(out::addAll);
    return String.join(",", out);
  }

  /** upstream {@code metav1.FormatLabelSelector}: as {@link #toString} but {@code <none>} when empty. */
  public static String format(Meta.LabelSelector selector) {
    String s = toString(selector);
    return s.isEmpty() ? "<none>" : s;
  }
}
