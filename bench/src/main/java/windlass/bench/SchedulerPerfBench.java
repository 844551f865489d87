package windlass.bench;

import com.sun.management.OperatingSystemMXBean;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.api.v1.WatchEventType;
import windlass.apiserver.ApiServer;
import windlass.client.ApiException;
import windlass.client.ListOptions;
import windlass.client.Watch;
import windlass.client.WatchEvent;
import windlass.client.Watcher;
import windlass.client.WindlassClient;
import windlass.scheduler.Scheduler;
import windlass.scheduler.SchedulerConfig;

/**
 * Upstream's scheduler_perf, through the real apiserver: an ApiServer on a temporary SQLite data dir (loopback gRPC,
 * or in-process), the scheduler as a separate client, nodes created first, then the init pods (scheduled, not
 * measured), then the measured pods created at full speed. Prints the measured pods' scheduling throughput as
 * upstream's throughput collector does (average, and the percentiles of the per-second samples) with the process's
 * CPU time and heap.
 */
@Command(name = "scheduler-perf", mixinStandardHelpOptions = true,
    description = "scheduler_perf workloads (SchedulingBasic, SchedulingPodAntiAffinity, TopologySpreading) "
        + "through the apiserver; prints pods/s")
public final class SchedulerPerfBench implements Callable<Integer> {
  @Option(names = "--workload", defaultValue = "SchedulingBasic",
      description = "SchedulingBasic, SchedulingPodAntiAffinity or TopologySpreading (default ${DEFAULT-VALUE})")
  String workload;

  @Option(names = "--size", defaultValue = "5000Nodes_10000Pods",
      description = "upstream's workload size: 500Nodes, 5000Nodes, 5000Nodes_10000Pods (default ${DEFAULT-VALUE})")
  String size;

  @Option(names = "--nodes", description = "override initNodes") Integer nodes;

  @Option(names = "--init-pods", description = "override initPods") Integer initPods;

  @Option(names = "--pods", description = "override measurePods") Integer measurePods;

  @Option(names = "--transport", defaultValue = "loopback",
      description = "loopback (gRPC over 127.0.0.1) or inprocess (the apiserver's in-process channel, as the "
          + "components of windlass up use it) (default ${DEFAULT-VALUE})")
  String transport;

  @Option(names = "--create-threads", defaultValue = "4", description = "pod creators (default ${DEFAULT-VALUE})")
  int createThreads;

  @Option(names = "--binding-threads", defaultValue = "4",
      description = "the scheduler's bindings in flight (default ${DEFAULT-VALUE})")
  int bindingThreads;

  @Option(names = "--rounds", defaultValue = "1",
      description = "run the whole workload this many times in one JVM, each on a fresh apiserver and scheduler; "
          + "later rounds show the JIT-compiled steady state (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--timeout", defaultValue = "170", description = "seconds to wait for the measured pods")
  int timeoutSeconds;

  private final Map<String, String> placement = new ConcurrentHashMap<>();
  private final AtomicInteger scheduled = new AtomicInteger();
  /** CPU nanoseconds of the creator threads that ended (their tasks are gone from /proc by the end). */
  private final java.util.concurrent.atomic.AtomicLong creatorCpu = new java.util.concurrent.atomic.AtomicLong();

  @Override
  public Integer call() throws Exception {
    PerfWorkload w = PerfWorkload.byName(workload);
    int[] s = w.sizes.get(size);
    if (s == null && (nodes == null || initPods == null || measurePods == null)) {
      throw new IllegalArgumentException(workload + " has no size " + size + "; known: " + w.sizes.keySet()
          + " (or give --nodes, --init-pods and --pods)");
    }
    int numNodes = nodes != null ? nodes : s[0];
    int numInit = initPods != null ? initPods : s[1];
    int numMeasured = measurePods != null ? measurePods : s[2];
    int rc = 0;
    for (int round = 1; round <= rounds && rc == 0; round++) {
      System.out.printf("scheduler-perf %s/%s round %d of %d (%s JVM): %d nodes, %d init pods, %d measured pods, "
          + "%s transport%n", workload, size, round, rounds, round == 1 ? "cold" : "warm", numNodes, numInit,
          numMeasured, transport);
      rc = runOnce(w, numNodes, numInit, numMeasured);
    }
    return rc;
  }

