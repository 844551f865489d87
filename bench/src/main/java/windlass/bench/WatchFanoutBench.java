package windlass.bench;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.apiserver.ApiServer;
import windlass.apiserver.cache.WatchCacheConfig;
import windlass.apiserver.registry.ListQuery;
import windlass.apiserver.registry.Registry;
import windlass.apiserver.registry.RegistryWatch;
import windlass.apiserver.storage.Backend;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;
import windlass.client.WatchEvent;
import windlass.client.Watcher;

/**
 * {@code scripts/bench watch-fanout}: many watchers on pods, a stream of pod creates, and how fast the registry
 * delivers them, once through the watch cache (each change decoded once, shared) and once with every watcher on the
 * storage backend directly (each watcher decodes every change), on the same storage kind, in the same JVM. Counts
 * deliveries per second and the latency from just before the create call to the watcher's callback.
 */
@Command(name = "watch-fanout", mixinStandardHelpOptions = true,
    description = "Events/s delivered to many pod watchers: watch cache vs. every watcher on the storage backend")
public final class WatchFanoutBench implements Callable<Integer> {
  static final String SENT = "bench.windlass.io/sent-nanos";

  @Option(names = "--watchers", defaultValue = "1000", description = "Watchers on pods (default: ${DEFAULT-VALUE}).")
  int watchers;

  @Option(names = "--writes", defaultValue = "2000", description = "Pods created per run (default: ${DEFAULT-VALUE}).")
  int writes;

  @Option(names = "--writers", defaultValue = "4", description = "Threads creating pods (default: ${DEFAULT-VALUE}).")
  int writers;

  @Option(names = "--storage", defaultValue = "sqlite",
      description = "sqlite (a fresh file per run), etcd (a private etcd per run) or any apiserver --storage value "
          + "(default: ${DEFAULT-VALUE}).")
  String storage;

  @Option(names = "--paths", split = ",", defaultValue = "cache,backend",
      description = "Which paths to measure: cache, backend (default: ${DEFAULT-VALUE}).")
  List<String> paths;

  @Option(names = "--timeout", defaultValue = "PT60S", description = "Longest wait for one run's deliveries "
      + "(default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--watch-cache-memory", defaultValue = WatchCacheConfig.DEFAULT_MEMORY,
      description = "The cache path's budget, as the apiserver's flag (default: ${DEFAULT-VALUE}); a catch-up from "
          + "before the window is served by storage (see the 'cached' column).")
  String watchCacheMemory;

  @Option(names = "--catch-up", description = "Open the watchers after the writes, from the revision before them: "
      + "how fast a crowd of watchers re-watching after a blip catches up (latency then counts from the watch start).")
  boolean catchUp;

  @Option(names = "--warmup", arity = "1", defaultValue = "true",
      description = "First a run a tenth the size of each path, not reported, to warm the JIT (default: ${DEFAULT-VALUE}).")
  boolean warmup;

  /** One run's figures. */
  record Result(String path, long deliveries, long expected, double seconds, double cpuSeconds,
      double writesPerSecond, int cached, long[] latencies) {
    double deliveriesPerSecond() {
      return deliveries / seconds;
    }

    /** Deliveries per second of CPU the whole process used (writes included): what a busy machine does not blur. */
    double deliveriesPerCpuSecond() {
      return deliveries / cpuSeconds;
    }

    double percentileMillis(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
      return latencies[Math.max(0, i)] / 1e6;
    }
  }

  @Override
  public Integer call() throws Exception {
    System.out.printf("watch fan-out%s: %d watchers on pods in \"default\", %d creates by %d writers, storage %s, "
        + "%d CPUs%n", catchUp ? " (catch-up)" : "", watchers, writes, writers, storage,
        Runtime.getRuntime().availableProcessors());
    if (warmup) {
      for (String p : paths) {
        run(p, Math.max(1, watchers / 10), Math.max(1, writes / 10));
      }
    }
    List<Result> results = new ArrayList<>();
    for (String p : paths) {
      results.add(run(p, watchers, writes));
    }
    System.out.printf("%-8s %7s %10s %10s %8s %8s %13s %15s %9s %9s %9s %9s%n", "path", "cached", "delivered",
        "expected", "seconds", "cpu s", "deliveries/s", "deliveries/cpu-s", "writes/s", "p50 ms", "p99 ms", "max ms");
    for (Result r : results) {
      System.out.printf("%-8s %7d %10d %10d %8.2f %8.2f %13.0f %15.0f %9.0f %9.1f %9.1f %9.1f%n", r.path(), r.cached(),
          r.deliveries(), r.expected(), r.seconds(), r.cpuSeconds(), r.deliveriesPerSecond(),
          r.deliveriesPerCpuSecond(), r.writesPerSecond(), r.percentileMillis(0.50), r.percentileMillis(0.99),
          r.percentileMillis(1.0));
    }
    return results.stream().allMatch(r -> r.deliveries() == r.expected()) ? 0 : 1;
  }

