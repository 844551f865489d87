package windlass.apiserver.registry.batch;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A standard cron schedule as CronJobs use it (robfig/cron ParseStandard): five fields (minute hour day-of-month
 * month day-of-week) with lists, ranges, steps, '*' and '?', month and weekday names, or a descriptor (@yearly,
 * @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every &lt;duration&gt;), optionally after TZ= or
 * CRON_TZ=. {@link #parse} throws {@link IllegalArgumentException} with robfig/cron's error text, which upstream puts
 * in the field error.
 */
public final class CronSchedule {
  private record Bounds(int min, int max, List<String> names) {}

  private static final Bounds MINUTE = new Bounds(0, 59, List.of());
  private static final Bounds HOUR = new Bounds(0, 23, List.of());
  private static final Bounds DOM = new Bounds(1, 31, List.of());
  private static final Bounds MONTH = new Bounds(1, 12,
      List.of("", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"));
  private static final Bounds DOW = new Bounds(0, 6, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"));

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;

  private CronSchedule(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek) {
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
  }

  /** Whether the schedule fires at {@code minute} past {@code hour} on that day (month 1-12, weekday 0 = Sunday). */
  public boolean matches(int minute, int hour, int dayOfMonth, int month, int dayOfWeek) {
    return minutes.get(minute) && hours.get(hour) && daysOfMonth.get(dayOfMonth) && months.get(month)
        && daysOfWeek.get(dayOfWeek);
  }

  public static CronSchedule parse(String spec) {
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("empty spec string");
    }
    String s = spec;
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int eq = s.indexOf('=');
      int space = s.indexOf(' ');
      String zone = space < 0 ? s.substring(eq + 1) : s.substring(eq + 1, space);
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("provided bad location " + zone + ": unknown time zone " + zone);
      }
      s = space < 0 ? "" : s.substring(space).strip();
    }
    if (s.startsWith("@")) {
      return descriptor(s);
    }
    String[] fields = s.strip().isEmpty() ? new String[0] : s.strip().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": "
          + "[" + String.join(" ", Arrays.asList(fields)) + "]");
    }
    return new CronSchedule(field(fields[0], MINUTE), field(fields[1], HOUR), field(fields[2], DOM),
        field(fields[3], MONTH), field(fields[4], DOW));
  }

  private static CronSchedule descriptor(String d) {
    return switch (d) {
      case "@yearly", "@annually" -> of("0", "0", "1", "1", "*");
      case "@monthly" -> of("0", "0", "1", "*", "*");
      case "@weekly" -> of("0", "0", "*", "*", "0");
      case "@daily", "@midnight" -> of("0", "0", "*", "*", "*");
      case "@hourly" -> of("0", "*", "*", "*", "*");
      default -> {
        if (d.startsWith("@every ")) {
          String duration = d.substring("@every ".length());
          if (!duration.matches("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+")) {
            throw new IllegalArgumentException("failed to parse duration " + d + ": time: invalid duration "
                + "\"" + duration + "\"");
          }
          yield of("*", "*", "*", "*", "*");
        }
        throw new IllegalArgumentException("unrecognized descriptor: " + d);
      }
    };
  }

  private static CronSchedule of(String m, String h, String dom, String mon, String dow) {
    return new CronSchedule(field(m, MINUTE), field(h, HOUR), field(dom, DOM), field(mon, MONTH), field(dow, DOW));
  }

  private static BitSet field(String f, Bounds b) {
    BitSet bits = new BitSet();
    for (String expr : f.split(",", -1)) {
      bits.or(range(expr, b));
    }
    return bits;
  }

  private static BitSet range(String expr, Bounds b) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean single = lowAndHigh.length == 1;
    int start;
    int end;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = b.min();
      end = b.max();
    } else {
      start = intOrName(lowAndHigh[0], b);
      if (lowAndHigh.length == 1) {
        end = start;
      } else if (lowAndHigh.length == 2) {
        end = intOrName(lowAndHigh[1], b);
      } else {
        throw new IllegalArgumentException("too many hyphens: " + expr);
      }
    }
    int step;
    if (rangeAndStep.length == 1) {
      step = 1;
    } else if (rangeAndStep.length == 2) {
      step = number(rangeAndStep[1]);
      if (single) {
        end = b.max();
      }
    } else {
      throw new IllegalArgumentException("too many slashes: " + expr);
    }
    if (start < b.min()) {
      throw new IllegalArgumentException("beginning of range (" + start + ") below minimum (" + b.min() + "): " + expr);
    }
    if (end > b.max()) {
      throw new IllegalArgumentException("end of range (" + end + ") above maximum (" + b.max() + "): " + expr);
    }
    if (start > end) {
      throw new IllegalArgumentException("beginning of range (" + start + ") beyond end of range (" + end + "): "
          + expr);
    }
    if (step == 0) {
      throw new IllegalArgumentException("step of range should be a positive number: " + expr);
    }
    BitSet bits = new BitSet();
    for (int i = start; i <= end; i += step) {
      bits.set(i);
    }
    return bits;
  }

  private static int intOrName(String expr, Bounds b) {
    int at = b.names().indexOf(expr.toLowerCase(Locale.ROOT));
    if (at > 0 || (at == 0 && !expr.isEmpty())) {
      return at;
    }
    return number(expr);
  }

  private static int number(String expr) {
    long n;
    try {
      if (!expr.matches("[+-]?[0-9]+")) {
        throw new NumberFormatException();
      }
      n = Long.parseLong(expr);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("failed to parse int from " + expr + ": strconv.Atoi: parsing \""
          + expr + "\": invalid syntax");
    }
    if (n < 0) {
      throw new IllegalArgumentException("negative number (" + n + ") not allowed: " + expr);
    }
    return (int) Math.min(n, Integer.MAX_VALUE);
  }
}
