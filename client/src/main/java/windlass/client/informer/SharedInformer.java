package windlass.client.informer;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import windlass.api.v1.WatchEventType;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.ListOptions;
import windlass.client.ObjectMetas;
import windlass.client.ResourceClient;
import windlass.client.Watch;
import windlass.client.WatchEvent;
import windlass.client.Watcher;

/**
 * Keeps a cache of one resource (optionally narrowed by label/field selector) current and tells handlers about every
 * change, as client-go's shared informer:
 *
 * <ol>
 *   <li>list, replace the cache (emitting the difference as adds, updates and deletes), mark synced;
 *   <li>watch from the list's resourceVersion, applying each event to the cache, then to the handlers;
 *   <li>when the watch ends, or fails, watch again from the last resourceVersion seen (after a backoff on errors);
 *   <li>when the server answers OUT_OF_RANGE (410 Gone: that revision was compacted), go back to 1: the relist's
 *       difference reports what the watch missed, deletes included, so no change is lost.
 * </ol>
 *
 * <p>Handlers run in order on one dispatch thread. With a resync period, every cached object is re-delivered as an
 * update (old == new) that often. Add handlers and indexes, then {@link #start()}; {@link #close()} stops it.
 */
public final class SharedInformer<T extends Message> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SharedInformer.class.getName());
  private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final ResourceClient<T> client;
  private final ListOptions options;
  private final Clock clock;
  private final Duration resyncPeriod;
  private final String name;
  private final Cache<T> cache = new Cache<>();
  private final Dispatcher<T> dispatcher;
  private final CountDownLatch synced = new CountDownLatch(1);
  /** How many notifications the first list had made, handler replays included (set before {@code synced} opens). */
  private volatile long initialNotifications;
  private final Thread reflector;
  private volatile boolean running;
  private volatile boolean started;
  private volatile String lastResourceVersion = "";
  private volatile Watch currentWatch;
  private volatile Clock.Timer resyncTimer;
  private volatile int relists;

  /** An informer over everything {@code client} can see, without resync. */
  public SharedInformer(ResourceClient<T> client, Clock clock) {
    this(client, ListOptions.ALL, clock, Duration.ZERO);
  }

  /**
   * @param client the resource and namespace ("" = all) to follow
   * @param options label and field selectors narrowing what is followed (other fields are ignored)
   * @param clock times backoffs and resyncs
   * @param resyncPeriod how often to re-deliver every cached object as an update; zero for never
   */
  public SharedInformer(ResourceClient<T> client, ListOptions options, Clock clock, Duration resyncPeriod) {
    this.client = client;
    this.options = new ListOptions(options.labelSelector(), options.fieldSelector(), 0, "", "", false);
    this.clock = clock;
    this.resyncPeriod = resyncPeriod;
    String ns = client.namespace().isEmpty() ? "" : client.namespace() + "/";
    this.name = "informer-" + ns + client.kind().groupResource();
    this.dispatcher = new Dispatcher<>(name + "-handlers");
    this.reflector = new Thread(this::run, name);
    this.reflector.setDaemon(true);
  }

  /** Adds a handler. Added after start, it first gets an add for every cached object. */
  public void addEventHandler(ResourceEventHandler<T> handler) {
    synchronized (cache) {
      if (started) {
        for (T obj : cache.list()) {
          dispatcher.addTo(handler, obj);
        }
      }
      dispatcher.addHandler(handler);
    }
  }

  /** Adds an index (before start), e.g. pods by spec.nodeName. */
  public void addIndex(String indexName, Indexer.IndexFunction<T> function) {
    if (started) {
      throw new IllegalStateException(name + ": add indexes before start()");
    }
    cache.addIndex(indexName, function);
  }

  public Lister<T> lister() {
    return cache;
  }

  public Indexer<T> indexer() {
    return cache;
  }

  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    running = true;
    dispatcher.start();
    reflector.start();
    if (!resyncPeriod.isZero() && !resyncPeriod.isNegative()) {
      resyncTimer = clock.schedule(resyncPeriod, this::resync);
    }
  }

  /**
   * True once the first list has filled the cache and the handlers registered by then have been told about it (what
   * upstream's scheduler waits for with WaitForHandlersSync: a component starting work after this has seen in its
   * handlers every object of the initial list).
   */
  public boolean hasSynced() {
    return synced.getCount() == 0 && dispatcher.delivered(initialNotifications);
  }

  /** Waits (in real time) until {@link #hasSynced}; false on timeout. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS)
        && dispatcher.awaitDelivered(initialNotifications, deadline);
  }

  /** The resourceVersion of the last list or watch event applied. */
  public String lastResourceVersion() {
    return lastResourceVersion;
  }

  /** How many times the informer listed (1 after the first sync; more after OUT_OF_RANGE). */
  public int listCount() {
    return relists;
  }

  /** True when handlers have been told about everything applied to the cache so far (for tests). */
  public boolean handlersIdle() {
    return dispatcher.drained();
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    running = false;
    Clock.Timer t = resyncTimer;
    if (t != null) {
      t.cancel();
    }
    Watch w = currentWatch;
    if (w != null) {
      w.close();
    }
    reflector.interrupt();
    dispatcher.stop();
  }

  private void run() {
    Duration backoff = INITIAL_BACKOFF;
    boolean needList = true;
    int emptyCloses = 0;
    while (running) {
      try {
        if (needList) {
          listAndReplace();
          needList = false;
          backoff = INITIAL_BACKOFF;
        }
        WatchResult r = watchOnce();
        if (!running) {
          return;
        }
        if (r.error() == null) {
          // The server ended the stream (timeout, restart): resume. Back off only if it keeps ending empty.
          emptyCloses = r.events() > 0 ? 0 : emptyCloses + 1;
          if (emptyCloses > 1) {
            clock.sleep(backoff);
            backoff = next(backoff);
          }
          continue;
        }
        emptyCloses = 0;
        if (r.error().code() == Code.OUT_OF_RANGE) {
          LOG.log(System.Logger.Level.INFO, name + ": resourceVersion " + lastResourceVersion
              + " is too old (" + r.error().getMessage() + "); relisting");
          needList = true;
          continue;
        }
        LOG.log(System.Logger.Level.WARNING, name + ": watch failed (" + r.error().code() + ": "
            + r.error().getMessage() + "); resuming from resourceVersion " + lastResourceVersion + " in " + backoff);
        clock.sleep(backoff);
        backoff = next(backoff);
      } catch (ApiException e) {
        LOG.log(System.Logger.Level.WARNING, name + ": list failed (" + e.code() + ": " + e.getMessage()
            + "); retrying in " + backoff);
        try {
          clock.sleep(backoff);
        } catch (InterruptedException ie) {
          return;
        }
        backoff = next(backoff);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static Duration next(Duration backoff) {
    Duration d = backoff.multipliedBy(2);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private void listAndReplace() {
    var list = client.list(options);
    synchronized (cache) {
      relists++;
      Cache.Diff<T> diff = cache.replace(list.items());
      diff.added().forEach(dispatcher::add);
      for (Map.Entry<T, T> u : diff.updated()) {
        dispatcher.update(u.getKey(), u.getValue());
      }
      diff.deleted().forEach(dispatcher::delete);
      lastResourceVersion = list.resourceVersion();
      if (synced.getCount() > 0) {
        initialNotifications = dispatcher.made();
      }
    }
    synced.countDown();
  }

  private record WatchResult(ApiException error, int events) {}

  private WatchResult watchOnce() throws InterruptedException {
    CompletableFuture<Optional<ApiException>> closed = new CompletableFuture<>();
    int[] events = {0};
    ListOptions o = options.withResourceVersion(lastResourceVersion);
    o = new ListOptions(o.labelSelector(), o.fieldSelector(), 0, "", o.resourceVersion(), true);
    Watch w = client.watch(o, new Watcher<>() {
      @Override
      public void onEvent(WatchEvent<T> e) {
        events[0]++;
        try {
          apply(e);
        } catch (RuntimeException ex) {
          LOG.log(System.Logger.Level.ERROR, name + ": could not apply " + e.type() + " event", ex);
        }
      }

      @Override
      public void onClose(ApiException error) {
        closed.complete(Optional.ofNullable(error));
      }
    });
    currentWatch = w;
    if (!running) {
      w.close();
    }
    try {
      return new WatchResult(closed.get().orElse(null), events[0]);
    } catch (InterruptedException e) {
      w.close();
      throw e;
    } catch (ExecutionException e) {
      return new WatchResult(ApiException.from(e.getCause()), events[0]);
    } finally {
      currentWatch = null;
    }
  }

  private void apply(WatchEvent<T> e) {
    T obj = e.object();
    String rv = ObjectMetas.of(obj).getResourceVersion();
    synchronized (cache) {
      if (e.type() == WatchEventType.BOOKMARK) {
        lastResourceVersion = rv;
        return;
      }
      switch (e.type()) {
        case ADDED, MODIFIED -> {
          Optional<T> old = cache.put(obj);
          if (old.isPresent()) {
            dispatcher.update(old.get(), obj);
          } else {
            dispatcher.add(obj);
          }
        }
        case DELETED -> {
          cache.remove(obj);
          dispatcher.delete(obj);
        }
        default -> LOG.log(System.Logger.Level.WARNING, name + ": ignoring watch event of type " + e.type());
      }
      if (!rv.isEmpty()) {
        lastResourceVersion = rv;
      }
    }
  }

  private void resync() {
    if (!running) {
      return;
    }
    synchronized (cache) {
      List<T> all = cache.list();
      for (T obj : all) {
        dispatcher.update(obj, obj);
      }
    }
    resyncTimer = clock.schedule(resyncPeriod, this::resync);
  }
}
