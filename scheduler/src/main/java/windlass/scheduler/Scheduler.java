package windlass.scheduler;

import com.google.common.util.concurrent.AbstractIdleService;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.time.Duration;
import java.util.Map;
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
import windlass.scheduler.config.PluginServices;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.framework.QueueSortPlugin;
import windlass.scheduler.plugins.queuesort.PrioritySort;
import windlass.scheduler.plugins.volumebinding.VolumeLister;
import windlass.scheduler.queue.Nominator;
import windlass.scheduler.queue.SchedulingQueue;

/**
 * The scheduler: follows pods, nodes, PersistentVolumeClaims, PersistentVolumes, PodDisruptionBudgets and namespaces
 * (their labels, for pod affinity's namespaceSelector) with informers, queues pending pods whose spec.schedulerName is this
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
  private final java.util.List<EventRecorder> recorders = new java.util.ArrayList<>();
  /** The recorders by profile name, for plugins (DefaultPreemption's events on victims); filled before start. */
  private final java.util.Map<String, EventRecorder> recorderByProfile = new java.util.concurrent.ConcurrentHashMap<>();
  private final ExecutorService binding;
  /** One scheduling pipeline per profile, by the schedulerName pods use to pick it. */
  private final java.util.Map<String, ScheduleOne> profiles = new java.util.LinkedHashMap<>();
  private Thread loop;

  /** A scheduler with the default profile (see {@link DefaultProfile}). */
  public Scheduler(SchedulerConfig config) {
    this(config, services -> java.util.Map.of(config.schedulerName(),
        DefaultProfile.create(config.schedulerName(), config.client(), services)), 0);
  }

  /** A scheduler running {@code framework}'s plugins for pods of {@code config.schedulerName()}. */
  public Scheduler(SchedulerConfig config, Framework framework) {
    this(config, volumes -> java.util.Map.of(config.schedulerName(), framework), 0);
  }

  /**
   * A scheduler with several profiles (from a KubeSchedulerConfiguration): each pod is scheduled by the profile
   * named by its spec.schedulerName (an empty name means default-scheduler); pods naming none of them are left to
   * other schedulers.
   */
  public Scheduler(SchedulerConfig config, java.util.List<Framework> frameworks) {
    this(config, volumes -> byName(frameworks), 0);
  }

  /**
   * The same with KubeSchedulerConfiguration's percentageOfNodesToScore (0: upstream's adaptive default, 100: filter
   * and score every node).
   */
  public Scheduler(SchedulerConfig config, java.util.List<Framework> frameworks, int percentageOfNodesToScore) {
    this(config, volumes -> byName(frameworks), percentageOfNodesToScore);
  }

  /**
   * The same with profiles built over the scheduler's {@link PluginServices}: claim and volume listers (its
   * PersistentVolumeClaim and PersistentVolume informers) as VolumeBinding needs them, the PodDisruptionBudget lister
   * and the profiles' event recorders as DefaultPreemption needs them: see {@link Main}.
   */
  public static Scheduler withProfiles(SchedulerConfig config,
      java.util.function.Function<PluginServices, java.util.List<Framework>> profiles,
      int percentageOfNodesToScore) {
    return new Scheduler(config, volumes -> byName(profiles.apply(volumes)), percentageOfNodesToScore);
  }

  private static java.util.Map<String, Framework> byName(java.util.List<Framework> frameworks) {
    java.util.Map<String, Framework> m = new java.util.LinkedHashMap<>();
    for (Framework f : frameworks) {
      if (m.put(f.profileName(), f) != null) {
        throw new IllegalArgumentException("two profiles are named " + f.profileName());
      }
    }
    if (m.isEmpty()) {
      throw new IllegalArgumentException("a scheduler needs at least one profile");
    }
    return m;
  }

  private Scheduler(SchedulerConfig config,
      java.util.function.Function<PluginServices, java.util.Map<String, Framework>> profilesOver,
      int percentageOfNodesToScore) {
    this.config = config;
    this.informers = new InformerFactory(config.client(), config.clock(), Duration.ZERO);
    this.podInformer = informers.informer(Kinds.POD);
    this.nodeInformer = informers.informer(Kinds.NODE);
    SharedInformer<V1.PersistentVolumeClaim> claims = informers.informer(Kinds.PERSISTENT_VOLUME_CLAIM);
    SharedInformer<V1.PersistentVolume> volumes = informers.informer(Kinds.PERSISTENT_VOLUME);
    SharedInformer<V1Policy.PodDisruptionBudget> pdbs = informers.informer(Kinds.POD_DISRUPTION_BUDGET);
    SharedInformer<V1.Namespace> namespaces = informers.informer(Kinds.NAMESPACE);
    VolumeLister volumeLister = new VolumeLister() {
      @Override
      public Optional<V1.PersistentVolumeClaim> claim(String namespace, String name) {
        return claims.lister().get(namespace, name);
      }

      @Override
      public Optional<V1.PersistentVolume> volume(String name) {
        return volumes.lister().get("", name);
      }
    };
    java.util.Map<String, Framework> frameworks = profilesOver.apply(new PluginServices(volumeLister,
        () -> pdbs.lister().list(), recorderByProfile::get, config.clock(),
        ns -> namespaces.lister().get("", ns).map(n -> n.getMetadata().getLabelsMap()).orElse(Map.of())));
    this.framework = frameworks.values().iterator().next();
    this.queue = new SchedulingQueue(config.clock(), queueSort(frameworks),
        new Nominator(podInformer.lister()::get));
    AtomicInteger n = new AtomicInteger();
    this.binding = Executors.newFixedThreadPool(config.bindingThreads(), r -> {
      Thread t = new Thread(r, "scheduler-binding-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    for (Map.Entry<String, Framework> e : frameworks.entrySet()) {
      EventRecorder recorder = new EventRecorder(config.client(), e.getKey(), "", config.clock());
      recorders.add(recorder);
      recorderByProfile.put(e.getKey(), recorder);
      FailureHandler failures = new FailureHandler(config.client(), queue, podInformer.lister(), recorder,
          config.clock());
      SchedulingAlgorithm algorithm = new SchedulingAlgorithm(e.getValue(), config.random(),
          percentageOfNodesToScore, queue.nominator());
      profiles.put(e.getKey(), new ScheduleOne(e.getValue(), algorithm, cache, queue, podInformer.lister(), recorder,
          failures, binding));
    }
    EventHandlers handlers = new EventHandlers(cache, queue, frameworks.keySet());
    nodeInformer.addEventHandler(handlers.nodes());
    podInformer.addEventHandler(handlers.pods());
    claims.addEventHandler(handlers.moves("PvcAdd", "PvcUpdate"));
    volumes.addEventHandler(handlers.moves("PvAdd", "PvUpdate"));
  }

  /** Upstream: every profile must use the same queue sort plugin (the queue is shared); none means PrioritySort. */
  private static QueueSortPlugin queueSort(java.util.Map<String, Framework> frameworks) {
    QueueSortPlugin first = null;
    String firstProfile = null;
    for (Framework f : frameworks.values()) {
      QueueSortPlugin q = f.queueSort().orElseGet(PrioritySort::new);
      if (first == null) {
        first = q;
        firstProfile = f.profileName();
      } else if (!first.name().equals(q.name())) {
        throw new IllegalArgumentException("different queue sort plugins for profile \"" + f.profileName()
            + "\": \"" + q.name() + "\", first: \"" + first.name() + "\" (of " + firstProfile + ")");
      }
    }
    return first;
  }

  public SchedulerCache cache() {
    return cache;
  }

  public SchedulingQueue queue() {
    return queue;
  }

  /** The first profile's framework (the only one unless profiles came from a config file). */
  public Framework framework() {
    return framework;
  }

  /** The schedulerNames of the profiles, in configuration order. */
  public java.util.Set<String> profileNames() {
    return java.util.Collections.unmodifiableSet(profiles.keySet());
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
    recorders.forEach(EventRecorder::close);
  }

  @Override
  protected String serviceName() {
    return "scheduler";
  }

  /** The pipeline of the pod's profile (an empty schedulerName means default-scheduler). */
  private ScheduleOne profileFor(V1.Pod pod) {
    String name = pod.getSpec().getSchedulerName();
    ScheduleOne p = profiles.get(name.isEmpty() ? DefaultProfile.NAME : name);
    return p != null ? p : profiles.values().iterator().next();
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
        profileFor(next.get().info().pod()).run(next.get());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "scheduling cycle failed unexpectedly", e);
      }
    }
  }
}
