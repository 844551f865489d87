package windlass.apiserver.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status.Code;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.api.v1.LogChunk;
import windlass.api.v1.PodLogsRequest;
import windlass.apiserver.ApiServer;
import windlass.client.ApiException;
import windlass.client.WindlassClient;
import windlass.kubelet.v1.ContainerLogsRequest;
import windlass.kubelet.v1.KubeletGrpc;
import windlass.kubelet.v1.LogData;

/** Pod logs go to the kubelet of the pod's node, found by its InternalIP and kubelet port. */
class PodStreamsServiceTest {
  @TempDir
  Path dir;

  private final Map<String, String> dialled = new ConcurrentHashMap<>();
  private final List<ContainerLogsRequest> asked = new ArrayList<>();
  private Server kubelet;
  private ManagedChannel kubeletChannel;
  private ApiServer server;
  private WindlassClient client;

  @BeforeEach
  void start() throws Exception {
    String k = "kubelet-" + System.identityHashCode(this);
    kubelet = InProcessServerBuilder.forName(k).directExecutor().addService(new KubeletGrpc.KubeletImplBase() {
      @Override
      public void containerLogs(ContainerLogsRequest req, StreamObserver<LogData> out) {
        asked.add(req);
        out.onNext(LogData.newBuilder().setData(ByteString.copyFromUtf8("line 1\n")).build());
        out.onNext(LogData.newBuilder().setData(ByteString.copyFromUtf8("line 2\n")).build());
        out.onCompleted();
      }
    }).build().start();
    kubeletChannel = InProcessChannelBuilder.forName(k).directExecutor().build();
    String a = "apiserver-" + System.identityHashCode(this);
    server = new ApiServer(ApiServer.Config.of(dir), InProcessServerBuilder.forName(a).directExecutor(), target -> {
      dialled.put(target, target);
      return kubeletChannel;
    }, Clock.systemUTC());
    server.startAsync().awaitRunning();
    client = new WindlassClient(InProcessChannelBuilder.forName(a).directExecutor().build(), true);
    client.nodes().create(V1.Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("n1"))
        .setStatus(V1.NodeStatus.newBuilder()
            .addAddresses(V1.NodeAddress.newBuilder().setType("Hostname").setAddress("n1"))
            .addAddresses(V1.NodeAddress.newBuilder().setType("InternalIP").setAddress("10.0.0.7"))
            .setDaemonEndpoints(V1.NodeDaemonEndpoints.newBuilder()
                .setKubeletEndpoint(V1.DaemonEndpoint.newBuilder().setPort(10250))))
        .build());
    client.pods("default").create(V1.Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web"))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("app").setImage("nginx")))
        .build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.stopAsync().awaitTerminated();
    kubeletChannel.shutdownNow();
    kubelet.shutdownNow();
  }

  /** The client's raw PodStreams stub fails with gRPC's exception; the upstream Status is inside. */
  private ApiException logsError(PodLogsRequest req) {
    io.grpc.StatusRuntimeException e =
        assertThrows(io.grpc.StatusRuntimeException.class, () -> client.podStreams().logs(req).hasNext());
    return ApiException.from(e);
  }

  @Test
  void logsOfAnUnscheduledPodAreABadRequest() {
    ApiException e = logsError(PodLogsRequest.newBuilder().setNamespace("default").setName("web").build());
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals("pod web does not have a host assigned", e.getMessage());
  }

  @Test
  void logsOfAMissingPodAreNotFound() {
    ApiException e = logsError(PodLogsRequest.newBuilder().setNamespace("default").setName("nope").build());
    assertEquals("pods \"nope\" not found", e.getMessage());
  }

  @Test
  void logsStreamFromTheKubeletOfThePodsNode() {
    client.pods("default").createSubresource("web", "binding", V1.Binding.newBuilder()
        .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName("n1")).build());
    Iterator<LogChunk> it = client.podStreams().logs(PodLogsRequest.newBuilder().setNamespace("default")
        .setName("web").setTailLines(10).build());
    StringBuilder text = new StringBuilder();
    it.forEachRemaining(c -> text.append(c.getData().toStringUtf8()));
    assertEquals("line 1\nline 2\n", text.toString());
    assertEquals(List.of("10.0.0.7:10250"), List.copyOf(dialled.keySet()));
    assertEquals("app", asked.get(0).getContainer());
    assertEquals(10, asked.get(0).getTailLines());
  }

  @Test
  void anUnknownContainerIsABadRequest() {
    client.pods("default").createSubresource("web", "binding", V1.Binding.newBuilder()
        .setTarget(V1.ObjectReference.newBuilder().setName("n1")).build());
    ApiException e = logsError(PodLogsRequest.newBuilder()
        .setNamespace("default").setName("web").setContainer("sidecar").build());
    assertEquals("container sidecar is not valid for pod web", e.getMessage());
  }
}
