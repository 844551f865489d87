package windlass.apiserver.registry;

import io.kubernetes.client.proto.Meta;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values written as upstream's field errors print them (Go's {@code %#v}), so Invalid messages read byte-for-byte
 * as upstream's: {@code map[string]string{"app":"x"}}.
 */
public final class GoValues {
  private GoValues() {}

  public static String stringMap(Map<String, String> m) {
    if (m.isEmpty()) {
      return "map[string]string(nil)";
    }
    StringBuilder b = new StringBuilder("map[string]string{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
    }
    return b.append('}').toString();
  }

  public static String labelSelector(Meta.LabelSelector s) {
    StringBuilder b = new StringBuilder("v1.LabelSelector{MatchLabels:").append(stringMap(s.getMatchLabelsMap()))
        .append(", MatchExpressions:");
    if (s.getMatchExpressionsCount() == 0) {
      b.append("[]v1.LabelSelectorRequirement(nil)");
    } else {
      b.append("[]v1.LabelSelectorRequirement{");
      for (int i = 0; i < s.getMatchExpressionsCount(); i++) {
        Meta.LabelSelectorRequirement r = s.getMatchExpressions(i);
        if (i > 0) {
          b.append(", ");
        }
        b.append("v1.LabelSelectorRequirement{Key:").append(quote(r.getKey())).append(", Operator:")
            .append(quote(r.getOperator())).append(", Values:").append(strings(r.getValuesList())).append('}');
      }
      b.append('}');
    }
    return b.append('}').toString();
  }

  public static String strings(List<String> l) {
    if (l.isEmpty()) {
      return "[]string(nil)";
    }
    return "[]string{" + String.join(", ", l.stream().map(GoValues::quote).toList()) + "}";
  }

  public static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
