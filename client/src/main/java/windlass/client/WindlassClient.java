package windlass.client;

import com.google.protobuf.Message;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Coordination;
import java.util.concurrent.TimeUnit;
import windlass.api.v1.DiscoveryGrpc;
import windlass.api.v1.PodStreamsGrpc;
import windlass.api.v1.ResourcesGrpc;

/**
 * The entry point of the client library: one gRPC channel to the apiserver and typed clients per resource.
 *
 * <pre>{@code
 * try (WindlassClient c = WindlassClient.connect("127.0.0.1:6443")) {
 *   V1.Pod pod = c.pods("default").get("web-0");
 * }
 * }</pre>
 */
public final class WindlassClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final boolean ownsChannel;
  private final ResourcesGrpc.ResourcesBlockingStub blocking;
  private final ResourcesGrpc.ResourcesStub async;

  public WindlassClient(ManagedChannel channel, boolean ownsChannel) {
    this.channel = channel;
    this.ownsChannel = ownsChannel;
    this.blocking = ResourcesGrpc.newBlockingStub(channel);
    this.async = ResourcesGrpc.newStub(channel);
  }

  /**
   * Connects to an apiserver: "host:port", "grpc://host:port" (the kubeconfig form) or "unix:///path". Plaintext for
   * now (TLS arrives with the security work).
   */
  public static WindlassClient connect(String server) {
    String target = server.startsWith("grpc://") ? server.substring("grpc://".length()) : server;
    ManagedChannel ch = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create())
        .maxInboundMessageSize(64 << 20)
        .build();
    return new WindlassClient(ch, true);
  }

  public ManagedChannel channel() {
    return channel;
  }

  public <T extends Message> ResourceClient<T> resource(Kind kind, String namespace) {
    return new ResourceClient<>(blocking, async, kind, namespace);
  }

  /**
   * A typed client for any served kind, in all namespaces (or cluster-scoped); narrow it with
   * {@link ResourceClient#inNamespace(String)}. {@code type} must be the kind's message class:
   * {@code client.resource(Kinds.LEASE, V1Coordination.Lease.class).inNamespace("kube-system")}.
   */
  public <T extends Message> ResourceClient<T> resource(Kind kind, Class<T> type) {
    return resource(kind, type, "");
  }

  /** A typed client for any served kind in {@code namespace} ("" = all namespaces). */
  public <T extends Message> ResourceClient<T> resource(Kind kind, Class<T> type, String namespace) {
    if (!type.isInstance(kind.defaultInstance())) {
      throw new IllegalArgumentException(kind.groupResource() + " objects are "
          + kind.defaultInstance().getClass().getName() + ", not " + type.getName());
    }
    return resource(kind, namespace);
  }

  public ResourceClient<V1Coordination.Lease> leases(String namespace) {
    return resource(Kinds.LEASE, namespace);
  }

  public ResourceClient<V1.Pod> pods(String namespace) {
    return resource(Kinds.POD, namespace);
  }

  public ResourceClient<V1.Node> nodes() {
    return resource(Kinds.NODE, "");
  }

  public ResourceClient<V1.Namespace> namespaces() {
    return resource(Kinds.NAMESPACE, "");
  }

  public ResourceClient<V1.Service> services(String namespace) {
    return resource(Kinds.SERVICE, namespace);
  }

  public ResourceClient<V1.Event> events(String namespace) {
    return resource(Kinds.EVENT, namespace);
  }

  public ResourceClient<V1Apps.Deployment> deployments(String namespace) {
    return resource(Kinds.DEPLOYMENT, namespace);
  }

  public ResourceClient<V1Apps.ReplicaSet> replicaSets(String namespace) {
    return resource(Kinds.REPLICA_SET, namespace);
  }

  public DiscoveryGrpc.DiscoveryBlockingStub discovery() {
    return DiscoveryGrpc.newBlockingStub(channel);
  }

  public PodStreamsGrpc.PodStreamsBlockingStub podStreams() {
    return PodStreamsGrpc.newBlockingStub(channel);
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
}
