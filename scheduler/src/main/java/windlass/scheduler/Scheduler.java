package windlass.scheduler;

import com.google.common.util.concurrent.AbstractIdleService;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import windlass.client.Kinds;
import windlass.client.events.EventRecorder;
import windlass.client.informer.InformerFactory;
import windlass.client.informer.SharedInformer;
import windlass.scheduler.cache.SchedulerCache;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.plugins.queuesort.PrioritySort;
import windlass.scheduler.queue.SchedulingQueue;

/**
 * The scheduler: follows pods and nodes with informers, queues pending pods whose spec.schedulerName is this
 * scheduler's, and binds each to a node picked by the profile's plugins; records Scheduled / FailedScheduling events
 * and the PodScheduled condition as upstream.
 *
 * <p>A Guava {@code Service}: {@code startAsync().awaitRunning()} returns once the informers have synced and the
 * scheduling loop runs; {@code stopAsync()} stops it.
 */
public final class Scheduler extends AbstractIdleService {
  private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());

  private final SchedulerConfig config;
  private final Framework framework;
  private final SchedulerCache cache = new SchedulerCache();
  private final SchedulingQueue queue;
  private final InformerFactory informers;
  private final SharedInformer<V1.Pod> podInformer;
  private final SharedInformer<V1.Node> nodeInformer;
  private final EventRecorder recorder;
  private final ExecutorService binding;
  private final ScheduleOne scheduleOne;
  private Thread loop;

  /** A scheduler with the default profile (see {@link DefaultProfile}). */
  public Scheduler(SchedulerConfig config) {
    this(config, DefaultProfile.create(config.schedulerName(), config.client()));
  }

  /** A scheduler running {@code framework}'s plugins. */
  public Scheduler(SchedulerConfig config, Framework framework) {
    this.config = config;
    this.framework = framework;
    this.queue = new SchedulingQueue(config.clock(), framework.queueSort().orElseGet(PrioritySort::new));
    this.informers = new InformerFactory(config.client(), config.clock(), Duration.ZERO);
    this.podInformer = informers.informer(Kinds.POD);
    this.nodeInformer = informers.informer(Kinds.NODE);
    this.recorder = new EventRecorder(config.client(), config.schedulerName(), "", config.clock());
    AtomicInteger n = new AtomicInteger();
    this.binding = Executors.newFixedThreadPool(config.bindingThreads(), r -> {
      Thread t = new Thread(r, "scheduler-binding-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    FailureHandler failures = new FailureHandler(config.client(), queue, podInformer.lister(), recorder,
        config.clock());
    SchedulingAlgorithm algorithm = new SchedulingAlgorithm(framework, config.random());
    this.scheduleOne = new ScheduleOne(framework, algorithm, cache, queue, podInformer.lister(), recorder, failures,
        binding);
    EventHandlers handlers = new EventHandlers(cache, queue, config.schedulerName());
    nodeInformer.addEventHandler(handlers.nodes());
    podInformer.addEventHandler(handlers.pods());
  }

  public SchedulerCache cache() {
    return cache;
  }

  public SchedulingQueue queue() {
    return queue;
  }

  public Framework framework() {
    return framework;
  }

  /** The cached pod, as the scheduler's informer last saw it. */
  public Optional<V1.Pod> cachedPod(String namespace, String name) {
    return podInformer.lister().get(namespace, name);
  }

  @Override
  protected void startUp() throws InterruptedException {
    informers.start();
    while (!informers.awaitSynced(Duration.ofSeconds(30))) {
      LOG.log(System.Logger.Level.INFO, "scheduler: still waiting for the pod and node informers to sync");
    }
    queue.start();
    loop = new Thread(this::run, "scheduler-" + config.schedulerName());
    loop.setDaemon(true);
    loop.start();
    LOG.log(System.Logger.Level.INFO, "scheduler " + config.schedulerName() + " started");
  }

  @Override
  protected void shutDown() throws InterruptedException {
    queue.close();
    if (loop != null) {
      loop.join(TimeUnit.SECONDS.toMillis(10));
    }
    binding.shutdown();
    binding.awaitTermination(10, TimeUnit.SECONDS);
    informers.close();
    recorder.close();
  }

  @Override
  protected String serviceName() {
    return "scheduler";
  }

  private void run() {
    while (true) {
      Optional<SchedulingQueue.Popped> next;
      try {
        next = queue.pop();
      } catch (InterruptedException e) {
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      try {
        scheduleOne.run(next.get());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "scheduling cycle failed unexpectedly", e);
      }
    }
  }
}
