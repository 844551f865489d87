package windlass.client.codec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML text to and from trees (see {@link Json} for the tree types).
 *
 * <p>Reading uses snakeyaml's safe constructor with the scalar rules of go-yaml v2, which upstream's
 * sigs.k8s.io/yaml uses to turn manifests into JSON: YAML 1.1 booleans ({@code yes/no/on/off/y/n} in their three
 * casings, besides {@code true/false}) are booleans, so {@code value: yes} in a string field fails exactly as it
 * does against a real API server and must be quoted; octal {@code 0644} is 420; timestamps stay strings;
 * sexagesimal {@code 22:22} stays a string; keys that read as numbers or booleans become their JSON text; duplicate
 * keys are an error. Errors carry line and column.
 *
 * <p>Writing follows {@code kubectl -o yaml} (go-yaml v2): block style, two-space indent, list items of a mapping
 * at the mapping's own indent ({@code - name: x}), {@code {}} and {@code []} for empty collections, strings plain
 * unless they would read back as something else ({@code "80"}, {@code "true"}, {@code "2026-01-02T03:04:05Z"}, {@code ""}
 * in double quotes), single quotes for strings YAML cannot write plain ({@code '*'}, {@code 'a: b'}), literal
 * blocks ({@code |-}) for multi-line strings. Keys come out in the tree's order; kubectl itself sorts them, which
 * is {@link #sorted(Object)}. Long lines are not folded.
 */
public final class Yaml {
  private static final int MAX_DEPTH = 1000;

  private Yaml() {}

  /** Every document of a YAML stream, empty ones as {@code null}. */
  public static List<Object> parseAll(String text) {
    org.yaml.snakeyaml.Yaml yaml = newYaml();
    List<Object> out = new ArrayList<>();
    try {
      for (Object doc : yaml.loadAll(text)) {
        out.add(normalize(doc, 0));
      }
    } catch (MarkedYAMLException e) {
      throw syntax(e);
    } catch (YAMLException e) {
      throw CodecException.syntax("yaml: " + e.getMessage(), -1, -1);
    }
    return out;
  }

  /** The one document of a YAML text ({@code null} when empty); more than one is an error. */
  public static Object parse(String text) {
    List<Object> docs = parseAll(text);
    if (docs.size() > 1) {
      throw CodecException.syntax("yaml: expected one document, found " + docs.size(), -1, -1);
    }
    return docs.isEmpty() ? null : docs.get(0);
  }

  /** One document in kubectl's style, ending in a newline. */
  public static String print(Object tree) {
    StringBuilder b = new StringBuilder();
    Writer w = new Writer(b);
    w.document(tree);
    return b.toString();
  }

  /** Documents separated by {@code ---} lines. */
  public static String printAll(List<?> trees) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < trees.size(); i++) {
      if (i > 0) {
        b.append("---\n");
      }
      new Writer(b).document(trees.get(i));
    }
    return b.toString();
  }

  /** A copy of a tree with every map's keys sorted, as kubectl's printers (and Go's encoders of maps) order them. */
  public static Object sorted(Object tree) {
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), sorted(e.getValue()));
      }
      return new LinkedHashMap<>(out);
    }
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(sorted(o));
      }
      return out;
    }
    return tree;
  }

  // ---------------------------------------------------------------- reading

  private static org.yaml.snakeyaml.Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(100);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(Integer.MAX_VALUE);
    DumperOptions dumper = new DumperOptions();
    return new org.yaml.snakeyaml.Yaml(new GoYamlConstructor(options), new Representer(dumper), dumper, options,
        new GoYamlResolver());
  }

  /** Snakeyaml's safe constructor, with go-yaml v2's booleans (snakeyaml knows no {@code y} and {@code n}). */
  private static final class GoYamlConstructor extends SafeConstructor {
    GoYamlConstructor(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(Tag.BOOL, new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String v = constructScalar((ScalarNode) node);
          switch (v) {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
              return Boolean.TRUE;
            case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
              return Boolean.FALSE;
            default:
              throw new YAMLException("invalid boolean " + v);
          }
        }
      });
    }
  }

  private static CodecException syntax(MarkedYAMLException e) {
    Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
    problem = problem.replace('\n', ' ').trim();
    if (e.getContext() != null && !problem.contains(e.getContext())) {
      problem = problem + " (" + e.getContext().replace('\n', ' ').trim() + ")";
    }
    if (m == null) {
      return CodecException.syntax("yaml: " + problem, -1, -1);
    }
    int line = m.getLine() + 1;
    int col = m.getColumn() + 1;
    return CodecException.syntax("yaml: line " + line + ", column " + col + ": " + problem, line, col);
  }

  /** Snakeyaml's objects to tree types: string keys, byte arrays as base64, sets as maps of nulls. */
  private static Object normalize(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw CodecException.syntax("yaml: exceeded max depth", -1, -1);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = keyText(e.getKey());
        if (out.containsKey(key)) {
          throw CodecException.syntax("yaml: mapping key " + Json.quote(key) + " already defined", -1, -1);
        }
        out.put(key, normalize(e.getValue(), depth + 1));
      }
      return out;
    }
    if (v instanceof Set<?> s) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Object k : s) {
        out.put(keyText(k), null);
      }
      return out;
    }
    if (v instanceof Collection<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(normalize(o, depth + 1));
      }
      return out;
    }
    if (v instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (v instanceof Date d) { // only from an explicit !!timestamp tag
      return GoTime.formatTime(Math.floorDiv(d.getTime(), 1000));
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    return v;
  }

  private static String keyText(Object k) {
    if (k instanceof String s) {
      return s;
    }
    if (k == null) {
      return "null";
    }
    if (k instanceof Number n) {
      return Json.formatNumber(n);
    }
    if (k instanceof Boolean || k instanceof Date) {
      return String.valueOf(normalize(k, 0));
    }
    throw CodecException.syntax("yaml: invalid map key: " + k, -1, -1);
  }

  /** go-yaml v2's implicit scalar types, for plain (unquoted) scalars. */
  static final class GoYamlResolver extends Resolver {
    static final Pattern BOOL = Pattern.compile(
        "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    static final Pattern INT = Pattern.compile(
        "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$");
    static final Pattern FLOAT = Pattern.compile(
        "^(?:[-+]?(?:\\.[0-9]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN))$");
    static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL)$");
    static final Pattern EMPTY = Pattern.compile("^$");
    static final Pattern MERGE = Pattern.compile("^(?:<<)$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
      addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
      addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    }
  }

  // ---------------------------------------------------------------- writing

  /** Strings a YAML reader (ours or go-yaml v2) would take for something else, which must be double-quoted. */
  private static final Pattern TIMESTAMP = Pattern.compile(
      "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
          + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$");
  private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
  private static final Pattern GO_INT = Pattern.compile("^[-+]?(?:0[bB][01_]+|0[oO][0-7_]+|0[xX][0-9a-fA-F_]+|[0-9_]+)$");

  static boolean readsAsNonString(String s) {
    return s.isEmpty() || GoYamlResolver.BOOL.matcher(s).matches() || GoYamlResolver.NULL.matcher(s).matches()
        || GoYamlResolver.INT.matcher(s).matches() || GoYamlResolver.FLOAT.matcher(s).matches()
        || GO_INT.matcher(s).matches() || TIMESTAMP.matcher(s).matches() || BASE60.matcher(s).matches()
        || s.equals("<<") || s.equals("=");
  }

  private static final class Writer {
    final StringBuilder b;

    Writer(StringBuilder b) {
      this.b = b;
    }

    void document(Object v) {
      if (v instanceof Map<?, ?> m && !m.isEmpty()) {
        mapping(m, 0, "");
      } else if (v instanceof List<?> l && !l.isEmpty()) {
        sequence(l, 0, "");
      } else {
        scalarValue(v, 0);
      }
    }

    /** A block mapping whose keys sit at {@code indent}; the first line starts with {@code first} instead. */
    void mapping(Map<?, ?> m, int indent, String first) {
      boolean isFirst = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(isFirst ? first : " ".repeat(indent));
        isFirst = false;
        b.append(scalarText(String.valueOf(e.getKey()), true, indent)).append(':');
        Object v = e.getValue();
        if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
          b.append('\n');
          mapping(sub, indent + 2, " ".repeat(indent + 2));
        } else if (v instanceof List<?> l && !l.isEmpty()) {
          b.append('\n');
          sequence(l, indent, " ".repeat(indent));
        } else {
          b.append(' ');
          scalarValue(v, indent);
        }
      }
    }

    /** A block sequence whose dashes sit at {@code indent}; the first line starts with {@code first} instead. */
    void sequence(List<?> l, int indent, String first) {
      boolean isFirst = true;
      for (Object v : l) {
        b.append(isFirst ? first : " ".repeat(indent));
        isFirst = false;
        b.append('-');
        if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
          mapping(sub, indent + 2, " ");
        } else if (v instanceof List<?> inner && !inner.isEmpty()) {
          sequence(inner, indent + 2, " ");
        } else {
          b.append(' ');
          scalarValue(v, indent);
        }
      }
    }

    /** A scalar (or empty collection) and its line end; block scalars indent by two under {@code indent}. */
    void scalarValue(Object v, int indent) {
      if (v == null) {
        b.append("null");
      } else if (v instanceof Map<?, ?>) {
        b.append("{}");
      } else if (v instanceof List<?>) {
        b.append("[]");
      } else if (v instanceof String s) {
        b.append(scalarText(s, false, indent));
      } else if (v instanceof Number n) {
        b.append(Json.formatNumber(n));
      } else if (v instanceof Boolean) {
        b.append(v);
      } else {
        throw new IllegalArgumentException("yaml: unsupported type: " + v.getClass().getName());
      }
      b.append('\n');
    }

    /** A string as go-yaml v2 writes it: plain, single-quoted, double-quoted or a literal block. */
    String scalarText(String s, boolean key, int indent) {
      Analysis a = new Analysis(s);
      if (a.lineBreaks) {
        return !key && a.blockAllowed ? literal(s, indent) : doubleQuoted(s);
      }
      if (readsAsNonString(s)) {
        return doubleQuoted(s);
      }
      if (a.plainAllowed) {
        return s;
      }
      if (a.singleAllowed) {
        return "'" + s.replace("'", "''") + "'";
      }
      return doubleQuoted(s);
    }

    String literal(String s, int indent) {
      StringBuilder out = new StringBuilder("|");
      if (s.startsWith(" ") || s.startsWith("\n")) {
        out.append('2');
      }
      if (!s.endsWith("\n")) {
        out.append('-');
      } else if (s.length() == 1 || s.charAt(s.length() - 2) == '\n') {
        out.append('+');
      }
      String pad = " ".repeat(indent + 2);
      String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      for (String line : body.split("\n", -1)) {
        out.append('\n');
        if (!line.isEmpty()) {
          out.append(pad).append(line);
        }
      }
      return out.toString();
    }
  }

  private static String doubleQuoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case 0 -> b.append("\\0");
        case 0x07 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case 0x0b -> b.append("\\v");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        case 0x1b -> b.append("\\e");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case 0x85 -> b.append("\\N");
        case 0xa0 -> b.append("\\_");
        case 0x2028 -> b.append("\\L");
        case 0x2029 -> b.append("\\P");
        default -> {
          if (isPrintable(c) && c != 0xfeff) {
            b.appendCodePoint(c);
          } else if (c <= 0xff) {
            b.append(String.format("\\x%02X", c));
          } else if (c <= 0xffff) {
            b.append(String.format("\\u%04X", c));
          } else {
            b.append(String.format("\\U%08X", c));
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** libyaml's printable set (tab and line breaks excluded; they are handled apart). */
  private static boolean isPrintable(int c) {
    return (c >= 0x20 && c <= 0x7e) || c == 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)
        || (c >= 0x10000 && c <= 0x10ffff);
  }

  /** libyaml's yaml_emitter_analyze_scalar, for the block context. */
  private static final class Analysis {
    boolean plainAllowed = true;
    boolean singleAllowed = true;
    boolean blockAllowed = true;
    boolean lineBreaks;

    Analysis(String s) {
      if (s.isEmpty()) {
        plainAllowed = false;
        blockAllowed = false;
        return;
      }
      boolean blockIndicators = false;
      boolean special = false;
      boolean spaceBreak = false;
      boolean breakSpace = false;
      boolean leadingSpace = false;
      boolean leadingBreak = false;
      boolean trailingSpace = false;
      boolean trailingBreak = false;
      boolean previousSpace = false;
      boolean previousBreak = false;
      if (s.startsWith("---") || s.startsWith("...")) {
        blockIndicators = true;
      }
      boolean precededByWhitespace = true;
      int n = s.length();
      for (int i = 0; i < n; ) {
        int c = s.codePointAt(i);
        int next = i + Character.charCount(c);
        boolean followedByWhitespace = next >= n || isBlankOrBreak(s.charAt(next));
        if (i == 0) {
          switch (c) {
            case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                blockIndicators = true;
            case '?', ':' -> {
              if (followedByWhitespace) {
                blockIndicators = true;
              }
            }
            case '-' -> {
              if (followedByWhitespace) {
                blockIndicators = true;
              }
            }
            default -> { }
          }
        } else {
          if (c == ':' && followedByWhitespace) {
            blockIndicators = true;
          }
          if (c == '#' && precededByWhitespace) {
            blockIndicators = true;
          }
        }
        boolean isBreak = c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!isBreak && (!isPrintable(c) || c == 0xfeff) && c != '\t') {
          special = true;
        }
        if (c == '\t') {
          special = true; // libyaml does not count tab as printable
        }
        if (isBreak) {
          lineBreaks = true;
        }
        if (c == ' ') {
          if (i == 0) {
            leadingSpace = true;
          }
          if (next >= n) {
            trailingSpace = true;
          }
          if (previousBreak) {
            breakSpace = true;
          }
          previousSpace = true;
          previousBreak = false;
        } else if (isBreak) {
          if (i == 0) {
            leadingBreak = true;
          }
          if (next >= n) {
            trailingBreak = true;
          }
          if (previousSpace) {
            spaceBreak = true;
          }
          previousSpace = false;
          previousBreak = true;
        } else {
          previousSpace = false;
          previousBreak = false;
        }
        precededByWhitespace = c == ' ' || isBreak;
        i = next;
      }
      if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
        plainAllowed = false;
      }
      if (trailingSpace) {
        blockAllowed = false;
      }
      if (breakSpace) {
        plainAllowed = false;
        singleAllowed = false;
      }
      if (spaceBreak || special) {
        plainAllowed = false;
        singleAllowed = false;
        blockAllowed = false;
      }
      if (lineBreaks) {
        plainAllowed = false;
      }
      if (blockIndicators) {
        plainAllowed = false;
      }
    }

    private static boolean isBlankOrBreak(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }
  }
}
