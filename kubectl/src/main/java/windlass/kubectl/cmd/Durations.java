package windlass.kubectl.cmd;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import windlass.kubectl.CommandException;

/** Go-style duration flags: "30s", "5m", "1h30m", "250ms", or a bare number of seconds. */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  static Duration parse(String s) {
    if (s.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    Matcher m = PART.matcher(s);
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      end = m.end();
    }
    if (end != s.length() || s.isEmpty()) {
      throw CommandException.error("invalid duration \"" + s + "\"");
    }
    return d;
  }
}
