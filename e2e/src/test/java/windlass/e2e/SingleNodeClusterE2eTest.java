package windlass.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import windlass.client.ListOptions;
import windlass.cri.v1.ContainerState;
import windlass.crishim.CriRuntime;
import windlass.dist.SingleNodeCluster;

/**
 * The walking skeleton end to end on a real containerd: kubectl (our CLI, in-process) to the gRPC apiserver on
 * SQLite, controllers, scheduler, and the kubelet driving containerd over CRI with bridge CNI networking.
 * Needs what scripts/test sets up: WINDLASS_CRI_ENDPOINT and the CNI settings of that containerd.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleNodeClusterE2eTest {
  private static final String NODE = "e2e-node";
  private static Path dataDir;
  private static SingleNodeCluster cluster;
  private static CriRuntime cri;
  private static SingleNodeCluster.Config config;

  @BeforeAll
  static void startCluster() throws Exception {
    String endpoint = env("WINDLASS_CRI_ENDPOINT");
    dataDir = Files.createTempDirectory("windlass-e2e");
    int[] ports = freePorts(2);
    config = new SingleNodeCluster.Config(dataDir, "127.0.0.1:" + ports[0], NODE, endpoint,
        Path.of(env("WINDLASS_CNI_CONF_DIR")), env("WINDLASS_CNI_BRIDGE"), Path.of(env("WINDLASS_CNI_IPAM_DIR")),
        env("WINDLASS_POD_CIDR"), ports[1], dataDir.resolve("pods"));
    long t = System.nanoTime();
    cluster = new SingleNodeCluster(config, System.out).start(Duration.ofMinutes(2));
    System.out.printf("[e2e] up to node Ready: %d ms%n", (System.nanoTime() - t) / 1_000_000);
    cri = CriRuntime.connect(endpoint);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      kubectl("delete", "deployment", "--all");
      cluster.close();
    }
    if (cri != null) {
      cri.close();
    }
  }

  @Test
  @Order(1)
  void deploymentRunsAPodThatServesHttpOnItsIp() throws Exception {
    long t = System.nanoTime();
    assertKubectl(0, "deployment.apps/web created",
        "create", "deployment", "web", "--image=busybox:1.35", "--", "httpd", "-f", "-p", "8080", "-h", "/etc");
    V1.Pod pod = awaitRunningPods(1, Duration.ofSeconds(90)).get(0);
    System.out.printf("[e2e] create deployment to pod Running: %d ms%n", (System.nanoTime() - t) / 1_000_000);
    String ip = pod.getStatus().getPodIP();
    assertTrue(ip.startsWith(config.podCidr().substring(0, config.podCidr().lastIndexOf('.'))), ip);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> passwd = http.send(
        HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/passwd")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, passwd.statusCode());
    assertTrue(passwd.body().startsWith("root:x:0:0:"), passwd.body());
    HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(root.body().length() > 0, "httpd answered / with status " + root.statusCode() + " and no body");
    String table = kubectlOut("get", "pods", "-o", "wide");
    assertTrue(table.startsWith("NAME "), table);
    assertTrue(table.contains("Running") && table.contains(ip) && table.contains(NODE), table);
  }

  @Test
  @Order(2)
  void scaleToThreeRunsThreeContainersInContainerd() throws Exception {
    assertKubectl(0, "deployment.apps/web scaled", "scale", "deployment", "web", "--replicas=3");
    List<V1.Pod> pods = awaitRunningPods(3, Duration.ofSeconds(90));
    int running = 0;
    for (V1.Pod p : pods) {
      running += (int) cri.listContainers(Map.of("io.kubernetes.pod.uid", p.getMetadata().getUid())).stream()
          .filter(c -> c.getState() == ContainerState.CONTAINER_RUNNING).count();
    }
    assertEquals(3, running, "running containers of the 3 pods in containerd");
  }

  @Test
  @Order(3)
  void malformedOrInvalidManifestsChangeNothing() throws Exception {
    Path bad = dataDir.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: good-one}
        spec:
          selector: {matchLabels: {app: g}}
          template:
            metadata: {labels: {app: g}}
            spec: {containers: [{name: c, image: busybox:1.35}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: typo}
        spec:
          containers:
          - name: c
            imagee: busybox:1.35
        """);
    String revision = cluster.client().deployments("default").list().resourceVersion();
    Result r = run("apply", "-f", bad.toString());
    assertNotEquals(0, r.code);
    assertTrue(r.err.contains("imagee"), r.err);
    Files.writeString(bad, "apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n");
    r = run("apply", "-f", bad.toString());
    assertNotEquals(0, r.code);
    assertTrue(r.err.startsWith("error: "), r.err);
    Files.writeString(bad, """
        apiVersion: v1
        kind: Pod
        metadata: {name: Not_A_Name}
        spec: {containers: [{name: c, image: busybox:1.35}]}
        """);
    r = run("apply", "-f", bad.toString());
    assertNotEquals(0, r.code);
    assertTrue(r.err.contains("metadata.name: Invalid value: \"Not_A_Name\""), r.err);
    assertEquals(1, cluster.client().deployments("default").list().items().size());
    assertEquals(revision, cluster.client().deployments("default").list().resourceVersion(),
        "nothing was written by the rejected applies");
  }

  @Test
  @Order(4)
  void restartKeepsEveryObject() throws Exception {
    V1.Pod before = awaitRunningPods(3, Duration.ofSeconds(30)).get(0);
    cluster.close();
    cluster = new SingleNodeCluster(config, System.out).start(Duration.ofMinutes(2));
    V1.Pod after = cluster.client().pods("default").get(before.getMetadata().getName());
    assertEquals(before.getMetadata().getUid(), after.getMetadata().getUid());
    assertEquals("web", cluster.client().deployments("default").get("web").getMetadata().getName());
    awaitRunningPods(3, Duration.ofSeconds(60));
  }

  @Test
  @Order(5)
  void deletingTheDeploymentRemovesEverySandboxAndContainer() throws Exception {
    List<String> uids = awaitRunningPods(3, Duration.ofSeconds(30)).stream().map(p -> p.getMetadata().getUid())
        .toList();
    assertKubectl(0, "deployment.apps \"web\" deleted", "delete", "deployment", "web");
    await(Duration.ofSeconds(90), () -> uids.stream().allMatch(
        uid -> cri.listPodSandbox(Map.of("io.kubernetes.pod.uid", uid)).isEmpty()
            && cri.listContainers(Map.of("io.kubernetes.pod.uid", uid)).isEmpty()),
        "sandboxes and containers of the deployment's pods gone from containerd");
    await(Duration.ofSeconds(30), () -> cluster.client().pods("default").list().items().isEmpty(),
        "pods gone from the apiserver");
  }

  // ---- helpers

  private static List<V1.Pod> awaitRunningPods(int n, Duration timeout) throws InterruptedException {
    List<V1.Pod>[] last = new List[1];
    await(timeout, () -> {
      last[0] = cluster.client().pods("default").list(ListOptions.ALL.withLabelSelector("app=web")).items().stream()
          .filter(p -> !p.getMetadata().hasDeletionTimestamp())
          .filter(p -> p.getStatus().getPhase().equals("Running") && !p.getStatus().getPodIP().isEmpty())
          .toList();
      return last[0].size() == n;
    }, n + " running pods of deployment web");
    return last[0];
  }

  private static void await(Duration timeout, BooleanSupplier cond, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n" + kubectlOut("get",
            "pods", "-o", "wide"));
      }
      Thread.sleep(200);
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] full = new String[args.length + 2];
    full[0] = "--server";
    full[1] = cluster.server();
    System.arraycopy(args, 0, full, 2, args.length);
    int code = windlass.kubectl.Main.run(full, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void kubectl(String... args) {
    run(args);
  }

  private static String kubectlOut(String... args) {
    Result r = run(args);
    return r.out + r.err;
  }

  private static void assertKubectl(int code, String expectedOut, String... args) {
    Result r = run(args);
    assertEquals(code, r.code, r.err);
    assertEquals(expectedOut, r.out.strip());
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalStateException(name + " is not set: run the e2e tests through scripts/test (as root), which "
          + "starts a private containerd and sets it");
    }
    return v;
  }

  /** Distinct free ports (the apiserver's, the kubelet's): both sockets open at once, so the kernel cannot repeat one. */
  private static int[] freePorts(int n) throws java.io.IOException {
    ServerSocket[] held = new ServerSocket[n];
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        held[i] = new ServerSocket(0);
        ports[i] = held[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        if (s != null) {
          s.close();
        }
      }
    }
  }
}
