package windlass.client.events;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;
import windlass.client.WindlassClient;

/**
 * Records core/v1 Events about objects, as upstream's record.EventRecorder: named {@code <object>.<hex unix nanos>},
 * in the object's namespace ("default" for cluster-scoped objects), with involvedObject, reason, message, type,
 * source.component (and host), first/lastTimestamp and count. An event repeated (same object, type, reason, message)
 * bumps the count and lastTimestamp of the one already written instead of adding another.
 *
 * <p>Writing happens on background threads: {@link #event} never blocks and never throws; failures are logged. Four
 * writers work at once (upstream's events broadcaster writes each event on its own goroutine), each event going to the
 * writer its "same event" key picks, so repeats of one event are written in order and aggregate. When more than 1000
 * events wait, new ones are dropped, as upstream's broadcaster does; drops are logged once, then as a count at most
 * every 10 seconds.
 */
public final class EventRecorder implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventRecorder.class.getName());
  private static final int MAX_PENDING = 1000;
  private static final int WRITERS = 4;
  private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int MAX_REMEMBERED = 4096;

  private final WindlassClient client;
  private final String component;
  private final String host;
  private final Clock clock;
  private final ThreadPoolExecutor[] writers = new ThreadPoolExecutor[WRITERS];
  private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
  private volatile long lastDropLog = System.nanoTime() - DROP_LOG_INTERVAL_NANOS;
  /** Recently written events by what makes them "the same event", for aggregation. */
  private final Map<String, V1.Event> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, V1.Event> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };
  private long lastNanos;

  /**
   * @param component source.component, e.g. "default-scheduler", "replicaset-controller"
   * @param host source.host, may be ""
   */
  public EventRecorder(WindlassClient client, String component, String host, Clock clock) {
    this.client = client;
    this.component = component;
    this.host = host;
    this.clock = clock;
    for (int i = 0; i < WRITERS; i++) {
      writers[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(MAX_PENDING / WRITERS), r -> {
            Thread t = new Thread(r, "events-" + component);
            t.setDaemon(true);
            return t;
          });
    }
  }

  public void normal(Message obj, String reason, String message) {
    event(obj, EventType.NORMAL, reason, message);
  }

  public void warning(Message obj, String reason, String message) {
    event(obj, EventType.WARNING, reason, message);
  }

  /** Records an event about {@code obj} (any served kind) in the background. */
  public void event(Message obj, EventType type, String reason, String message) {
    Instant now = clock.now();
    V1.ObjectReference ref;
    try {
      ref = reference(obj);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot record event " + reason + ": " + e.getMessage());
      return;
    }
    String ns = ref.getNamespace().isEmpty() ? "default" : ref.getNamespace();
    String sameKey = String.join("\u0000", ref.getKind(), ns, ref.getName(), ref.getUid(), type.spelling(), reason,
        message);
    try {
      writers[Math.floorMod(sameKey.hashCode(), WRITERS)].execute(
          () -> write(ref, ns, sameKey, type, reason, message, now));
    } catch (RejectedExecutionException e) {
      logDropped(reason, ref);
    }
  }

  /** Logs the first drop, then how many were dropped, at most every 10 s (a flood of drop lines costs CPU too). */
  private void logDropped(String reason, V1.ObjectReference ref) {
    dropped.incrementAndGet();
    long now = System.nanoTime();
    if (now - lastDropLog >= DROP_LOG_INTERVAL_NANOS) {
      lastDropLog = now;
      long count = dropped.getAndSet(0);
      LOG.log(System.Logger.Level.WARNING, "dropped " + count + (count == 1 ? " event" : " events") + " (the last "
          + reason + " about " + ref.getNamespace() + "/" + ref.getName() + "): too many events waiting ("
          + MAX_PENDING + ")");
    }
  }

  /** The reference an Event keeps to the object it is about. */
  public static V1.ObjectReference reference(Message obj) {
    Kind kind = Kinds.forMessage(obj).orElseThrow(
        () -> new IllegalArgumentException("no kind is served for " + obj.getDescriptorForType().getFullName()));
    Meta.ObjectMeta m = ObjectMetas.of(obj);
    return V1.ObjectReference.newBuilder()
        .setKind(kind.kind()).setApiVersion(kind.apiVersion())
        .setNamespace(m.getNamespace()).setName(m.getName()).setUid(m.getUid())
        .setResourceVersion(m.getResourceVersion())
        .build();
  }

  /** Waits (in real time) until every event recorded so far has been written or has failed; for tests. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ThreadPoolExecutor writer : writers) {
      while (writer.getActiveCount() > 0 || !writer.getQueue().isEmpty()) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
    }
    return true;
  }

  @Override
  public void close() {
    for (ThreadPoolExecutor writer : writers) {
      writer.shutdown();
    }
    try {
      for (ThreadPoolExecutor writer : writers) {
        writer.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(V1.ObjectReference ref, String ns, String sameKey, EventType type, String reason,
      String message, Instant at) {
    Meta.Time ts = Meta.Time.newBuilder().setSeconds(at.getEpochSecond()).setNanos(0).build();
    try {
      V1.Event seen;
      synchronized (recent) {
        seen = recent.get(sameKey);
      }
      V1.Event written;
      if (seen != null) {
        try {
          written = bump(ns, seen, ts);
        } catch (ApiException e) {
          if (e.code() != Code.NOT_FOUND) {
            throw e;
          }
          written = create(ns, ref, type, reason, message, ts, at);
        }
      } else {
        written = create(ns, ref, type, reason, message, ts, at);
      }
      synchronized (recent) {
        recent.put(sameKey, written);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not write event " + reason + " about " + ref.getKind() + " "
          + ns + "/" + ref.getName() + ": " + e.getMessage());
    }
  }

  private V1.Event bump(String ns, V1.Event seen, Meta.Time ts) {
    V1.Event current = client.events(ns).get(seen.getMetadata().getName());
    return client.events(ns).update(current.toBuilder()
        .setCount(current.getCount() + 1).setLastTimestamp(ts).build());
  }

  private V1.Event create(String ns, V1.ObjectReference ref, EventType type, String reason, String message,
      Meta.Time ts, Instant at) {
    long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    synchronized (this) {
      nanos = Math.max(nanos, lastNanos + 1);
      lastNanos = nanos;
    }
    V1.Event ev = V1.Event.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(ref.getName() + "." + Long.toHexString(nanos))
            .setNamespace(ns))
        .setInvolvedObject(ref)
        .setReason(reason)
        .setMessage(message)
        .setType(type.spelling())
        .setSource(host.isEmpty() ? V1.EventSource.newBuilder().setComponent(component)
            : V1.EventSource.newBuilder().setComponent(component).setHost(host))
        .setFirstTimestamp(ts)
        .setLastTimestamp(ts)
        .setCount(1)
        .setReportingComponent(component)
        .setReportingInstance(host)
        .build();
    return client.events(ns).create(ev);
  }
}
