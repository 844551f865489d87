package windlass.kubelet.pod;

import windlass.client.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Upstream's flowcontrol.Backoff as the kubelet uses it for CrashLoopBackOff and ImagePullBackOff: per key, a delay
 * that starts at {@code initial} on the first failure, doubles on each next one up to {@code max}, and starts over
 * once the key has been quiet for {@code 2 * max}. The first restart is immediate; the next waits 10 s, then 20 s, ...
 * 5 min. Thread-safe.
 */
public final class Backoff {
  private record Entry(Duration delay, Instant lastUpdate) {}

  private final Clock clock;
  private final Duration initial;
  private final Duration max;
  private final Map<String, Entry> entries = new HashMap<>();

  public Backoff(Clock clock, Duration initial, Duration max) {
    this.clock = clock;
    this.initial = initial;
    this.max = max;
  }

  /** The kubelet's container restart back-off: 10 s doubling to 5 min. */
  public static Backoff crashLoop(Clock clock) {
    return new Backoff(clock, Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  /**
   * Whether {@code key} must still wait: its current delay has not passed since {@code eventTime} (e.g. the
   * container's finish time).
   */
  public synchronized boolean isInBackoffSince(String key, Instant eventTime) {
    Entry e = entries.get(key);
    if (e == null || hasExpired(e)) {
      return false;
    }
    return Duration.between(eventTime, clock.now()).compareTo(e.delay) < 0;
  }

  /** When the wait for {@code key} after {@code eventTime} ends (eventTime itself when there is no wait). */
  public synchronized Instant readyAt(String key, Instant eventTime) {
    Entry e = entries.get(key);
    return e == null || hasExpired(e) ? eventTime : eventTime.plus(e.delay);
  }

  /** Records a failure (a restart) of {@code key}: first delay, or double the last one. */
  public synchronized void next(String key) {
    Entry e = entries.get(key);
    Instant now = clock.now();
    Duration d = e == null || hasExpired(e) ? initial : min(e.delay.multipliedBy(2), max);
    entries.put(key, new Entry(d, now));
  }

  public synchronized Duration delay(String key) {
    Entry e = entries.get(key);
    return e == null ? Duration.ZERO : e.delay;
  }

  public synchronized void reset(String key) {
    entries.remove(key);
  }

  /** Forgets every key starting with {@code prefix} (a pod's keys when it goes away). */
  public synchronized void resetPrefix(String prefix) {
    entries.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private boolean hasExpired(Entry e) {
    return Duration.between(e.lastUpdate, clock.now()).compareTo(max.multipliedBy(2)) > 0;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
