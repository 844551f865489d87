package windlass.controllers.expectations;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import windlass.client.Clock;

/**
 * What a controller expects its informer to show next, as upstream's (UID-tracking) ControllerExpectations: after
 * creating n pods for a key the controller waits until the informer has shown n adds (or 5 minutes passed) before it
 * counts pods again, so a lagging informer never makes it create the same pods twice. Deletions are tracked by pod
 * key, so a delete seen twice (an update with deletionTimestamp, then the delete) counts once.
 */
public final class Expectations {
  /** Upstream's ExpectationsTimeout: after this, a controller acts even without having seen its changes. */
  public static final Duration TTL = Duration.ofMinutes(5);

  private static final class Entry {
    long adds;
    long deletes;
    final Set<String> deleting = new HashSet<>();
    final Instant setAt;

    Entry(long adds, long deletes, Instant setAt) {
      this.adds = adds;
      this.deletes = deletes;
      this.setAt = setAt;
    }
  }

  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();

  public Expectations(Clock clock) {
    this.clock = clock;
  }

  /** True when the controller may act on {@code key}: nothing pending, everything observed, or expired. */
  public synchronized boolean satisfied(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return true;
    }
    if (e.adds <= 0 && e.deletes <= 0) {
      return true;
    }
    return !e.setAt.plus(TTL).isAfter(clock.now());
  }

  /** The controller is about to create {@code n} objects for {@code key}. Replaces earlier expectations. */
  public synchronized void expectCreations(String key, int n) {
    entries.put(key, new Entry(n, 0, clock.now()));
  }

  /** The controller is about to delete the pods with these keys ("ns/name"). Replaces earlier expectations. */
  public synchronized void expectDeletions(String key, Set<String> podKeys) {
    Entry e = new Entry(0, podKeys.size(), clock.now());
    e.deleting.addAll(podKeys);
    entries.put(key, e);
  }

  /** The informer showed one creation for {@code key} (or one create failed and will not show). */
  public synchronized void creationObserved(String key) {
    Entry e = entries.get(key);
    if (e != null) {
      e.adds--;
    }
  }

  /** The informer showed pod {@code podKey} deleted (or its delete failed). Counts once per pod. */
  public synchronized void deletionObserved(String key, String podKey) {
    Entry e = entries.get(key);
    if (e != null && e.deleting.remove(podKey)) {
      e.deletes--;
    }
  }

  /** The owner is gone: forget its expectations. */
  public synchronized void delete(String key) {
    entries.remove(key);
  }

  /** Pending (adds, deletes) for {@code key}, for tests and logs. */
  public synchronized long[] pending(String key) {
    Entry e = entries.get(key);
    return e == null ? new long[] {0, 0} : new long[] {e.adds, e.deletes};
  }
}
