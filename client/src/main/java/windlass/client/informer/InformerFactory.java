package windlass.client.informer;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import windlass.client.Clock;
import windlass.client.Kind;
import windlass.client.ListOptions;
import windlass.client.WindlassClient;

/**
 * Hands out one {@link SharedInformer} per (kind, namespace, selectors), so controllers in one process share a cache
 * and a watch per resource. Ask for informers and add handlers, then {@link #start()}.
 */
public final class InformerFactory implements AutoCloseable {
  private record Key(Kind kind, String namespace, String labelSelector, String fieldSelector) {}

  private final WindlassClient client;
  private final Clock clock;
  private final Duration resyncPeriod;
  private final Map<Key, SharedInformer<?>> informers = new LinkedHashMap<>();
  private boolean started;

  public InformerFactory(WindlassClient client, Clock clock, Duration resyncPeriod) {
    this.client = client;
    this.clock = clock;
    this.resyncPeriod = resyncPeriod;
  }

  /** The informer for every object of {@code kind}, in all namespaces. */
  public <T extends Message> SharedInformer<T> informer(Kind kind) {
    return informer(kind, "", ListOptions.ALL);
  }

  /** The informer for {@code kind} in {@code namespace} ("" = all) narrowed by the options' selectors. */
  @SuppressWarnings("unchecked")
  public synchronized <T extends Message> SharedInformer<T> informer(Kind kind, String namespace, ListOptions o) {
    Key key = new Key(kind, namespace, o.labelSelector(), o.fieldSelector());
    SharedInformer<T> inf = (SharedInformer<T>) informers.get(key);
    if (inf == null) {
      inf = new SharedInformer<>(client.resource(kind, namespace), o, clock, resyncPeriod);
      informers.put(key, inf);
      if (started) {
        inf.start();
      }
    }
    return inf;
  }

  /** Starts every informer handed out so far (and, from now on, each new one at once). */
  public synchronized void start() {
    started = true;
    informers.values().forEach(SharedInformer::start);
  }

  public synchronized List<SharedInformer<?>> informers() {
    return new ArrayList<>(informers.values());
  }

  /** Waits (in real time) until every informer has synced; false on timeout. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (SharedInformer<?> inf : informers()) {
      if (!inf.awaitSynced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedInformer::close);
  }
}