  private Result run(String path, int watcherCount, int writeCount) throws Exception {
    WatchCacheConfig cache = switch (path) {
      case "cache" -> WatchCacheConfig.of(true, WatchCacheConfig.parseMemory(watchCacheMemory));
      case "backend" -> WatchCacheConfig.disabled();
      default -> throw new IllegalArgumentException("unknown path " + path + ": cache or backend");
    };
    Path dir = Files.createTempDirectory("watch-fanout-");
    BenchStorage store = BenchStorage.open(storage, dir);
    Backend backend = new ApiServer.Config(dir, null, store.spec()).openStorage();
    Registry registry = new Registry(backend, Clock.systemUTC(), new SecureRandom(), Duration.ofMinutes(1), cache);
    List<Counter> counters = new ArrayList<>();
    List<RegistryWatch> watches = new ArrayList<>();
    try {
      registry.ensureSystemNamespaces();
      String rv = registry.list(Kinds.POD, ListQuery.all("default")).resourceVersion();
      CountDownLatch done = new CountDownLatch(watcherCount);
      for (int i = 0; i < watcherCount; i++) {
        counters.add(new Counter(writeCount, done));
      }
      if (!catchUp) {
        counters.forEach(c -> watches.add(registry.watch(Kinds.POD, ListQuery.all("default").withResourceVersion(rv), c)));
      }
      AtomicInteger next = new AtomicInteger();
      String run = Long.toString(System.nanoTime(), 36);
      long t0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Thread t = new Thread(() -> {
          for (int i; (i = next.getAndIncrement()) < writeCount; ) {
            registry.create(Kinds.POD, "default", pod("bench-" + run + "-" + i, System.nanoTime()), false);
          }
        }, "bench-writer-" + w);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
      double writesPerSecond = writeCount / ((System.nanoTime() - t0) / 1e9);
      if (catchUp) {
        t0 = System.nanoTime();
        cpu0 = processCpuNanos();
        for (Counter c : counters) {
          c.since = t0;
          watches.add(registry.watch(Kinds.POD, ListQuery.all("default").withResourceVersion(rv), c));
        }
      }
      long written = System.nanoTime();
      boolean all = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      long end = all ? counters.stream().mapToLong(c -> c.last).max().orElse(written) : System.nanoTime();
      long delivered = counters.stream().mapToLong(c -> c.count.get()).sum();
      long[] lat = counters.stream().flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.count.get())).sorted()
          .toArray();
      return new Result(path, delivered, (long) watcherCount * writeCount, (end - t0) / 1e9, cpu, writesPerSecond,
          cached(registry), lat);
    } finally {
      watches.forEach(RegistryWatch::close);
      registry.close();
      backend.close();
      store.close();
      RunDir.delete(dir);
    }
  }

  /** Counts one watcher's ADDED events and the latency of each. */
  private static final class Counter implements Watcher<Message> {
    final long[] latencies;
    final AtomicInteger count = new AtomicInteger();
    final CountDownLatch done;
    volatile long last;
    /** Latencies count from here when later than the write (catch-up runs). */
    volatile long since;

    Counter(int expected, CountDownLatch done) {
      this.latencies = new long[expected];
      this.done = done;
    }

    @Override
    public void onEvent(WatchEvent<Message> e) {
      String sent = ObjectMetas.of(e.object()).getAnnotationsMap().get(SENT);
      if (sent == null) {
        return;
      }
      long now = System.nanoTime();
      int n = count.get();
      if (n < latencies.length) {
        latencies[n] = now - Math.max(since, Long.parseLong(sent));
        count.set(n + 1);
        last = now;
        if (n + 1 == latencies.length) {
          done.countDown();
        }
      }
    }

    @Override
    public void onClose(ApiException error) {
      if (count.get() < latencies.length) {
        System.err.println("a watcher ended after " + count.get() + " events: "
            + (error == null ? "closed (fell behind?)" : error.getMessage()));
      }
    }
  }

  /** A pod of a realistic size (about 600 bytes stored): labels, requests, env, a node selector. */
  static V1.Pod pod(String name, long sentNanos) {
    V1.Container.Builder c = V1.Container.newBuilder().setName("app").setImage("registry.k8s.io/nginx:1.27.3")
        .addPorts(V1.ContainerPort.newBuilder().setContainerPort(8080).setName("http").setProtocol("TCP"))
        .setResources(V1.ResourceRequirements.newBuilder()
            .putRequests("cpu", Quantity.newBuilder().setString("100m").build())
            .putRequests("memory", Quantity.newBuilder().setString("128Mi").build()));
    for (int i = 0; i < 4; i++) {
      c.addEnv(V1.EnvVar.newBuilder().setName("SETTING_" + i).setValue("value-" + i));
    }
    return V1.Pod.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name)
            .putLabels("app", "bench").putLabels("tier", "web").putLabels("pod-template-hash", "5d8f7c9b6")
            .putAnnotations(SENT, Long.toString(sentNanos)))
        .setSpec(V1.PodSpec.newBuilder().addContainers(c).putNodeSelector("kubernetes.io/os", "linux")
            .setRestartPolicy("Always").setTerminationGracePeriodSeconds(30))
        .build();
  }

  /** Watchers the pod cache serves (the rest are storage watches). */
  private static int cached(Registry registry) {
    var c = registry.store(Kinds.POD).watchCache();
    return c == null ? 0 : c.watcherCount();
  }

  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

}
