package windlass.scheduler.queue;

import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import windlass.client.Clock;
import windlass.scheduler.framework.QueueSortPlugin;
import windlass.scheduler.plugins.queuesort.PrioritySort;

/**
 * The scheduler's queue, as upstream's PriorityQueue:
 *
 * <ul>
 *   <li><b>activeQ</b>: pods to schedule now, in the QueueSort plugin's order (PrioritySort: highest priority first,
 *       then oldest first); {@link #pop()} blocks
 *       on it.
 *   <li><b>backoffQ</b>: pods that failed; each waits 1 s doubling per attempt up to 10 s, then moves to activeQ
 *       (checked every second).
 *   <li><b>unschedulable</b>: pods no node fits; they move (to backoffQ if still backing off, else activeQ) on
 *       {@link #moveAllToActiveOrBackoffQueue} — a node added or changed, a bound pod deleted — or after 5 minutes.
 * </ul>
 *
 * <p>A popped pod is "in flight" until it is requeued or {@link #done}. If a move request arrives while it is in
 * flight (its cycle started before the move), a failure sends it to backoffQ instead of unschedulable, so the change
 * that might let it fit is not missed.
 */
public final class SchedulingQueue implements AutoCloseable {
  public static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration MAX_IN_UNSCHEDULABLE = Duration.ofMinutes(5);
  static final Duration BACKOFF_FLUSH_PERIOD = Duration.ofSeconds(1);
  static final Duration UNSCHEDULABLE_FLUSH_PERIOD = Duration.ofSeconds(30);

  private final Clock clock;
  private final Nominator nominator;
  private final PriorityQueue<QueuedPodInfo> activeQ;
  /** activeQ's pods by key, so membership checks do not scan the heap. */
  private final Map<String, QueuedPodInfo> activeByKey = new HashMap<>();
  private final Map<String, QueuedPodInfo> backoffQ = new HashMap<>();
  private final Map<String, QueuedPodInfo> unschedulable = new HashMap<>();
  /** Popped pods not yet requeued or done, with the newest version the informer delivered meanwhile. */
  private final Map<String, V1.Pod> inFlight = new HashMap<>();
  private long schedulingCycle;
  private long moveRequestCycle = -1;
  private boolean closed;
  private Clock.Timer backoffTimer;
  private Clock.Timer unschedulableTimer;

  /** A queue ordered by upstream's PrioritySort. */
  public SchedulingQueue(Clock clock) {
    this(clock, new PrioritySort());
  }

  /** A queue whose activeQ is ordered by the profile's QueueSort plugin. */
  public SchedulingQueue(Clock clock, QueueSortPlugin sort) {
    this(clock, sort, new Nominator());
  }

  /**
   * A queue that keeps {@code nominator} current as upstream's PriorityQueue does: pods added, updated (unless in
   * flight: their newest version is taken when they are requeued) and requeued after a failed cycle are nominated to
   * their status.nominatedNodeName; deleted pods lose their nomination.
   */
  public SchedulingQueue(Clock clock, QueueSortPlugin sort, Nominator nominator) {
    this.clock = clock;
    this.nominator = nominator;
    Comparator<QueuedPodInfo> order = (a, b) -> sort.less(a.pod(), a.timestamp(), b.pod(), b.timestamp()) ? -1
        : sort.less(b.pod(), b.timestamp(), a.pod(), a.timestamp()) ? 1 : 0;
    this.activeQ = new PriorityQueue<>(order);
  }

  /** The nominated pods (upstream's PodNominator, kept by the queue). */
  public Nominator nominator() {
    return nominator;
  }

  /** Starts the periodic flushes of backoffQ (every second) and of long-unschedulable pods (every 30 s). */
  public synchronized void start() {
    backoffTimer = clock.schedule(BACKOFF_FLUSH_PERIOD, this::backoffTick);
    unschedulableTimer = clock.schedule(UNSCHEDULABLE_FLUSH_PERIOD, this::unschedulableTick);
  }

