package windlass.kubelet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.kubernetes.client.proto.V1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.client.ApiException;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.cri.v1.RuntimeServiceGrpc;
import windlass.cri.v1.StatusRequest;
import windlass.cri.v1.StatusResponse;
import windlass.cri.v1.VersionRequest;
import windlass.cri.v1.VersionResponse;
import windlass.crishim.CriRuntime;
import windlass.kubelet.network.PodNetwork;

class NodeAgentTest {
  @TempDir Path dir;
  private Server server;
  private CriRuntime cri;
  private volatile boolean networkReady;
  private final Map<String, V1.Node> nodes = new HashMap<>();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private int statusUpdates;

  private final NodeApi api = new NodeApi() {
    @Override
    public Optional<V1.Node> get(String name) {
      return Optional.ofNullable(nodes.get(name));
    }

    @Override
    public V1.Node create(V1.Node node) {
      if (nodes.containsKey(node.getMetadata().getName())) {
        throw ApiException.alreadyExists(Kinds.NODE, node.getMetadata().getName());
      }
      nodes.put(node.getMetadata().getName(), node);
      return node;
    }

    @Override
    public V1.Node update(V1.Node node) {
      nodes.put(node.getMetadata().getName(), node);
      return node;
    }

    @Override
    public V1.Node updateStatus(V1.Node node) {
      statusUpdates++;
      V1.Node stored = nodes.get(node.getMetadata().getName()).toBuilder().setStatus(node.getStatus()).build();
      nodes.put(node.getMetadata().getName(), stored);
      return stored;
    }
  };

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(new RuntimeServiceGrpc.RuntimeServiceImplBase() {
      @Override
      public void version(VersionRequest r, StreamObserver<VersionResponse> o) {
        o.onNext(VersionResponse.newBuilder().setRuntimeName("containerd").setRuntimeVersion("1.6.20")
            .setRuntimeApiVersion("v1").build());
        o.onCompleted();
      }

      @Override
      public void status(StatusRequest r, StreamObserver<StatusResponse> o) {
        o.onNext(StatusResponse.newBuilder().setStatus(NodeStatusFactoryTest.runtime(true, networkReady)).build());
        o.onCompleted();
      }
    }).build().start();
    cri = new CriRuntime(InProcessChannelBuilder.forName(name).directExecutor().build(), true, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    cri.close();
    server.shutdownNow();
  }

  private NodeAgent agent(String podCidr) {
    MachineInfo m = new MachineInfo(2, 1024, "os", "k", "amd64", "", "", "");
    return new NodeAgent(api, cri, new NodeStatusFactory(new NodeStatusFactory.Identity("n1", "127.0.0.1", 10250, m)),
        clock, "n1", podCidr,
        new PodNetwork(dir.resolve("net.d"), "wlcni0", null));
  }

  private static String ready(V1.Node n) {
    return n.getStatus().getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst()
        .orElseThrow().getStatus();
  }

  @Test
  void registersTheNodeWithItsPodCidrAndWritesTheConflistBeforeTheFirstStatus() throws Exception {
    networkReady = true;
    V1.Node n = agent("10.244.1.0/24").register("amd64");
    assertEquals("10.244.1.0/24", n.getSpec().getPodCIDR());
    assertEquals("n1", n.getMetadata().getLabelsOrThrow("kubernetes.io/hostname"));
    assertEquals("True", ready(n));
    assertTrue(Files.readString(dir.resolve("net.d/10-windlass.conflist")).contains("10.244.1.0/24"));
  }

  @Test
  void updatesAnExistingNodeAndTakesItsAssignedPodCidr() throws Exception {
    V1.Node.Builder existing = V1.Node.newBuilder();
    existing.getMetadataBuilder().setName("n1").putLabels("team", "a");
    existing.getSpecBuilder().setPodCIDR("10.244.7.0/24");
    nodes.put("n1", existing.build());
    networkReady = false;
    V1.Node n = agent("").register("amd64");
    assertEquals("a", n.getMetadata().getLabelsOrThrow("team"));
    assertEquals("linux", n.getMetadata().getLabelsOrThrow("kubernetes.io/os"));
    assertEquals("False", ready(n));
    assertTrue(Files.readString(dir.resolve("net.d/10-windlass.conflist")).contains("10.244.7.0/24"));
    networkReady = true;
    assertEquals("True", ready(agent("").heartbeat()));
  }

  @Test
  void registersAgainWhenTheNodeWasDeleted() {
    networkReady = true;
    NodeAgent a = agent("");
    a.register("amd64");
    nodes.clear();
    assertEquals("True", ready(a.heartbeat()));
    assertTrue(nodes.containsKey("n1"));
  }

  @Test
  void postsTheStatusOnlyWhenItChangedOrFiveMinutesPassed() {
    networkReady = true;
    NodeAgent a = agent("");
    a.register("amd64");
    assertEquals(1, statusUpdates);
    for (int i = 0; i < 29; i++) {
      clock.advance(Duration.ofSeconds(10));
      a.heartbeat();
    }
    assertEquals(1, statusUpdates, "unchanged for 4m50s: no post, the lease says the node is alive");
    clock.advance(Duration.ofSeconds(10));
    a.heartbeat();
    assertEquals(2, statusUpdates, "after nodeStatusReportFrequency (5m) it posts anyway");
    clock.advance(Duration.ofSeconds(10));
    networkReady = false;
    assertEquals("False", ready(a.heartbeat()));
    assertEquals(3, statusUpdates, "a change posts at once");
  }
}
