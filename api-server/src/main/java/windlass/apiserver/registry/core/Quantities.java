package windlass.apiserver.registry.core;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses upstream resource quantities ("100m", "1.5Gi", "2e3") to exact numbers, for comparisons such as QoS. */
final class Quantities {
  private static final Pattern FORM = Pattern.compile("([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+))(.*)");
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

  /** The quantity's value; IllegalArgumentException when it is not a quantity. */
  static BigDecimal parse(String q) {
    Matcher m = FORM.matcher(q.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    BigDecimal mult = SUFFIXES.get(suffix);
    if (mult != null) {
      return number.multiply(mult);
    }
    if (suffix.matches("[eE][+-]?[0-9]+")) {
      return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    throw new IllegalArgumentException("unable to parse quantity's suffix");
  }

  static boolean isValid(String q) {
    try {
      parse(q);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