  /** A new pending pod: to activeQ unless the queue already has it. */
  public synchronized void add(V1.Pod pod) {
    String k = QueuedPodInfo.keyOf(pod);
    if (contains(k)) {
      return;
    }
    Instant now = clock.now();
    addActive(new QueuedPodInfo(pod, now, 0, now));
    nominator.add(pod, null);
    notifyAll();
  }

  /**
   * A pending pod changed. In activeQ or backoffQ it is replaced; unschedulable, it moves on if its spec, labels or
   * annotations changed (a status update is not news); in flight, the newer version is kept for its requeue; unknown,
   * it is added.
   */
  public synchronized void update(V1.Pod oldPod, V1.Pod newPod) {
    String k = QueuedPodInfo.keyOf(newPod);
    if (inFlight.containsKey(k)) {
      inFlight.put(k, newPod);
      return;
    }
    if (contains(k)) {
      nominator.update(oldPod, newPod);
    }
    QueuedPodInfo a = activeByKey.get(k);
    if (a != null) {
      activeQ.remove(a);
      addActive(a.withPod(newPod));
      return;
    }
    QueuedPodInfo b = backoffQ.get(k);
    if (b != null) {
      backoffQ.put(k, b.withPod(newPod));
      return;
    }
    QueuedPodInfo u = unschedulable.get(k);
    if (u != null) {
      if (meaningfullyChanged(u.pod(), newPod)) {
        unschedulable.remove(k);
        requeueMoved(u.withPod(newPod));
      } else {
        unschedulable.put(k, u.withPod(newPod));
      }
      return;
    }
    add(newPod);
  }

  /** The pod was deleted (or bound): forget it everywhere. */
  public synchronized void delete(V1.Pod pod) {
    String k = QueuedPodInfo.keyOf(pod);
    QueuedPodInfo a = activeByKey.remove(k);
    if (a != null) {
      activeQ.remove(a);
    }
    backoffQ.remove(k);
    unschedulable.remove(k);
    inFlight.remove(k);
    nominator.delete(pod);
  }

  /**
   * Blocks until a pod is in activeQ and returns it, counting the attempt and starting a scheduling cycle; empty once
   * closed.
   */
  public synchronized Optional<Popped> pop() throws InterruptedException {
    while (activeQ.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      return Optional.empty();
    }
    QueuedPodInfo p = activeQ.poll();
    activeByKey.remove(p.key());
    schedulingCycle++;
    QueuedPodInfo tried = new QueuedPodInfo(p.pod(), p.timestamp(), p.attempts() + 1, p.initialAttemptTimestamp());
    inFlight.put(tried.key(), tried.pod());
    return Optional.of(new Popped(tried, schedulingCycle));
  }

  /** A popped pod and the scheduling cycle its attempt belongs to. */
  public record Popped(QueuedPodInfo info, long cycle) {}

  /** The popped pod was scheduled (assumed): it leaves the queue. */
  public synchronized void done(V1.Pod pod) {
    inFlight.remove(QueuedPodInfo.keyOf(pod));
  }

  /**
   * A popped pod that fit no node. It waits in unschedulable, or in backoffQ when a move request came after its
   * cycle started. Ignored if the queue already holds the pod or it was deleted while in flight.
   */
  public synchronized void addUnschedulableIfNotPresent(QueuedPodInfo info, long podSchedulingCycle) {
    String k = info.key();
    if (!inFlight.containsKey(k) || contains(k)) {
      inFlight.remove(k);
      return;
    }
    QueuedPodInfo p = info.withPod(inFlight.remove(k)).withTimestamp(clock.now());
    nominator.add(p.pod(), null);
    if (moveRequestCycle >= podSchedulingCycle) {
      backoffQ.put(k, p);
    } else {
      unschedulable.put(k, p);
    }
  }

