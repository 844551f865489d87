package windlass.bench;

import java.util.Arrays;
import java.util.Locale;

/** Recorded durations (nanoseconds) of one measurement, and their percentiles in milliseconds. */
public final class Latencies {
  private long[] values = new long[1024];
  private int size;

  public synchronized void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  public synchronized int count() {
    return size;
  }

  /** The {@code p}-th percentile (0-100) in milliseconds, nearest rank; NaN when nothing was recorded. */
  public synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
  }

  /** "p50 1.23 ms, p99 4.56 ms, max 7.89 ms". */
  public String summary() {
    return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        percentileMillis(50), percentileMillis(99), percentileMillis(100));
  }
}
