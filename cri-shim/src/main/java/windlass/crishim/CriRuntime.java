package windlass.crishim;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import windlass.cri.v1.Container;
import windlass.cri.v1.ContainerConfig;
import windlass.cri.v1.ContainerFilter;
import windlass.cri.v1.ContainerStatus;
import windlass.cri.v1.ContainerStatusRequest;
import windlass.cri.v1.CreateContainerRequest;
import windlass.cri.v1.Image;
import windlass.cri.v1.ImageServiceGrpc;
import windlass.cri.v1.ImageSpec;
import windlass.cri.v1.ImageStatusRequest;
import windlass.cri.v1.ListContainersRequest;
import windlass.cri.v1.ListImagesRequest;
import windlass.cri.v1.ListPodSandboxRequest;
import windlass.cri.v1.PodSandbox;
import windlass.cri.v1.PodSandboxConfig;
import windlass.cri.v1.PodSandboxFilter;
import windlass.cri.v1.PodSandboxStatus;
import windlass.cri.v1.PodSandboxStatusRequest;
import windlass.cri.v1.PullImageRequest;
import windlass.cri.v1.RemoveContainerRequest;
import windlass.cri.v1.RemovePodSandboxRequest;
import windlass.cri.v1.RunPodSandboxRequest;
import windlass.cri.v1.RuntimeServiceGrpc;
import windlass.cri.v1.RuntimeStatus;
import windlass.cri.v1.StartContainerRequest;
import windlass.cri.v1.StatusRequest;
import windlass.cri.v1.StopContainerRequest;
import windlass.cri.v1.StopPodSandboxRequest;
import windlass.cri.v1.VersionRequest;
import windlass.cri.v1.VersionResponse;

/**
 * The kubelet's view of a CRI runtime (containerd 1.6+, CRI-O): typed blocking calls on {@code runtime.v1}
 * RuntimeService and ImageService over one gRPC channel. Every failure is a {@link CriException} naming the call.
 * Stop and remove calls treat NOT_FOUND as done (protocols.md 1.6: containerd 1.6 answers NOT_FOUND for ids it never
 * saw, and these calls are idempotent by contract).
 *
 * <p>Thread-safe; one instance per runtime endpoint.
 */
public final class CriRuntime implements AutoCloseable {
  /** Largest message accepted from the runtime (ListContainers on a busy node), as upstream's kubelet. */
  public static final int MAX_MESSAGE_BYTES = 16 << 20;

  private final ManagedChannel channel;
  private final boolean ownsChannel;
  private final Duration callTimeout;
  private final RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime;
  private final ImageServiceGrpc.ImageServiceBlockingStub images;

  /**
   * Over an existing channel (an in-process one in tests). {@code callTimeout} bounds each call except
   * StopContainer, which gets its grace period on top, and PullImage, which gets ten times as long.
   */
  public CriRuntime(ManagedChannel channel, boolean ownsChannel, Duration callTimeout) {
    this.channel = Objects.requireNonNull(channel);
    this.ownsChannel = ownsChannel;
    this.callTimeout = callTimeout;
    this.runtime = RuntimeServiceGrpc.newBlockingStub(channel);
    this.images = ImageServiceGrpc.newBlockingStub(channel);
  }

  /** Connects (lazily, on the first call) to the runtime's unix socket; 2 minutes per call. */
  public static CriRuntime connect(CriEndpoint endpoint) {
    ManagedChannel ch = Grpc.newChannelBuilder(endpoint.target(), InsecureChannelCredentials.create())
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
    return new CriRuntime(ch, true, Duration.ofMinutes(2));
  }

  public static CriRuntime connect(String endpoint) {
    return connect(CriEndpoint.parse(endpoint));
  }

  // ---- RuntimeService ----

  public VersionResponse version() {
    return call("Version", () -> rt().version(VersionRequest.newBuilder().setVersion("v1").build()));
  }

  /** Runtime conditions (RuntimeReady, NetworkReady). */
  public RuntimeStatus status() {
    return call("Status", () -> rt().status(StatusRequest.getDefaultInstance()).getStatus());
  }

  /** Creates and starts a sandbox (pause container + network); returns its id. */
  public String runPodSandbox(PodSandboxConfig config, String runtimeHandler) {
    return call("RunPodSandbox " + sandboxName(config), () -> rt().runPodSandbox(RunPodSandboxRequest.newBuilder()
        .setConfig(config).setRuntimeHandler(runtimeHandler == null ? "" : runtimeHandler).build()).getPodSandboxId());
  }

