package windlass.client.testing;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import windlass.client.ObjectMetas;

/**
 * The label and field selector strings of list and watch calls, as the fake apiserver understands them: labels
 * {@code k=v, k==v, k!=v, k, !k, k in (a,b), k notin (a,b)}; fields {@code path=v, path==v, path!=v} where path is a
 * dotted path of upstream JSON field names ({@code spec.nodeName}, {@code status.phase}, {@code metadata.name}).
 */
final class Selectors {
  private Selectors() {}

  static Predicate<Map<String, String>> labels(String selector) {
    List<Predicate<Map<String, String>>> reqs = new ArrayList<>();
    for (String part : splitTop(selector)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int in = p.indexOf(" in ");
      int notin = p.indexOf(" notin ");
      if (notin > 0 || in > 0) {
        boolean negate = notin > 0;
        String key = p.substring(0, negate ? notin : in).trim();
        String rest = p.substring(p.indexOf('(') + 1, p.lastIndexOf(')'));
        Set<String> values = new TreeSet<>();
        Arrays.stream(rest.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add);
        reqs.add(negate ? l -> !values.contains(l.get(key)) : l -> values.contains(l.get(key)));
      } else if (p.contains("!=")) {
        String[] kv = p.split("!=", 2);
        reqs.add(l -> !kv[1].trim().equals(l.get(kv[0].trim())));
      } else if (p.contains("=")) {
        String[] kv = p.split("==?", 2);
        reqs.add(l -> kv[1].trim().equals(l.get(kv[0].trim())));
      } else if (p.startsWith("!")) {
        String k = p.substring(1).trim();
        reqs.add(l -> !l.containsKey(k));
      } else {
        reqs.add(l -> l.containsKey(p));
      }
    }
    return l -> reqs.stream().allMatch(r -> r.test(l));
  }

  static Predicate<Message> fields(String selector) {
    List<Predicate<Message>> reqs = new ArrayList<>();
    for (String part : selector.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      boolean negate = p.contains("!=");
      String[] kv = negate ? p.split("!=", 2) : p.split("==?", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("invalid field selector \"" + p + "\"");
      }
      String path = kv[0].trim();
      String want = kv[1].trim();
      reqs.add(o -> negate != want.equals(fieldValue(o, path)));
    }
    return o -> reqs.stream().allMatch(r -> r.test(o));
  }

  static boolean matches(Message obj, String labelSelector, String fieldSelector) {
    return labels(labelSelector).test(ObjectMetas.of(obj).getLabelsMap()) && fields(fieldSelector).test(obj);
  }

  private static String fieldValue(Message obj, String path) {
    Object cur = obj;
    for (String name : path.split("\\.")) {
      if (!(cur instanceof Message m)) {
        return "";
      }
      FieldDescriptor f = m.getDescriptorForType().getFields().stream()
          .filter(fd -> fd.getJsonName().equals(name) || fd.getName().equals(name)).findFirst().orElse(null);
      if (f == null || f.isRepeated()) {
        throw new IllegalArgumentException("field label not supported: " + path);
      }
      cur = m.getField(f);
    }
    return String.valueOf(cur);
  }

  /** Splits on commas outside parentheses. */
  private static List<String> splitTop(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }
}
