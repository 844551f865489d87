package windlass.client.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Upstream's text forms of time: RFC 3339 for metav1.Time and MicroTime, Go's time.Duration for metav1.Duration. */
final class GoTime {
  /** Go's layout for errors about metav1.Time. */
  static final String RFC3339_LAYOUT = "2006-01-02T15:04:05Z07:00";
  /** Go's zero time.Time, which upstream writes as {@code null}. */
  static final long GO_ZERO_SECONDS = -62135596800L;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

  private GoTime() {}

  /** metav1.Time: UTC, whole seconds (upstream drops the fraction). */
  static String formatTime(long seconds) {
    return TIME.format(Instant.ofEpochSecond(seconds));
  }

  /** metav1.MicroTime: UTC with six fraction digits. */
  static String formatMicroTime(long seconds, int nanos) {
    return MICRO_TIME.format(Instant.ofEpochSecond(seconds, nanos));
  }

  /** An RFC 3339 timestamp, with or without fraction, any offset; null when it is not one. */
  static Instant parseTime(String s) {
    if (!RFC3339.matcher(s).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Go's time.Duration.String(): "1h0m0s", "1m30s", "1.5s", "100ms", "0s". */
  static String formatDuration(long d) {
    if (d == 0) {
      return "0s";
    }
    boolean neg = d < 0;
    long u = neg ? -d : d; // Long.MIN_VALUE stays itself and is read unsigned below
    StringBuilder b = new StringBuilder();
    if (neg) {
      b.append('-');
    }
    if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
      if (u < 1_000L) {
        return b.append(u).append("ns").toString();
      } else if (u < 1_000_000L) {
        return b.append(fraction(u, 3)).append("µs").toString();
      }
      return b.append(fraction(u, 6)).append("ms").toString();
    }
    long secs = Long.divideUnsigned(u, 1_000_000_000L);
    long nanos = Long.remainderUnsigned(u, 1_000_000_000L);
    long h = secs / 3600;
    long m = (secs / 60) % 60;
    long s = secs % 60;
    if (h > 0) {
      b.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      b.append(m).append('m');
    }
    b.append(fraction(s * 1_000_000_000L + nanos, 9)).append('s');
    return b.toString();
  }

  private static String fraction(long v, int prec) {
    long scale = (long) Math.pow(10, prec);
    String whole = Long.toString(v / scale);
    long rest = v % scale;
    if (rest == 0) {
      return whole;
    }
    String f = String.format("%0" + prec + "d", rest).replaceAll("0+$", "");
    return whole + "." + f;
  }

  /** Go's time.ParseDuration; throws IllegalArgumentException with Go's message. */
  static long parseDuration(String s) {
    String orig = s;
    int i = 0;
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    if (s.substring(i).equals("0")) {
      return 0;
    }
    if (i == s.length()) {
      throw new IllegalArgumentException("time: invalid duration " + Json.quote(orig));
    }
    BigDecimal total = BigDecimal.ZERO;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String num = s.substring(start, i);
      if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
        throw new IllegalArgumentException("time: invalid duration " + Json.quote(orig));
      }
      int ustart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(ustart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration " + Json.quote(orig));
      }
      long mult = switch (unit) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> throw new IllegalArgumentException(
            "time: unknown unit " + Json.quote(unit) + " in duration " + Json.quote(orig));
      };
      String n = num.startsWith(".") ? "0" + num : num.endsWith(".") ? num + "0" : num;
      total = total.add(new BigDecimal(n).multiply(BigDecimal.valueOf(mult)));
    }
    BigInteger nanos = total.toBigInteger();
    if (neg) {
      nanos = nanos.negate();
    }
    if (nanos.bitLength() >= 64 && !nanos.equals(BigInteger.valueOf(Long.MIN_VALUE))) {
      throw new IllegalArgumentException("time: invalid duration " + Json.quote(orig));
    }
    return nanos.longValue();
  }
}