  public void stopPodSandbox(String sandboxId) {
    idempotent("StopPodSandbox " + sandboxId,
        () -> rt().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build()));
  }

  public void removePodSandbox(String sandboxId) {
    idempotent("RemovePodSandbox " + sandboxId,
        () -> rt().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build()));
  }

  /** The sandbox's status, or empty when the runtime does not know the id. */
  public Optional<PodSandboxStatus> podSandboxStatus(String sandboxId) {
    try {
      return Optional.of(call("PodSandboxStatus " + sandboxId, () -> rt().podSandboxStatus(
          PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build()).getStatus()));
    } catch (CriException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public List<PodSandbox> listPodSandbox(PodSandboxFilter filter) {
    return call("ListPodSandbox", () -> rt().listPodSandbox(
        ListPodSandboxRequest.newBuilder().setFilter(filter).build()).getItemsList());
  }

  /** Sandboxes carrying all of {@code labels} (exact match). */
  public List<PodSandbox> listPodSandbox(Map<String, String> labels) {
    return listPodSandbox(PodSandboxFilter.newBuilder().putAllLabelSelector(labels).build());
  }

  /**
   * Creates a container in a sandbox. {@code sandboxConfig} must be the exact config the sandbox was run with: it is
   * required here because containerd 1.6.20 crashes on a CreateContainer without one (environment.md gotcha 2).
   */
  public String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig) {
    Objects.requireNonNull(sandboxConfig, "sandboxConfig");
    if (!sandboxConfig.hasMetadata() || sandboxConfig.getMetadata().getName().isEmpty()) {
      throw new IllegalArgumentException("CreateContainer needs the sandbox's config with its metadata "
          + "(containerd 1.6 crashes without it)");
    }
    return call("CreateContainer " + config.getMetadata().getName() + " in " + sandboxId, () -> rt().createContainer(
        CreateContainerRequest.newBuilder().setPodSandboxId(sandboxId).setConfig(config)
            .setSandboxConfig(sandboxConfig).build()).getContainerId());
  }

  public void startContainer(String containerId) {
    call("StartContainer " + containerId,
        () -> rt().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build()));
  }

  /** SIGTERM, then SIGKILL after {@code timeout} (0 = kill at once); done when the container has exited. */
  public void stopContainer(String containerId, Duration timeout) {
    long seconds = Math.max(0, timeout.toSeconds());
    idempotent("StopContainer " + containerId, () -> runtime
        .withDeadlineAfter(callTimeout.toMillis() + seconds * 1000, TimeUnit.MILLISECONDS)
        .stopContainer(StopContainerRequest.newBuilder().setContainerId(containerId).setTimeout(seconds).build()));
  }

  public void removeContainer(String containerId) {
    idempotent("RemoveContainer " + containerId,
        () -> rt().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(containerId).build()));
  }

  public List<Container> listContainers(ContainerFilter filter) {
    return call("ListContainers", () -> rt().listContainers(
        ListContainersRequest.newBuilder().setFilter(filter).build()).getContainersList());
  }

  /** Containers carrying all of {@code labels} (exact match). */
  public List<Container> listContainers(Map<String, String> labels) {
    return listContainers(ContainerFilter.newBuilder().putAllLabelSelector(labels).build());
  }

  /** The container's status, or empty when the runtime does not know the id. */
  public Optional<ContainerStatus> containerStatus(String containerId) {
    try {
      return Optional.of(call("ContainerStatus " + containerId, () -> rt().containerStatus(
          ContainerStatusRequest.newBuilder().setContainerId(containerId).build()).getStatus()));
    } catch (CriException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  // ---- ImageService ----

  /** The image if the runtime has it locally, else empty. {@code image} as in a pod spec ("busybox:1.35"). */
  public Optional<Image> imageStatus(String image) {
    return call("ImageStatus " + image, () -> {
      var r = img().imageStatus(ImageStatusRequest.newBuilder().setImage(spec(image)).build());
      return r.hasImage() && !r.getImage().getId().isEmpty() ? Optional.of(r.getImage()) : Optional.<Image>empty();
    });
  }

  /**
   * Pulls from the registry (always contacts it, even when the image is present: check {@link #imageStatus} first).
   * Returns the image reference the runtime resolved.
   */
  public String pullImage(String image, PodSandboxConfig sandboxConfig) {
    PullImageRequest.Builder req = PullImageRequest.newBuilder().setImage(spec(image));
    if (sandboxConfig != null) {
      req.setSandboxConfig(sandboxConfig);
    }
    return call("PullImage " + image, () -> images
        .withDeadlineAfter(callTimeout.toMillis() * 10, TimeUnit.MILLISECONDS)
        .pullImage(req.build()).getImageRef());
  }

  public List<Image> listImages() {
    return call("ListImages", () -> img().listImages(ListImagesRequest.getDefaultInstance()).getImagesList());
  }

  @Override
  public void close() {
    if (ownsChannel) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ----

  private RuntimeServiceGrpc.RuntimeServiceBlockingStub rt() {
    return runtime.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ImageServiceGrpc.ImageServiceBlockingStub img() {
    return images.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ImageSpec spec(String image) {
    return ImageSpec.newBuilder().setImage(image).build();
  }

  private static String sandboxName(PodSandboxConfig c) {
    var m = c.getMetadata();
    return m.getNamespace() + "/" + m.getName() + " (uid " + m.getUid() + ", attempt " + m.getAttempt() + ")";
  }

  private static <T> T call(String what, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw new CriException(what, e.getStatus(), e);
    }
  }

  private static void idempotent(String what, Supplier<?> rpc) {
    try {
      rpc.get();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw new CriException(what, e.getStatus(), e);
      }
    }
  }
}
