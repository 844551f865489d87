package windlass.kubelet.pod;

import io.kubernetes.client.proto.V1;
import windlass.client.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One worker per pod bound to this node. A worker syncs its pod whenever something may have changed (the pod in the
 * API, the runtime via the PLEG, a back-off ending, the periodic resync); syncs of one pod never overlap, and a wake-up
 * during a sync causes exactly one more sync after it. Deletion: a pod with deletionTimestamp is torn down (containers
 * stopped with its grace period, sandboxes removed) and then deleted from the API with grace period 0; a pod that
 * vanished from the API is torn down.
 */
public final class PodWorkers {
  private static final Logger LOG = Logger.getLogger(PodWorkers.class.getName());
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final PodSyncer syncer;
  private final StatusWriter statusWriter;
  private final PodApi api;
  private final ExecutorService executor;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();
  /** Uids torn down and deleted by us: late events for them are ignored. */
  private final Set<String> finished = ConcurrentHashMap.newKeySet();

  public PodWorkers(PodSyncer syncer, StatusWriter statusWriter, PodApi api, ExecutorService executor,
      ScheduledExecutorService timers, Clock clock) {
    this.syncer = syncer;
    this.statusWriter = statusWriter;
    this.api = api;
    this.executor = executor;
    this.timers = timers;
    this.clock = clock;
  }

  /** The pod was added or changed in the API. */
  public void update(V1.Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (finished.contains(uid)) {
      return;
    }
    workers.computeIfAbsent(uid, u -> new Worker(u)).setPod(pod);
  }

  /** The pod is gone from the API (deleted outright, or not in a relist). */
  public void remove(V1.Pod pod) {
    String uid = pod.getMetadata().getUid();
    finished.remove(uid);
    Worker w = workers.get(uid);
    if (w != null) {
      w.markRemoved();
    }
  }

  /** Something about this pod's runtime state changed. */
  public void signal(String uid) {
    Worker w = workers.get(uid);
    if (w != null) {
      w.signal();
    }
  }

  public Set<String> uids() {
    return Set.copyOf(workers.keySet());
  }

  /** The pod a worker holds, by namespace and name. */
  public Optional<V1.Pod> find(String namespace, String name) {
    return workers.values().stream().map(w -> w.pod)
        .filter(p -> p != null && p.getMetadata().getNamespace().equals(namespace)
            && p.getMetadata().getName().equals(name))
        .findFirst();
  }

  public List<V1.Pod> pods() {
    return workers.values().stream().map(w -> w.pod).filter(p -> p != null).toList();
  }

  private final class Worker {
    private final String uid;
    private volatile V1.Pod pod;
    private volatile boolean removed;
    private boolean running;
    private boolean dirty;
    private boolean done;
    private java.util.concurrent.ScheduledFuture<?> timer;

    Worker(String uid) {
      this.uid = uid;
    }

    void setPod(V1.Pod p) {
      pod = p;
      signal();
    }

    void markRemoved() {
      removed = true;
      signal();
    }

    void signal() {
      synchronized (this) {
        dirty = true;
        if (running) {
          return;
        }
        running = true;
      }
      executor.execute(this::run);
    }

    private void run() {
      while (true) {
        synchronized (this) {
          if (!dirty || done) {
            running = false;
            return;
          }
          dirty = false;
        }
        Instant next;
        try {
          next = syncOnce();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "sync of pod " + describe() + " failed; retrying in " + RETRY.toSeconds() + "s", e);
          next = clock.now().plus(RETRY);
        }
        if (next != null) {
          scheduleAt(next);
        }
      }
    }

    private synchronized void scheduleAt(Instant at) {
      if (timer != null) {
        timer.cancel(false);
      }
      long delay = Math.max(0, Duration.between(clock.now(), at).toMillis());
      timer = timers.schedule(this::signal, delay, TimeUnit.MILLISECONDS);
    }

    /** One sync; returns when to sync again, or null when the worker is done. */
    private Instant syncOnce() {
      V1.Pod p = pod;
      var m = p.getMetadata();
      if (removed) {
        syncer.teardown(uid, m.getNamespace(), m.getName(), PodSyncer.gracePeriod(p));
        finish();
        return null;
      }
      if (m.hasDeletionTimestamp()) {
        Duration grace = PodSyncer.gracePeriod(p);
        LOG.info("pod " + describe() + " is being deleted: stopping it (grace period " + grace.toSeconds() + "s)");
        syncer.teardown(uid, m.getNamespace(), m.getName(), grace);
        api.deleteNow(m.getNamespace(), m.getName(), uid);
        finished.add(uid);
        finish();
        return null;
      }
      PodSyncer.Result r = syncer.sync(p, statusWriter.last(p));
      statusWriter.write(p, r.status());
      return r.wakeAt();
    }

    private synchronized void finish() {
      done = true;
      if (timer != null) {
        timer.cancel(false);
      }
      workers.remove(uid, this);
      statusWriter.forget(uid);
    }

    private String describe() {
      V1.Pod p = pod;
      return p == null ? uid : p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
  }
}
