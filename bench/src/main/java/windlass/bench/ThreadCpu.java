package windlass.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of every thread of this process from /proc/self/task, the JVM's own threads included (GC, JIT compiler),
 * which ThreadMXBean does not list. Linux only; elsewhere a snapshot is empty.
 */
final class ThreadCpu {
  private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

  /** Per thread id: its name (15 characters, as the kernel keeps it) and CPU seconds so far. */
  record Sample(String name, double seconds) {}

  private ThreadCpu() {}

  static Map<String, Sample> snapshot() {
    Map<String, Sample> out = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(t -> {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] f = stat.substring(close + 2).split(" ");
          // after "(comm) ": state is field 3 of stat(5), utime 14 and stime 15
          double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_SECONDS;
          out.put(t.getFileName().toString(), new Sample(stat.substring(open + 1, close), s));
        } catch (IOException | RuntimeException e) {
          // the thread ended while we listed it
        }
      });
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** CPU used between two snapshots, by thread name with digits removed, largest first. */
  static String byGroup(Map<String, Sample> before, Map<String, Sample> after, int limit) {
    Map<String, Double> groups = new HashMap<>();
    after.forEach((tid, s) -> {
      Sample b = before.get(tid);
      double used = s.seconds() - (b == null ? 0 : b.seconds());
      if (used > 0) {
        groups.merge(s.name().replaceAll("[0-9]+", "#"), used, Double::sum);
      }
    });
    StringBuilder out = new StringBuilder();
    groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(limit)
        .forEach(e -> out.append(String.format("%s %.1f; ", e.getKey(), e.getValue())));
    return out.toString();
  }
}
