package windlass.apiserver.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent events of one resource, oldest first, in a growable ring: appended at the end, dropped from the start,
 * searched by revision. It covers every watch from {@link #start()} on: all changes after that revision are here.
 * Not thread-safe (the cache's lock guards it).
 */
final class EventWindow<T> {
  private CachedEvent<?>[] ring = new CachedEvent<?>[16];
  private int head;
  private int size;
  private long bytes;
  private long start;

  EventWindow(long start) {
    this.start = start;
  }

  /** The oldest revision a watch can start from: every change after it is in the window. */
  long start() {
    return start;
  }

  int size() {
    return size;
  }

  long bytes() {
    return bytes;
  }

  void add(CachedEvent<T> e) {
    if (size == ring.length) {
      CachedEvent<?>[] bigger = new CachedEvent<?>[ring.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = ring[(head + i) % ring.length];
      }
      ring = bigger;
      head = 0;
    }
    ring[(head + size) % ring.length] = e;
    size++;
    bytes += e.bytes();
  }

  /** Drops the oldest event; the window then starts at its revision. */
  void dropOldest() {
    CachedEvent<T> e = get(0);
    ring[head] = null;
    head = (head + 1) % ring.length;
    size--;
    bytes -= e.bytes();
    start = e.revision();
  }

  /** Forgets every event and starts over at {@code revision} (after a relist). */
  void reset(long revision) {
    ring = new CachedEvent<?>[16];
    head = 0;
    size = 0;
    bytes = 0;
    start = revision;
  }

  /** The events with a revision above {@code revision}, oldest first; the caller checks {@code revision >= start()}. */
  List<CachedEvent<T>> after(long revision) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (get(mid).revision() <= revision) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<CachedEvent<T>> out = new ArrayList<>(size - lo);
    for (int i = lo; i < size; i++) {
      out.add(get(i));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private CachedEvent<T> get(int i) {
    return (CachedEvent<T>) ring[(head + i) % ring.length];
  }
}
