package windlass.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kubernetes.client.proto.V1;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.client.WindlassClient;
import windlass.crishim.CriRuntime;
import windlass.kubelet.pod.CriLabels;
import windlass.kubelet.v1.ContainerLogsRequest;
import windlass.kubelet.v1.KubeletGrpc;

/**
 * The whole Kubelet service against the real runtime (WINDLASS_CRI_ENDPOINT) and an in-memory stand-in for the
 * apiserver, over the real client library: registration, Ready, pod watch, status, logs, graceful deletion.
 */
@Tag("e2e")
class KubeletE2eTest {
  @TempDir Path logs;
  private Server apiServer;
  private ManagedChannel apiChannel;
  private WindlassClient client;
  private Kubelet kubelet;
  private String kubeletServer;
  private final String node = "kubelet-e2e-" + UUID.randomUUID().toString().substring(0, 6);
  private String ep;

  @BeforeEach
  void start() throws Exception {
    ep = System.getenv("WINDLASS_CRI_ENDPOINT");
    Assumptions.assumeTrue(ep != null && !ep.isEmpty(), "WINDLASS_CRI_ENDPOINT not set");
    String name = InProcessServerBuilder.generateName();
    apiServer = InProcessServerBuilder.forName(name).addService(new FakeApiServer()).build().start();
    apiChannel = InProcessChannelBuilder.forName(name).build();
    client = new WindlassClient(apiChannel, true);
    kubeletServer = InProcessServerBuilder.generateName();
    KubeletConfig cfg = KubeletConfig.defaults(node, client).withCriEndpoint(ep).withPodCidr(E2eNode.POD_CIDR)
        .withCni(E2eNode.CNI_CONF_DIR, E2eNode.CNI_BRIDGE, E2eNode.CNI_IPAM_DIR)
        .withNodeIp(E2eNode.GATEWAY).withPodLogsDir(logs);
    kubelet = new Kubelet(cfg, InProcessServerBuilder.forName(kubeletServer));
    kubelet.startAsync().awaitRunning(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    if (kubelet != null) {
      kubelet.stopAsync().awaitTerminated();
      try (CriRuntime cri = CriRuntime.connect(ep)) { // anything left behind by a failed test
        for (var s : cri.listPodSandbox(Map.of(CriLabels.NODE_NAME, node))) {
          cri.stopPodSandbox(s.getId());
          cri.removePodSandbox(s.getId());
        }
      }
    }
    if (client != null) {
      client.close();
      apiServer.shutdownNow();
    }
  }

  private static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> ok, Duration timeout)
      throws InterruptedException {
    Instant end = Instant.now().plus(timeout);
    T last = null;
    while (Instant.now().isBefore(end)) {
      try {
        last = probe.get();
        if (last != null && ok.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        // not there yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out; last: " + last);
  }

  @Test
  void registersReadyRunsAPodServesItsLogsAndDeletesItGracefully() throws Exception {
    V1.Node n = client.nodes().get(node);
    assertEquals(E2eNode.POD_CIDR, n.getSpec().getPodCIDR());
    assertEquals("True", n.getStatus().getConditionsList().stream().filter(c -> c.getType().equals("Ready"))
        .findFirst().orElseThrow().getStatus());
    assertTrue(n.getStatus().getNodeInfo().getContainerRuntimeVersion().startsWith("containerd://1.6"));

    V1.Pod.Builder p = V1.Pod.newBuilder();
    p.getMetadataBuilder().setName("hello").setNamespace("default");
    p.getSpecBuilder().setNodeName(node).setTerminationGracePeriodSeconds(1).addContainers(V1.Container.newBuilder()
        .setName("c").setImage("busybox:1.35").addCommand("sh").addArgs("-c").addArgs("echo started; exec sleep 300"));
    client.pods("default").create(p.build());

    V1.Pod running = await(() -> client.pods("default").get("hello"),
        x -> x.getStatus().getPhase().equals("Running") && !x.getStatus().getPodIP().isEmpty(), Duration.ofSeconds(30));
    assertEquals(E2eNode.GATEWAY, running.getStatus().getHostIP());

    ManagedChannel kc = InProcessChannelBuilder.forName(kubeletServer).build();
    try {
      String text = await(() -> {
        StringBuilder sb = new StringBuilder();
        KubeletGrpc.newBlockingStub(kc).containerLogs(ContainerLogsRequest.newBuilder().setNamespace("default")
            .setPod("hello").setTailLines(1).build()).forEachRemaining(d -> sb.append(d.getData().toStringUtf8()));
        return sb.toString();
      }, s -> !s.isEmpty(), Duration.ofSeconds(10));
      assertEquals("started\n", text);
    } finally {
      kc.shutdownNow();
    }

    client.pods("default").delete("hello"); // graceful: the kubelet stops it, then deletes with grace 0
    await(() -> {
      try {
        client.pods("default").get("hello");
        return false;
      } catch (windlass.client.ApiException e) {
        return e.code() == io.grpc.Status.Code.NOT_FOUND;
      }
    }, x -> x, Duration.ofSeconds(20));
    try (CriRuntime cri = CriRuntime.connect(ep)) {
      assertTrue(cri.listPodSandbox(Map.of(CriLabels.POD_UID, running.getMetadata().getUid())).isEmpty());
    }
  }
}
