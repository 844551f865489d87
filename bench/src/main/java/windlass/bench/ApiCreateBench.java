package windlass.bench;

import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.api.v1.WatchEventType;
import windlass.apiserver.ApiServer;
import windlass.client.ListOptions;
import windlass.client.Watch;
import windlass.client.WatchEvent;
import windlass.client.Watcher;
import windlass.client.WindlassClient;

/**
 * API create-pod latency through gRPC at a fixed offered rate, with a watch of those pods running: an apiserver in
 * this JVM on a loopback TCP port and a fresh data dir, a client creating pods open-loop (each create is due at
 * {@code start + i/rate}; latency counts from when it was due, so a stall is not hidden), and a watcher that must see
 * every pod. Prints create and create-to-watch-event percentiles.
 */
@Command(name = "api-create", mixinStandardHelpOptions = true,
    description = "create-pod p50/p99 through gRPC at a fixed rate with a watch running")
public final class ApiCreateBench implements Callable<Integer> {
  @Option(names = "--pods", defaultValue = "10000", description = "pods to create (default ${DEFAULT-VALUE})")
  int pods;

  @Option(names = "--rate", defaultValue = "100", description = "creates per second offered (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--warmup", defaultValue = "500", description = "pods created first at the same rate, not "
      + "measured: JIT, connections and caches warm up (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--storage", defaultValue = "sqlite", description = "sqlite (a fresh file), etcd (a private etcd "
      + "for the run) or any apiserver --storage value (default: ${DEFAULT-VALUE})")
  String storage;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("windlass-bench-api");
    BenchStorage store = BenchStorage.open(storage, dir);
    ApiServer server = new ApiServer(new ApiServer.Config(dir, "127.0.0.1:0", store.spec()));
    server.startAsync().awaitRunning();
    ExecutorService creators = Executors.newFixedThreadPool(64);
    try (WindlassClient c = WindlassClient.connect("127.0.0.1:" + server.port())) {
      Map<String, Long> due = new ConcurrentHashMap<>();
      Latencies create = new Latencies();
      Latencies toEvent = new Latencies();
      CountDownLatch seen = new CountDownLatch(pods);
      Watch watch = c.pods("default").watch(new ListOptions("", "", 0, "",
          c.pods("default").list().resourceVersion(), false), new Watcher<V1.Pod>() {
            @Override
            public void onEvent(WatchEvent<V1.Pod> e) {
              if (e.type() == WatchEventType.ADDED) {
                Long d = due.get(e.object().getMetadata().getName());
                if (d != null) {
                  toEvent.record(System.nanoTime() - d);
                  seen.countDown();
                }
              }
            }

            @Override
            public void onClose(windlass.client.ApiException error) {
              if (error != null) {
                System.err.println("watch closed: " + error.getMessage());
              }
            }
          });
      AtomicInteger failures = new AtomicInteger();
      offer(c, creators, "warmup-", warmup, null, null, failures);
      long start = System.nanoTime();
      offer(c, creators, "bench-", pods, due, create, failures);
      boolean all = seen.await(60, TimeUnit.SECONDS);
      double secs = (System.nanoTime() - start) / 1e9;
      watch.close();
      System.out.printf(Locale.ROOT, "api-create: %d pods offered at %.0f/s over gRPC after %d unmeasured "
          + "(storage %s), %.1f s, %d failed%n", pods, rate, warmup, server.config().storage(), secs, failures.get());
      System.out.printf(Locale.ROOT, "  %-28s %s%n", "create (from due time)", create.summary());
      System.out.printf(Locale.ROOT, "  %-28s %s%n", "create to watch ADDED", toEvent.summary());
      System.out.printf(Locale.ROOT, "  watch saw %s of the pods%n", all ? "all" : pods - seen.getCount());
      return all && failures.get() == 0 ? 0 : 1;
    } finally {
      creators.shutdownNow();
      server.stopAsync().awaitTerminated();
      store.close();
      RunDir.delete(dir);
    }
  }

  /**
   * Creates {@code count} pods named {@code prefix + i} at {@code rate}, each due at {@code start + i/rate}; records
   * each one's latency from its due time into {@code latencies} (and the due time into {@code due}) unless null.
   */
  private void offer(WindlassClient c, ExecutorService creators, String prefix, int count, Map<String, Long> due,
      Latencies latencies, AtomicInteger failures) throws InterruptedException {
    long start = System.nanoTime();
    long interval = (long) (1e9 / rate);
    for (int i = 0; i < count; i++) {
      long at = start + i * interval;
      long wait = at - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String name = prefix + i;
      if (due != null) {
        due.put(name, at);
      }
      creators.execute(() -> {
        try {
          c.pods("default").create(pod(name));
          if (latencies != null) {
            latencies.record(System.nanoTime() - at);
          }
        } catch (RuntimeException e) {
          failures.incrementAndGet();
        }
      });
    }
  }

  static V1.Pod pod(String name) {
    return V1.Pod.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default")
            .putLabels("app", "bench"))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("c")
            .setImage("busybox:1.35").setResources(V1.ResourceRequirements.newBuilder()
                .putRequests("cpu", io.kubernetes.client.proto.Resource.Quantity.newBuilder().setString("100m").build()))))
        .build();
  }
}
