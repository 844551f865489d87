package windlass.client.testing;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import windlass.client.LabelSelector;
import windlass.client.ObjectMetas;

/**
 * The label and field selector strings of list and watch calls, as the fake apiserver understands them: labels as
 * {@link LabelSelector} parses them; fields {@code path=v, path==v, path!=v} where path is a dotted path of upstream
 * JSON field names ({@code spec.nodeName}, {@code status.phase}, {@code metadata.name}), for any kind.
 */
final class Selectors {
  private Selectors() {}

  static Predicate<Map<String, String>> labels(String selector) {
    return LabelSelector.parse(selector)::matches;
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
}
