package windlass.client.codec;

import java.time.Duration;

/** Go duration strings ("15s", "1m30s", "250ms") as flags and config files use them. */
public final class GoDuration {
  private GoDuration() {}

  /** Go's time.ParseDuration; IllegalArgumentException with Go's message ("time: invalid duration \"x\""). */
  public static Duration parse(String s) {
    return Duration.ofNanos(GoTime.parseDuration(s));
  }

  /** Go's Duration.String() ("1m30s"). */
  public static String format(Duration d) {
    return GoTime.formatDuration(d.toNanos());
  }
}
