package windlass.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.client.ApiException;
import windlass.client.WindlassClient;

/**
 * The apiserver as its own process, killed with SIGKILL while 16 clients stream creates at it: after a restart on the
 * same data dir every create it acknowledged is there, and the SQLite file passes {@code PRAGMA integrity_check}.
 */
class ApiServerKillTest {
  private static final int WRITERS = 16;

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedCreateSurvivesKill9OfTheApiServer() throws Exception {
    int port = freePort();
    Process server = startApiServer(port);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch enough = new CountDownLatch(1);
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try (WindlassClient c = WindlassClient.connect("127.0.0.1:" + port)) {
      for (int w = 0; w < WRITERS; w++) {
        int id = w;
        writers.submit(() -> {
          for (int i = 0; !stop.get(); i++) {
            String name = "w" + id + "-" + i;
            try {
              c.pods("default").create(pod(name));
            } catch (ApiException | io.grpc.StatusRuntimeException e) {
              return; // the server went away mid-call: this create was not acknowledged
            }
            acknowledged.add(name);
            if (acknowledged.size() >= 400) {
              enough.countDown();
            }
          }
        });
      }
      assertTrue(enough.await(120, TimeUnit.SECONDS), "400 creates acknowledged before the kill");
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no close, writes in flight
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));
      stop.set(true);
      writers.shutdown();
      assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
    }

    assertEquals("ok", integrityCheck(dir.resolve("state.db")));
    Process again = startApiServer(port);
    try (WindlassClient c = WindlassClient.connect("127.0.0.1:" + port)) {
      List<V1.Pod> pods = c.pods("default").list().items();
      Set<String> stored = pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
      Set<String> lost = acknowledged.stream().filter(n -> !stored.contains(n)).collect(Collectors.toSet());
      assertTrue(lost.isEmpty(), lost.size() + " acknowledged creates were lost, e.g. " + lost.stream().limit(5).toList());
      V1.Pod after = c.pods("default").create(pod("after-restart"));
      long maxBefore = pods.stream().mapToLong(p -> Long.parseLong(p.getMetadata().getResourceVersion())).max()
          .orElse(0);
      assertTrue(Long.parseLong(after.getMetadata().getResourceVersion()) > maxBefore,
          "resourceVersions go on after the crash");
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process startApiServer(int port) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
        "-cp", System.getProperty("java.class.path"), windlass.apiserver.Main.class.getName(),
        "--data-dir", dir.toString(), "--listen", "127.0.0.1:" + port)
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("apiserver listening on")) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "apiserver-out");
        drain.setDaemon(true);
        drain.start();
        return p;
      }
      if (Instant.now().isAfter(deadline)) {
        break;
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the apiserver did not start (last line: " + line + ")");
  }

  private static String integrityCheck(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }

  private static V1.Pod pod(String name) {
    return V1.Pod.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
        .setSpec(V1.PodSpec.newBuilder()
            .addContainers(V1.Container.newBuilder().setName("c").setImage("busybox:1.35")))
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
