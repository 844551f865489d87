package windlass.kubelet.pod;

import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import windlass.client.ApiException;
import windlass.client.ListOptions;
import windlass.client.ResourceClient;
import windlass.client.WatchEvent;
import windlass.client.Watcher;

/**
 * The pods bound to this node (fieldSelector spec.nodeName=&lt;node&gt;), by list then watch from the list's
 * resourceVersion; a relist on OUT_OF_RANGE (410 Gone), on any error after a pause, and whenever the stream ends. A
 * relist reports pods that vanished meanwhile as removed. Small on purpose: to be replaced by the shared informer.
 */
public final class PodSource implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PodSource.class.getName());

  /** Receives changes in order on the source's thread. */
  public interface Handler {
    void upsert(V1.Pod pod);

    void removed(V1.Pod pod);

    /** After each complete list: the handler now knows every pod of this node. */
    default void synced() {}
  }

  private final ResourceClient<V1.Pod> pods;
  private final String nodeName;
  private final Handler handler;
  private final Duration retry;
  private final Map<String, V1.Pod> known = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicReference<windlass.client.Watch> watch = new AtomicReference<>();
  private volatile boolean closed;
  private Thread thread;

  /** {@code pods}: an all-namespaces pod client. */
  public PodSource(ResourceClient<V1.Pod> pods, String nodeName, Handler handler, Duration retry) {
    this.pods = pods;
    this.nodeName = nodeName;
    this.handler = handler;
    this.retry = retry;
  }

  public synchronized void start() {
    thread = new Thread(this::loop, "pod-source-" + nodeName);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    ListOptions opts = ListOptions.ALL.withFieldSelector("spec.nodeName=" + nodeName);
    while (!closed) {
      try {
        var list = pods.list(opts);
        Map<String, V1.Pod> seen = new HashMap<>();
        for (V1.Pod p : list.items()) {
          seen.put(p.getMetadata().getUid(), p);
        }
        for (V1.Pod gone : known.values()) {
          if (!seen.containsKey(gone.getMetadata().getUid())) {
            handler.removed(gone);
          }
        }
        known.clear();
        known.putAll(seen);
        list.items().forEach(handler::upsert);
        handler.synced();

        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<ApiException> error = new AtomicReference<>();
        watch.set(pods.watch(opts.withResourceVersion(list.resourceVersion()), new Watcher<V1.Pod>() {
          @Override
          public void onEvent(WatchEvent<V1.Pod> e) {
            V1.Pod p = e.object();
            switch (e.type()) {
              case ADDED, MODIFIED -> {
                known.put(p.getMetadata().getUid(), p);
                handler.upsert(p);
              }
              case DELETED -> {
                known.remove(p.getMetadata().getUid());
                handler.removed(p);
              }
              default -> { }
            }
          }

          @Override
          public void onClose(ApiException err) {
            error.set(err);
            ended.countDown();
          }
        }));
        if (closed) {
          watch.get().close();
        }
        ended.await();
        ApiException err = error.get();
        if (err != null && err.code() != io.grpc.Status.Code.OUT_OF_RANGE && !closed) {
          LOG.warning("pod watch for node " + nodeName + " failed: " + err.getMessage() + "; relisting in "
              + retry.toMillis() + " ms");
          Thread.sleep(retry.toMillis());
        } else if (!closed) {
          Thread.sleep(Math.min(200, retry.toMillis())); // a server that ends streams at once must not spin us
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warning("pod list for node " + nodeName + " failed: " + e.getMessage() + "; retrying in "
            + retry.toMillis() + " ms");
        try {
          Thread.sleep(retry.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    var w = watch.get();
    if (w != null) {
      w.close();
    }
    if (thread != null) {
      thread.interrupt();
    }
  }
}
