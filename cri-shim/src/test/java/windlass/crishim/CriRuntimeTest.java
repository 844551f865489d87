package windlass.crishim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import windlass.cri.v1.ContainerConfig;
import windlass.cri.v1.ContainerMetadata;
import windlass.cri.v1.PodSandboxConfig;
import windlass.cri.v1.PodSandboxStatusRequest;
import windlass.cri.v1.PodSandboxStatusResponse;
import windlass.cri.v1.RemovePodSandboxRequest;
import windlass.cri.v1.RemovePodSandboxResponse;
import windlass.cri.v1.RuntimeServiceGrpc;
import windlass.cri.v1.StopPodSandboxRequest;
import windlass.cri.v1.StopPodSandboxResponse;

class CriRuntimeTest {
  private Server server;
  private CriRuntime cri;

  /** A runtime that knows no sandbox at all, as containerd answers for unknown ids. */
  static final class NothingKnown extends RuntimeServiceGrpc.RuntimeServiceImplBase {
    @Override
    public void stopPodSandbox(StopPodSandboxRequest r, StreamObserver<StopPodSandboxResponse> o) {
      o.onError(Status.NOT_FOUND.withDescription("an error occurred when try to find sandbox").asException());
    }

    @Override
    public void removePodSandbox(RemovePodSandboxRequest r, StreamObserver<RemovePodSandboxResponse> o) {
      o.onError(Status.NOT_FOUND.asException());
    }

    @Override
    public void podSandboxStatus(PodSandboxStatusRequest r, StreamObserver<PodSandboxStatusResponse> o) {
      o.onError(Status.NOT_FOUND.asException());
    }
  }

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(new NothingKnown()).build().start();
    ManagedChannel ch = InProcessChannelBuilder.forName(name).directExecutor().build();
    cri = new CriRuntime(ch, true, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    cri.close();
    server.shutdownNow();
  }

  @Test
  void stopAndRemoveOfAnUnknownSandboxSucceed() {
    cri.stopPodSandbox("gone");
    cri.removePodSandbox("gone");
    assertTrue(cri.podSandboxStatus("gone").isEmpty());
  }

  @Test
  void unimplementedCallsSayWhichCallFailed() {
    var e = assertThrows(CriException.class, () -> cri.version());
    assertEquals(Status.Code.UNIMPLEMENTED, e.code());
    assertTrue(e.getMessage().startsWith("Version failed: UNIMPLEMENTED"), e.getMessage());
  }

  @Test
  void createContainerRefusesToGoWithoutTheSandboxConfig() {
    var cfg = ContainerConfig.newBuilder().setMetadata(ContainerMetadata.newBuilder().setName("c")).build();
    assertThrows(NullPointerException.class, () -> cri.createContainer("s", cfg, null));
    assertThrows(IllegalArgumentException.class,
        () -> cri.createContainer("s", cfg, PodSandboxConfig.getDefaultInstance()));
  }
}
