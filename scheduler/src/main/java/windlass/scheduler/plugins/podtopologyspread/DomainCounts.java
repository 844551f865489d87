package windlass.scheduler.plugins.podtopologyspread;

import java.util.HashMap;
import java.util.Map;

/**
 * One DoNotSchedule constraint's matching pods per domain (topology value), with the global minimum kept exact as
 * a preemption dry run changes counts (upstream keeps TpValueToMatchNum and two "critical paths" for this). A domain
 * stays a domain at zero: the number of domains is what minDomains compares with.
 */
final class DomainCounts {
  private final Map<String, Integer> counts;
  /** The smallest count (Integer.MAX_VALUE while there is no domain), and how many domains have it. */
  private int min;
  private int atMin;

  DomainCounts() {
    this(new HashMap<>(), Integer.MAX_VALUE, 0);
  }

  private DomainCounts(Map<String, Integer> counts, int min, int atMin) {
    this.counts = counts;
    this.min = min;
    this.atMin = atMin;
  }

  /** While PreFilter counts: adds {@code n} pods to the domain (creating it); call {@link #computeMin} after. */
  void addWhileCounting(String value, int n) {
    counts.merge(value, n, Integer::sum);
  }

  /** Works the minimum out from the counts (once, after PreFilter counted). */
  DomainCounts computeMin() {
    min = Integer.MAX_VALUE;
    atMin = 0;
    for (int c : counts.values()) {
      if (c < min) {
        min = c;
        atMin = 1;
      } else if (c == min) {
        atMin++;
      }
    }
    return this;
  }

  int count(String value) {
    Integer c = counts.get(value);
    return c == null ? 0 : c;
  }

  int domains() {
    return counts.size();
  }

  /** The global minimum for the skew: 0 while there are fewer domains than {@code minDomains}. */
  int minMatch(int minDomains) {
    return counts.size() < minDomains ? 0 : min;
  }

  /** A preemption dry run added ({@code delta} 1) or removed (-1) a matching pod in the domain. */
  void update(String value, int delta) {
    Integer old = counts.get(value);
    int now = (old == null ? 0 : old) + delta;
    counts.put(value, now);
    if (old != null && old == min) {
      atMin--;
    }
    if (now < min) {
      min = now;
      atMin = 1;
    } else if (now == min) {
      atMin++;
    } else if (atMin == 0) {
      computeMin(); // the only domain at the minimum went up: rescan (rare, O(domains))
    }
  }

  DomainCounts copy() {
    return new DomainCounts(new HashMap<>(counts), min, atMin);
  }

  @Override
  public String toString() {
    return counts + " min " + min;
  }
}
