package windlass.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field selector ({@code metadata.name=web,status.phase!=Running}): terms ANDed, each {@code field=value},
 * {@code field==value} or {@code field!=value}; '\' escapes ',', '=', '!' and '\' in values as upstream. Which fields a
 * resource supports is the server's business; {@link #fields()} names them so it can check.
 */
public final class FieldSelector {
  /** One term: the field, whether it must equal (or differ from) the value, and the value. */
  public record Term(String field, boolean equals, String value) {
    public boolean matches(Map<String, String> fields) {
      String v = fields.getOrDefault(field, "");
      return equals == v.equals(value);
    }

    @Override
    public String toString() {
      return field + (equals ? "=" : "!=") + escape(value);
    }
  }

  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  public static FieldSelector everything() {
    return EVERYTHING;
  }

  public static FieldSelector of(List<Term> terms) {
    return new FieldSelector(terms);
  }

  /** Parses the string form; {@link IllegalArgumentException} with upstream's wording when a term is malformed. */
  public static FieldSelector parse(String selector) {
    List<Term> terms = new ArrayList<>();
    if (selector.isBlank()) {
      return EVERYTHING;
    }
    for (String part : splitTerms(selector)) {
      Term t = term(part);
      if (t == null) {
        throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + part + "'");
      }
      terms.add(t);
    }
    return new FieldSelector(terms);
  }

  public List<Term> terms() {
    return terms;
  }

  public List<String> fields() {
    return terms.stream().map(Term::field).toList();
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** Whether an object with these field values is selected; a field absent from the map counts as "". */
  public boolean matches(Map<String, String> fields) {
    for (Term t : terms) {
      if (!t.matches(fields)) {
        return false;
      }
    }
    return true;
  }

  /** For a field required to equal one value ({@code spec.nodeName=n1}): that value, else null. */
  public String requiredValue(String field) {
    for (Term t : terms) {
      if (t.equals && t.field.equals(field)) {
        return t.value;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return String.join(",", terms.stream().map(Term::toString).toList());
  }

  private static List<String> splitTerms(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static Term term(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      boolean notEq = c == '!' && i + 1 < part.length() && part.charAt(i + 1) == '=';
      if (c == '=' || notEq) {
        String field = part.substring(0, i).trim();
        int valueStart = notEq ? i + 2 : (i + 1 < part.length() && part.charAt(i + 1) == '=') ? i + 2 : i + 1;
        if (field.isEmpty()) {
          return null;
        }
        return new Term(field, !notEq, unescape(part.substring(valueStart)));
      }
    }
    return null;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == ',' || c == '=' || c == '!') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