  /** A popped pod whose attempt failed with an error: it retries after its backoff. */
  public synchronized void addBackoff(QueuedPodInfo info) {
    String k = info.key();
    if (!inFlight.containsKey(k) || contains(k)) {
      inFlight.remove(k);
      return;
    }
    QueuedPodInfo p = info.withPod(inFlight.remove(k)).withTimestamp(clock.now());
    nominator.add(p.pod(), null);
    backoffQ.put(k, p);
  }

  /**
   * Something changed that may let unschedulable pods fit ({@code event} names it, for logs): each moves to backoffQ
   * if still backing off, else to activeQ.
   */
  public synchronized void moveAllToActiveOrBackoffQueue(String event) {
    List<QueuedPodInfo> all = new ArrayList<>(unschedulable.values());
    unschedulable.clear();
    all.forEach(this::requeueMoved);
    moveRequestCycle = schedulingCycle;
  }

  /** Moves pods whose backoff has expired from backoffQ to activeQ. */
  public synchronized void flushBackoffCompleted() {
    Instant now = clock.now();
    backoffQ.values().removeIf(p -> {
      if (!backoffExpiry(p).isAfter(now)) {
        addActive(p);
        return true;
      }
      return false;
    });
    notifyAll();
  }

  /** Moves pods unschedulable for longer than {@link #MAX_IN_UNSCHEDULABLE}. */
  public synchronized void flushUnschedulableLeftover() {
    Instant now = clock.now();
    List<QueuedPodInfo> old = new ArrayList<>();
    unschedulable.values().removeIf(p -> {
      if (!p.timestamp().plus(MAX_IN_UNSCHEDULABLE).isAfter(now)) {
        old.add(p);
        return true;
      }
      return false;
    });
    old.forEach(this::requeueMoved);
  }

  /** How long a pod waits after {@code attempts} failures: 1 s doubling, at most 10 s. */
  public static Duration backoffDuration(int attempts) {
    Duration d = INITIAL_BACKOFF;
    for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  public synchronized long schedulingCycle() {
    return schedulingCycle;
  }

  public synchronized int activeCount() {
    return activeQ.size();
  }

  public synchronized int backoffCount() {
    return backoffQ.size();
  }

  public synchronized int unschedulableCount() {
    return unschedulable.size();
  }

  public synchronized boolean isUnschedulable(V1.Pod pod) {
    return unschedulable.containsKey(QueuedPodInfo.keyOf(pod));
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (backoffTimer != null) {
      backoffTimer.cancel();
      unschedulableTimer.cancel();
    }
    notifyAll();
  }

  private void requeueMoved(QueuedPodInfo p) {
    if (backoffExpiry(p).isAfter(clock.now())) {
      backoffQ.put(p.key(), p);
    } else {
      addActive(p);
      notifyAll();
    }
  }

  private Instant backoffExpiry(QueuedPodInfo p) {
    return p.timestamp().plus(backoffDuration(p.attempts()));
  }

  private boolean contains(String k) {
    return activeByKey.containsKey(k) || backoffQ.containsKey(k) || unschedulable.containsKey(k);
  }

  private void addActive(QueuedPodInfo p) {
    activeQ.add(p);
    activeByKey.put(p.key(), p);
  }

  private static boolean meaningfullyChanged(V1.Pod a, V1.Pod b) {
    return !a.getSpec().equals(b.getSpec())
        || !a.getMetadata().getLabelsMap().equals(b.getMetadata().getLabelsMap())
        || !a.getMetadata().getAnnotationsMap().equals(b.getMetadata().getAnnotationsMap());
  }

  private void backoffTick() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    flushBackoffCompleted();
    Clock.Timer next = clock.schedule(BACKOFF_FLUSH_PERIOD, this::backoffTick);
    synchronized (this) {
      backoffTimer = next;
    }
  }

  private void unschedulableTick() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    flushUnschedulableLeftover();
    Clock.Timer next = clock.schedule(UNSCHEDULABLE_FLUSH_PERIOD, this::unschedulableTick);
    synchronized (this) {
      unschedulableTimer = next;
    }
  }
}
