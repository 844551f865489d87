package windlass.client.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON text to and from trees ({@code Map<String,Object>} in key order, {@code List}, {@code String},
 * {@code Long}/{@code BigInteger} for integer literals, {@code Double} for the others, {@code Boolean}, {@code null}).
 *
 * <p>Reading follows RFC 8259 with Go's limits: duplicate keys are an error (upstream's strict decoding rejects
 * them too), nesting is limited, and errors carry line and column. Writing follows Go's {@code encoding/json}:
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped, floats in ES6 notation, and {@link #printPretty}
 * indents by four spaces as {@code kubectl -o json} does. Neither printer adds a trailing newline.
 */
public final class Json {
  static final int MAX_DEPTH = 1000;

  private Json() {}

  /** Exactly one JSON value, surrounded by nothing but whitespace. */
  public static Object parse(String text) {
    Reader r = new Reader(text);
    r.skipSpace();
    if (r.pos >= text.length()) {
      throw r.error("unexpected end of JSON input");
    }
    Object v = r.value(0);
    r.skipSpace();
    if (r.pos < text.length()) {
      throw r.error("invalid character " + r.describe(r.pos) + " after top-level value");
    }
    return v;
  }

  /** A stream of JSON values separated by optional whitespace, as upstream's JSON decoder reads a file. */
  public static List<Object> parseAll(String text) {
    Reader r = new Reader(text);
    List<Object> out = new ArrayList<>();
    for (r.skipSpace(); r.pos < text.length(); r.skipSpace()) {
      out.add(r.value(0));
    }
    return out;
  }

  /** Compact JSON, as the API server writes it on the wire. */
  public static String print(Object tree) {
    StringBuilder b = new StringBuilder();
    write(b, tree, null, 0);
    return b.toString();
  }

  /** Indented JSON (four spaces), as {@code kubectl get -o json} prints it. */
  public static String printPretty(Object tree) {
    StringBuilder b = new StringBuilder();
    write(b, tree, "    ", 0);
    return b.toString();
  }

  /** A JSON string literal, escaped as Go does (the form Go's {@code %q} gives for plain text). */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    writeString(b, s);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, String indent, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      writeString(b, s);
    } else if (v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Number n) {
      b.append(formatNumber(n));
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        newline(b, indent, depth + 1);
        writeString(b, String.valueOf(e.getKey()));
        b.append(indent == null ? ":" : ": ");
        write(b, e.getValue(), indent, depth + 1);
      }
      newline(b, indent, depth);
      b.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        newline(b, indent, depth + 1);
        write(b, l.get(i), indent, depth + 1);
      }
      newline(b, indent, depth);
      b.append(']');
    } else {
      throw new IllegalArgumentException("json: unsupported type: " + v.getClass().getName());
    }
  }

  private static void newline(StringBuilder b, String indent, int depth) {
    if (indent != null) {
      b.append('\n');
      b.append(indent.repeat(depth));
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void writeString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              b.append(c).append(s.charAt(++i));
            } else {
              b.append("\\ufffd"); // Go replaces invalid UTF-8 the same way
            }
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** A number as Go's encoding/json writes it: integers as they are, floats in ES6 notation. */
  static String formatNumber(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof BigInteger) {
      return n.toString();
    }
    BigDecimal d;
    if (n instanceof BigDecimal bd) {
      d = bd;
    } else {
      double f = n.doubleValue();
      if (Double.isNaN(f) || Double.isInfinite(f)) {
        throw new IllegalArgumentException("json: unsupported value: " + formatSpecial(f));
      }
      if (f == 0) {
        return (1 / f < 0) ? "-0" : "0";
      }
      d = new BigDecimal(n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(f));
    }
    d = d.stripTrailingZeros();
    if (d.signum() == 0) {
      return "0";
    }
    double abs = d.abs().doubleValue();
    if (abs >= 1e-6 && abs < 1e21) {
      return d.toPlainString();
    }
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - d.scale() - 1;
    StringBuilder b = new StringBuilder();
    if (d.signum() < 0) {
      b.append('-');
    }
    b.append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    b.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
    return b.toString();
  }

  private static String formatSpecial(double f) {
    return Double.isNaN(f) ? "NaN" : (f > 0 ? "+Inf" : "-Inf");
  }

  /** A recursive-descent reader over one text. */
  private static final class Reader {
    final String text;
    int pos;

    Reader(String text) {
      this.text = text;
    }

    void skipSpace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          break;
        }
      }
    }

    CodecException error(String message) {
      return errorAt(pos, message);
    }

    CodecException errorAt(int at, String message) {
      int line = 1;
      int col = 1;
      for (int i = 0; i < at && i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      return CodecException.syntax("json: line " + line + ", column " + col + ": " + message, line, col);
    }

    String describe(int at) {
      int cp = text.codePointAt(at);
      if (cp == '\'') {
        return "'\\''";
      }
      if (cp < 0x20) {
        return String.format("'\\x%02x'", cp);
      }
      return "'" + new String(Character.toChars(cp)) + "'";
    }

    CodecException unexpected(String context) {
      if (pos >= text.length()) {
        return error("unexpected end of JSON input");
      }
      return error("invalid character " + describe(pos) + " " + context);
    }

    Object value(int depth) {
      if (pos >= text.length()) {
        throw error("unexpected end of JSON input");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object(depth + 1);
        case '[':
          return array(depth + 1);
        case '"':
          return string();
        case 't':
          literal("true");
          return Boolean.TRUE;
        case 'f':
          literal("false");
          return Boolean.FALSE;
        case 'n':
          literal("null");
          return null;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw unexpected("looking for beginning of value");
      }
    }

    void literal(String word) {
      for (int i = 0; i < word.length(); i++, pos++) {
        if (pos >= text.length() || text.charAt(pos) != word.charAt(i)) {
          throw unexpected("in literal " + word + " (expecting '" + word.charAt(i) + "')");
        }
      }
    }

    Map<String, Object> object(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("exceeded max depth");
      }
      pos++; // {
      Map<String, Object> m = new LinkedHashMap<>();
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '}') {
        pos++;
        return m;
      }
      while (true) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != '"') {
          throw unexpected("looking for beginning of object key string");
        }
        int keyAt = pos;
        String key = string();
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != ':') {
          throw unexpected("after object key");
        }
        pos++;
        skipSpace();
        Object v = value(depth);
        if (m.containsKey(key)) {
          throw errorAt(keyAt, "duplicate field " + quote(key));
        }
        m.put(key, v);
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        if (pos < text.length() && text.charAt(pos) == '}') {
          pos++;
          return m;
        }
        throw unexpected("after object key:value pair");
      }
    }

    List<Object> array(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("exceeded max depth");
      }
      pos++; // [
      List<Object> l = new ArrayList<>();
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == ']') {
        pos++;
        return l;
      }
      while (true) {
        skipSpace();
        l.add(value(depth));
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        if (pos < text.length() && text.charAt(pos) == ']') {
          pos++;
          return l;
        }
        throw unexpected("after array element");
      }
    }

    String string() {
      pos++; // opening quote
      StringBuilder b = null;
      int start = pos;
      while (true) {
        if (pos >= text.length()) {
          throw error("unexpected end of JSON input");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String s = b == null ? text.substring(start, pos) : b.append(text, start, pos).toString();
          pos++;
          return s;
        }
        if (c < 0x20) {
          throw unexpected("in string literal");
        }
        if (c != '\\') {
          pos++;
          continue;
        }
        if (b == null) {
          b = new StringBuilder();
        }
        b.append(text, start, pos);
        pos++;
        if (pos >= text.length()) {
          throw error("unexpected end of JSON input");
        }
        char e = text.charAt(pos);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            int cp = 0;
            for (int i = 1; i <= 4; i++) {
              int h = pos + i < text.length() ? Character.digit(text.charAt(pos + i), 16) : -1;
              if (h < 0) {
                pos += i;
                throw unexpected("in \\u hexadecimal character escape");
              }
              cp = cp * 16 + h;
            }
            b.append((char) cp);
            pos += 4;
          }
          default -> throw unexpected("in string escape code");
        }
        pos++;
        start = pos;
      }
    }

    Object number() {
      int start = pos;
      if (text.charAt(pos) == '-') {
        pos++;
      }
      if (pos < text.length() && text.charAt(pos) == '0') {
        pos++;
      } else if (pos < text.length() && isDigit(text.charAt(pos))) {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        throw unexpected("in numeric literal");
      }
      boolean integer = true;
      if (pos < text.length() && text.charAt(pos) == '.') {
        integer = false;
        pos++;
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
          throw unexpected("after decimal point in numeric literal");
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
          pos++;
        }
      }
      if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
        integer = false;
        pos++;
        if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
          pos++;
        }
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
          throw unexpected("in exponent of numeric literal");
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
          pos++;
        }
      }
      String lit = text.substring(start, pos);
      if (integer) {
        BigInteger big = new BigInteger(lit);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
      }
      double d = Double.parseDouble(lit);
      if (Double.isInfinite(d)) {
        throw errorAt(start, "number " + lit + " out of range");
      }
      return d;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
