package windlass.client;

import io.kubernetes.client.proto.Resource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Reads upstream resource quantities ("100m", "1.5", "512Mi", "2G", "1e3"): a signed decimal number with a binary SI
 * suffix (Ki Mi Gi Ti Pi Ei), a decimal SI suffix (n u m k M G T P E) or a decimal exponent. Values are exact
 * ({@link BigDecimal}); {@link #milliValue} and {@link #value} round up, as upstream's MilliValue and Value.
 */
public final class Quantities {
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", new BigDecimal("1e-9")),
      Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")),
      Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")),
      Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")),
      Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
      Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
      Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
      Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantities() {}

  /** Whether {@code s} is a well-formed quantity. */
  public static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The exact value of {@code s}; IllegalArgumentException with upstream's wording when it is malformed. */
  public static BigDecimal parse(String s) {
    String t = s == null ? "" : s.trim();
    int i = 0;
    if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int digitsStart = i;
    boolean dot = false;
    while (i < t.length() && (Character.isDigit(t.charAt(i)) || (t.charAt(i) == '.' && !dot))) {
      dot |= t.charAt(i) == '.';
      i++;
    }
    String number = t.substring(0, i);
    String suffix = t.substring(i);
    if (i == digitsStart || number.endsWith(".") && i - digitsStart == 1) {
      throw unparseable(s);
    }
    BigDecimal n;
    try {
      n = new BigDecimal(number.startsWith("+") ? number.substring(1) : number);
    } catch (NumberFormatException e) {
      throw unparseable(s);
    }
    BigDecimal mult = SUFFIXES.get(suffix);
    if (mult != null) {
      return n.multiply(mult);
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      try {
        return n.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
      } catch (NumberFormatException e) {
        throw unparseable(s);
      }
    }
    throw unparseable(s);
  }

  public static BigDecimal parse(Resource.Quantity q) {
    return parse(q.getString());
  }

  /** The value in thousandths, rounded up ("100m" → 100, "1" → 1000). */
  public static long milliValue(Resource.Quantity q) {
    return parse(q).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The value rounded up to a whole number ("512Mi" → 536870912, "100m" → 1). */
  public static long value(Resource.Quantity q) {
    return parse(q).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  public static Resource.Quantity of(String s) {
    parse(s);
    return Resource.Quantity.newBuilder().setString(s).build();
  }

  private static IllegalArgumentException unparseable(String s) {
    return new IllegalArgumentException("quantities must match the regular expression "
        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got \"" + s + "\"");
  }
}
