package windlass.apiserver.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 6902 JSON patch over the codec's trees: add, remove, replace, move, copy, test, with RFC 6901 pointers
 * ("~1" is '/', "~0" is '~', "-" appends to an array). Failures are {@link IllegalArgumentException}s saying which
 * operation failed and why.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** The document with every operation applied in order; the input is not modified. */
  public static Object apply(Object document, Object patch) {
    if (!(patch instanceof List<?> ops)) {
      throw new IllegalArgumentException("a JSON patch must be an array of operations");
    }
    Object doc = deepCopy(document);
    for (int i = 0; i < ops.size(); i++) {
      if (!(ops.get(i) instanceof Map<?, ?> op)) {
        throw new IllegalArgumentException("operation " + i + " is not an object");
      }
      String kind = string(op, "op", i);
      String path = string(op, "path", i);
      doc = switch (kind) {
        case "add" -> {
          require(doc, parentOf(path), "add operation does not apply: doc is missing path: \"" + path
              + "\": missing value");
          yield add(doc, path, deepCopy(value(op, i)));
        }
        case "remove" -> {
          require(doc, parentOf(path), "remove operation does not apply: doc is missing path: \"" + path
              + "\": missing value");
          require(doc, path, "error in remove for path: '" + path + "': Unable to remove nonexistent key: "
              + lastToken(path) + ": missing value");
          yield remove(doc, path, i);
        }
        case "replace" -> {
          require(doc, path, "replace operation does not apply: doc is missing key: " + path + ": missing value");
          yield add(remove(doc, path, i), path, deepCopy(value(op, i)));
        }
        case "move" -> {
          String from = string(op, "from", i);
          Object moved = require(doc, from, "move operation does not apply: doc is missing from path: " + from
              + ": missing value");
          require(doc, parentOf(path), "move operation does not apply: doc is missing destination path: " + path
              + ": missing value");
          yield add(remove(doc, from, i), path, moved);
        }
        case "copy" -> {
          String from = string(op, "from", i);
          Object copied = require(doc, from, "copy operation does not apply: doc is missing from path: " + from
              + ": missing value");
          require(doc, parentOf(path), "copy operation does not apply: doc is missing destination path: " + path
              + ": missing value");
          yield add(doc, path, deepCopy(copied));
        }
        case "test" -> {
          require(doc, parentOf(path), "test operation does not apply: is missing path: " + path + ": missing value");
          Object actual;
          try {
            actual = get(doc, path, i);
          } catch (IllegalArgumentException missing) {
            actual = null;
          }
          if (!Objects.equals(normalize(actual), normalize(value(op, i)))) {
            throw new IllegalArgumentException("testing value " + path + " failed: test failed");
          }
          yield doc;
        }
        default -> throw new IllegalArgumentException("Unexpected kind: " + kind);
      };
    }
    return doc;
  }

  /** The value at {@code pointer}, or an error with {@code message} (evanphx/json-patch's wording). */
  private static Object require(Object doc, String pointer, String message) {
    try {
      return get(doc, pointer, -1);
    } catch (IllegalArgumentException missing) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String lastToken(String pointer) {
    List<String> ts = tokens(pointer);
    return ts.isEmpty() ? "" : ts.get(ts.size() - 1);
  }

  private static String string(Map<?, ?> op, String field, int i) {
    if (!(op.get(field) instanceof String s)) {
      throw new IllegalArgumentException("operation " + i + " is missing its \"" + field + "\" string");
    }
    return s;
  }

  private static Object value(Map<?, ?> op, int i) {
    if (!op.containsKey("value")) {
      throw new IllegalArgumentException("operation " + i + " is missing its \"value\"");
    }
    return op.get("value");
  }

  private static List<String> tokens(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("path \"" + pointer + "\" is not a JSON pointer");
    }
    List<String> out = new ArrayList<>();
    for (String t : pointer.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static Object get(Object doc, String pointer, int i) {
    Object cur = doc;
    for (String t : tokens(pointer)) {
      cur = child(cur, t, pointer, i);
    }
    return cur;
  }

  private static Object child(Object node, String token, String pointer, int i) {
    if (node instanceof Map<?, ?> m && m.containsKey(token)) {
      return m.get(token);
    }
    if (node instanceof List<?> l) {
      int idx = index(token, l.size() - 1, pointer);
      return l.get(idx);
    }
    throw new IllegalArgumentException("operation " + i + ": path " + pointer + " does not exist");
  }

  @SuppressWarnings("unchecked")
  private static Object add(Object doc, String pointer, Object value) {
    List<String> ts = tokens(pointer);
    if (ts.isEmpty()) {
      return value;
    }
    Object parent = get(doc, parentOf(pointer), -1);
    String last = ts.get(ts.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(last, value);
    } else if (parent instanceof List<?> l) {
      int idx = last.equals("-") ? l.size() : index(last, l.size(), pointer);
      ((List<Object>) l).add(idx, value);
    } else {
      throw new IllegalArgumentException("path " + pointer + ": the parent is not an object or array");
    }
    return doc;
  }

  private static Object remove(Object doc, String pointer, int i) {
    List<String> ts = tokens(pointer);
    if (ts.isEmpty()) {
      return null;
    }
    Object parent = get(doc, parentOf(pointer), i);
    String last = ts.get(ts.size() - 1);
    if (parent instanceof Map<?, ?> m && m.containsKey(last)) {
      m.remove(last);
    } else if (parent instanceof List<?> l) {
      l.remove(index(last, l.size() - 1, pointer));
    } else {
      throw new IllegalArgumentException("operation " + i + ": unable to remove nonexistent key: " + last
          + ": missing value");
    }
    return doc;
  }

  private static String parentOf(String pointer) {
    return pointer.isEmpty() ? "" : pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
  }

  private static int index(String token, int max, String pointer) {
    try {
      int idx = Integer.parseInt(token);
      if (idx < 0 || idx > max) {
        throw new NumberFormatException();
      }
      return idx;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("path " + pointer + ": index " + token + " is out of bounds");
    }
  }

  /** Numbers compare by value whatever their Java type. */
  private static Object normalize(Object v) {
    if (v instanceof Number n) {
      return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, normalize(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(JsonPatch::normalize).toList();
    }
    return v;
  }

  private static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, deepCopy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(deepCopy(x)));
      return out;
    }
    return v;
  }
}