  /** One whole run on a fresh apiserver (new data dir) and a fresh scheduler; only the JVM is shared by rounds. */
  private int runOnce(PerfWorkload w, int numNodes, int numInit, int numMeasured) throws Exception {
    placement.clear();
    scheduled.set(0);
    Path dir = Files.createTempDirectory("windlass-scheduler-perf");
    ApiServer api = new ApiServer(ApiServer.Config.of(dir).withListen("127.0.0.1:0"));
    api.startAsync().awaitRunning();
    WindlassClient creator = connect(api);
    WindlassClient schedulerClient = connect(api);
    WindlassClient watcherClient = connect(api);
    Scheduler scheduler = new Scheduler(new SchedulerConfig(schedulerClient, windlass.client.Clock.system(),
        "default-scheduler", bindingThreads, new java.util.Random()));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Watch watch = null;
    try {
      for (String ns : List.of("sched-0", "sched-1")) {
        creator.namespaces().create(V1.Namespace.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName(ns)).build());
      }
      scheduler.startAsync().awaitRunning();
      watch = watcherClient.pods("").watch(ListOptions.ALL, new Watcher<>() {
        @Override
        public void onEvent(WatchEvent<V1.Pod> e) {
          V1.Pod p = e.object();
          if (e.type() != WatchEventType.BOOKMARK && !p.getSpec().getNodeName().isEmpty()
              && placement.putIfAbsent(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(),
                  p.getSpec().getNodeName()) == null) {
            scheduled.incrementAndGet();
          }
        }

        @Override
        public void onClose(ApiException error) {}
      });

      long t = System.nanoTime();
      createAll(numNodes, i -> PerfWorkload.node(i), o -> creator.nodes().create((V1.Node) o));
      System.out.printf("created %d nodes in %.1f s%n", numNodes, (System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      createAll(numInit, i -> w.initPod(i, "sched-0"), o -> creator.pods("sched-0").create((V1.Pod) o));
      if (!awaitScheduled(numInit, timeoutSeconds, null)) {
        System.out.printf("init pods: only %d of %d scheduled in %d s; giving up%n", scheduled.get(), numInit,
            timeoutSeconds);
        return 1;
      }
      System.out.printf("created and scheduled %d init pods in %.1f s%n", numInit, (System.nanoTime() - t) / 1e9);

      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpu0 = os.getProcessCpuTime();
      long loopCpu0 = schedulerLoopCpu(threads);
      Map<String, ThreadCpu.Sample> tasks0 = ThreadCpu.snapshot();
      creatorCpu.set(0);
      long start = System.nanoTime();
      List<Integer> samples = new ArrayList<>();
      Future<?> creating = pool.submit(() -> createAll(numMeasured, i -> w.measuredPod.apply(i, "sched-1"),
          o -> creator.pods("sched-1").create((V1.Pod) o)));
      boolean all = awaitScheduled(numInit + numMeasured, timeoutSeconds, samples);
      double elapsed = (System.nanoTime() - start) / 1e9;
      long cpu = os.getProcessCpuTime() - cpu0;
      long loopCpu = schedulerLoopCpu(threads) - loopCpu0;
      String byThread = ThreadCpu.byGroup(tasks0, ThreadCpu.snapshot(), 14);
      creating.cancel(true);
      int done = scheduled.get() - numInit;

      System.out.printf("measured: %d of %d pods scheduled in %.2f s%s%n", done, numMeasured, elapsed,
          all ? "" : " (TIMED OUT)");
      System.out.printf("throughput: average %.1f pods/s, per-second samples p50 %d, p90 %d, p99 %d pods/s "
          + "(%d samples)%n", done / elapsed, pct(samples, 50), pct(samples, 90), pct(samples, 99), samples.size());
      System.out.printf("cpu: process %.1f s (%.2f cores) during the measured phase, scheduling loop thread %.1f s%n",
          cpu / 1e9, cpu / 1e9 / elapsed, loopCpu / 1e9);
      System.out.println("cpu by thread group (s, kernel's 15-character names, JVM threads included): " + byThread
          + String.format("ended pod creators (with the apiserver's create handlers when in-process) %.1f", creatorCpu.get() / 1e9));
      System.gc();
      Runtime rt = Runtime.getRuntime();
      System.out.printf("heap: %d MiB used after GC (max %d MiB); apiserver+scheduler+bench in one JVM%n",
          (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
      System.out.println("placement: " + verify(w));
      return 0;
    } finally {
      pool.shutdownNow();
      if (watch != null) {
        watch.close();
      }
      scheduler.stopAsync().awaitTerminated(20, TimeUnit.SECONDS);
      creator.close();
      schedulerClient.close();
      watcherClient.close();
      api.stopAsync().awaitTerminated(20, TimeUnit.SECONDS);
      RunDir.delete(dir);
    }
  }

  /** A client over loopback TCP, or over the apiserver's in-process channel as {@code windlass up} wires it. */
  private WindlassClient connect(ApiServer api) {
    return transport.equals("inprocess") ? new WindlassClient(api.inProcessChannel(), true)
        : WindlassClient.connect("127.0.0.1:" + api.port());
  }

  private interface Create {
    void create(Object o);
  }

  /** Creates {@code count} objects with {@code createThreads} threads, each taking the next index. */
  private void createAll(int count, IntFunction<Object> make, Create create) {
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < createThreads; t++) {
      Thread th = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < count && !Thread.currentThread().isInterrupted();
            i = next.getAndIncrement()) {
          create.create(make.apply(i));
        }
        creatorCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
      }, "perf-create-" + t);
      th.start();
      workers.add(th);
    }
    for (Thread th : workers) {
      try {
        th.join();
      } catch (InterruptedException e) {
        workers.forEach(Thread::interrupt);
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Waits until {@code target} pods are scheduled, recording the scheduled count's growth each second. */
  private boolean awaitScheduled(int target, int timeout, List<Integer> samples) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    int last = scheduled.get();
    long nextSample = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (scheduled.get() < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
      if (samples != null && System.nanoTime() >= nextSample) {
        int now = scheduled.get();
        samples.add(now - last);
        last = now;
        nextSample += TimeUnit.SECONDS.toNanos(1);
      }
    }
    return true;
  }

  /** Upstream's percentile of the per-second samples (sorted ascending). */
  static int pct(List<Integer> samples, int p) {
    if (samples.isEmpty()) {
      return 0;
    }
    List<Integer> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.naturalOrder());
    int idx = (int) Math.ceil(sorted.size() * p / 100.0) - 1;
    return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
  }

