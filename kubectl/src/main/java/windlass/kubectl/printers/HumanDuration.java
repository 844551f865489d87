package windlass.kubectl.printers;

import java.time.Duration;
import java.time.Instant;
import io.kubernetes.client.proto.Meta;

/**
 * Ages and intervals worded as upstream's {@code duration.HumanDuration}: two significant units while they are
 * small ("2m3s", "3h4m", "2d3h"), one once they are large ("10m", "20h", "30d", "3y").
 */
public final class HumanDuration {
  /** Go's zero {@code time.Time}, 0001-01-01T00:00:00Z, which the API uses for "not set". */
  private static final long GO_ZERO_SECONDS = -62135596800L;

  private HumanDuration() {}

  public static String format(Duration d) {
    long seconds = d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0);
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = hours / 24 % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** The AGE cell: the time since {@code t}, or {@code <unknown>} when t is not set. */
  public static String since(Meta.Time t, Instant now) {
    return isZero(t) ? "<unknown>" : format(Duration.between(instant(t), now));
  }

  public static String since(Meta.MicroTime t, Instant now) {
    return isZero(t) ? "<unknown>" : format(Duration.between(instant(t), now));
  }

  public static boolean isZero(Meta.Time t) {
    return (!t.hasSeconds() && !t.hasNanos()) || (t.getSeconds() == GO_ZERO_SECONDS && t.getNanos() == 0);
  }

  public static boolean isZero(Meta.MicroTime t) {
    return (!t.hasSeconds() && !t.hasNanos()) || (t.getSeconds() == GO_ZERO_SECONDS && t.getNanos() == 0);
  }

  public static Instant instant(Meta.Time t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  public static Instant instant(Meta.MicroTime t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
