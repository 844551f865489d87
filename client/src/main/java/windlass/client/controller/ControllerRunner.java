package windlass.client.controller;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.protobuf.Message;
import io.grpc.Status.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.ObjectKey;
import windlass.client.ObjectMetas;
import windlass.client.informer.ResourceEventHandler;
import windlass.client.informer.SharedInformer;
import windlass.client.workqueue.RateLimitingQueue;

/**
 * Runs one controller: waits until its informers have synced, then {@code workers} threads each loop
 * pop key → {@link Reconciler#reconcile} → forget (success), requeue after a delay ({@link Result#requeueAfter}),
 * or add rate-limited (failure or {@link Result#requeue()}) → done. The queue guarantees a key is never reconciled
 * by two workers at once. Event handlers only enqueue keys: use {@link #enqueueObject()} and
 * {@link #enqueueMapped(Function)}.
 *
 * <p>A Guava {@code Service}: {@code startAsync()} returns at once, {@code awaitRunning()} returns once the informers
 * synced and the workers run, {@code stopAsync()} shuts the queue down and lets workers finish their current key.
 */
public final class ControllerRunner extends AbstractIdleService {
  private static final System.Logger LOG = System.getLogger(ControllerRunner.class.getName());

  private final String name;
  private final Reconciler reconciler;
  private final RateLimitingQueue<ObjectKey> queue;
  private final int workers;
  private final List<SharedInformer<?>> waitFor;
  private final List<Thread> threads = new ArrayList<>();

  /**
   * @param name the controller's name, for logs and thread names ("replicaset-controller")
   * @param reconciler the controller
   * @param queue its work queue (usually {@code RateLimitingQueue.create(clock)})
   * @param workers how many keys may be reconciled at once
   * @param waitFor informers whose caches must be synced before the first reconcile
   */
  public ControllerRunner(String name, Reconciler reconciler, RateLimitingQueue<ObjectKey> queue, int workers,
      List<SharedInformer<?>> waitFor) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.name = name;
    this.reconciler = reconciler;
    this.queue = queue;
    this.workers = workers;
    this.waitFor = List.copyOf(waitFor);
  }

  /** A runner with the controller default backoff (5 ms doubling to 1000 s per key). */
  public ControllerRunner(String name, Reconciler reconciler, Clock clock, int workers,
      List<SharedInformer<?>> waitFor) {
    this(name, reconciler, RateLimitingQueue.create(clock), workers, waitFor);
  }

  public String name() {
    return name;
  }

  public RateLimitingQueue<ObjectKey> queue() {
    return queue;
  }

  public void enqueue(ObjectKey key) {
    queue.add(key);
  }

  public void enqueueAfter(ObjectKey key, Duration delay) {
    queue.addAfter(key, delay);
  }

  /** A handler that enqueues the key of every added, updated or deleted object. */
  public <T extends Message> ResourceEventHandler<T> enqueueObject() {
    return ResourceEventHandler.onAny(o -> enqueue(ObjectMetas.key(o)));
  }

  /**
   * A handler that enqueues what {@code toKey} maps each changed object to (its controller owner, say); for updates
   * both the old and the new object are mapped, so a change of owner reaches both.
   */
  public <T extends Message> ResourceEventHandler<T> enqueueMapped(Function<T, Optional<ObjectKey>> toKey) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        toKey.apply(obj).ifPresent(ControllerRunner.this::enqueue);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        Optional<ObjectKey> o = toKey.apply(oldObj);
        Optional<ObjectKey> n = toKey.apply(newObj);
        n.ifPresent(ControllerRunner.this::enqueue);
        if (o.isPresent() && !o.equals(n)) {
          enqueue(o.get());
        }
      }

      @Override
      public void onDelete(T obj) {
        toKey.apply(obj).ifPresent(ControllerRunner.this::enqueue);
      }
    };
  }

  @Override
  protected void startUp() throws InterruptedException {
    for (SharedInformer<?> inf : waitFor) {
      while (!inf.awaitSynced(Duration.ofSeconds(30))) {
        LOG.log(System.Logger.Level.INFO, name + ": still waiting for " + inf.name() + " to sync");
      }
    }
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::work, name + "-worker-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    LOG.log(System.Logger.Level.INFO, name + ": caches synced, " + workers + " workers started");
  }

  @Override
  protected void shutDown() throws InterruptedException {
    queue.shutDown();
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(30).toMillis());
    }
  }

  @Override
  protected String serviceName() {
    return name;
  }

  private void work() {
    while (true) {
      Optional<ObjectKey> next;
      try {
        next = queue.get();
      } catch (InterruptedException e) {
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      process(next.get());
    }
  }

  /** One pass of the worker loop for one key. Visible for tests that drive a runner without threads. */
  public void process(ObjectKey key) {
    try {
      Result r = reconciler.reconcile(key);
      if (r.retry()) {
        queue.addRateLimited(key);
      } else if (!r.requeueAfter().isZero() && !r.requeueAfter().isNegative()) {
        queue.forget(key);
        queue.addAfter(key, r.requeueAfter());
      } else {
        queue.forget(key);
      }
    } catch (Exception e) {
      int n = queue.numRequeues(key);
      if (e instanceof ApiException a && (a.code() == Code.ABORTED || a.code() == Code.ALREADY_EXISTS)) {
        LOG.log(System.Logger.Level.DEBUG, name + ": " + key + ": " + e.getMessage() + "; requeuing");
      } else {
        LOG.log(System.Logger.Level.WARNING, name + ": error syncing " + key + " (retry " + (n + 1) + "): "
            + e.getMessage(), e);
      }
      queue.addRateLimited(key);
    } finally {
      queue.done(key);
    }
  }

  /** Pops and processes one key if one is waiting now; for tests that drive a runner by hand. */
  public boolean processNextIfAny() throws InterruptedException {
    if (queue.len() == 0) {
      return false;
    }
    Optional<ObjectKey> k = queue.get();
    k.ifPresent(this::process);
    return k.isPresent();
  }
}