  private static long schedulerLoopCpu(ThreadMXBean threads) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("scheduler-default-scheduler")) {
        return threads.getThreadCpuTime(t.getId());
      }
    }
    return 0;
  }

  /** Whether the placement honours the workload's constraint (it does not when the profile lacks the plugin). */
  private String verify(PerfWorkload w) {
    Map<String, Integer> perNode = new HashMap<>();
    placement.values().forEach(n -> perNode.merge(n, 1, Integer::sum));
    int fullest = perNode.values().stream().max(Integer::compare).orElse(0);
    switch (w) {
      case SCHEDULING_POD_ANTI_AFFINITY -> {
        return fullest <= 1 ? "no node runs two color=green pods (held; only enforced if the profile has "
            + "InterPodAffinity, else the spreading score alone kept them apart)"
            : "anti-affinity NOT honoured: a node runs " + fullest + " color=green pods (no InterPodAffinity "
                + "plugin in this scheduler's profile?)";
      }
      case TOPOLOGY_SPREADING -> {
        Map<String, Integer> perZone = new HashMap<>();
        placement.forEach((pod, node) -> {
          if (pod.startsWith("sched-1/")) {
            int i = Integer.parseInt(node.substring("scheduler-perf-".length()));
            perZone.merge(PerfWorkload.ZONES.get(i % PerfWorkload.ZONES.size()), 1, Integer::sum);
          }
        });
        int max = perZone.values().stream().max(Integer::compare).orElse(0);
        int min = perZone.size() < PerfWorkload.ZONES.size() ? 0
            : perZone.values().stream().min(Integer::compare).orElse(0);
        return (max - min <= 5 ? "spread within maxSkew (only enforced if the profile has PodTopologySpread)" : "spread NOT honoured (no PodTopologySpread plugin in this "
            + "scheduler's profile?)") + ": skew " + (max - min) + " across zones " + perZone;
      }
      default -> {
        return "at most " + fullest + " pods on one node";
      }
    }
  }

}
