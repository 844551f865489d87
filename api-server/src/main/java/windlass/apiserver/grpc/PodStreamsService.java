package windlass.apiserver.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kubernetes.client.proto.V1;
import java.util.List;
import windlass.api.v1.LogChunk;
import windlass.api.v1.PodLogsRequest;
import windlass.api.v1.PodStreamsGrpc;
import windlass.apiserver.registry.Registry;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.kubelet.v1.ContainerLogsRequest;
import windlass.kubelet.v1.KubeletGrpc;
import windlass.kubelet.v1.LogData;

/**
 * windlass.api.v1.PodStreams: pod logs proxied to the kubelet of the pod's node (its InternalIP and
 * status.daemonEndpoints.kubeletEndpoint port), streamed back chunk by chunk. Cancelling the call cancels the
 * kubelet call (it runs in the same gRPC context).
 */
public final class PodStreamsService extends PodStreamsGrpc.PodStreamsImplBase {
  private static final int DEFAULT_KUBELET_PORT = 10250;
  private static final List<String> ADDRESS_PREFERENCE = List.of("InternalIP", "Hostname", "InternalDNS", "ExternalIP",
      "ExternalDNS");

  private final Registry registry;
  private final KubeletDialer dialer;

  public PodStreamsService(Registry registry, KubeletDialer dialer) {
    this.registry = registry;
    this.dialer = dialer;
  }

  @Override
  public void logs(PodLogsRequest req, StreamObserver<LogChunk> out) {
    String target;
    ContainerLogsRequest kreq;
    try {
      V1.Pod pod = (V1.Pod) registry.get(Kinds.POD, req.getNamespace(), req.getName());
      String container = container(pod, req.getContainer());
      String nodeName = pod.getSpec().getNodeName();
      if (nodeName.isEmpty()) {
        throw ApiException.badRequest("pod " + pod.getMetadata().getName() + " does not have a host assigned");
      }
      target = kubeletAddress((V1.Node) registry.get(Kinds.NODE, "", nodeName));
      ContainerLogsRequest.Builder k = ContainerLogsRequest.newBuilder().setNamespace(req.getNamespace())
          .setPod(req.getName()).setContainer(container).setFollow(req.getFollow()).setPrevious(req.getPrevious())
          .setTimestamps(req.getTimestamps());
      if (req.hasSinceSeconds()) {
        k.setSinceSeconds(req.getSinceSeconds());
      }
      if (req.hasTailLines()) {
        k.setTailLines(req.getTailLines());
      }
      if (req.hasLimitBytes()) {
        k.setLimitBytes(req.getLimitBytes());
      }
      kreq = k.build();
    } catch (RuntimeException e) {
      out.onError(Calls.toApi(e).toGrpc());
      return;
    }
    ServerCallStreamObserver<LogChunk> call = (ServerCallStreamObserver<LogChunk>) out;
    KubeletGrpc.newStub(dialer.dial(target)).containerLogs(kreq, new StreamObserver<>() {
      @Override
      public void onNext(LogData d) {
        if (!call.isCancelled()) {
          call.onNext(LogChunk.newBuilder().setData(d.getData()).build());
        }
      }

      @Override
      public void onError(Throwable t) {
        if (!call.isCancelled()) {
          call.onError(t instanceof StatusRuntimeException ? t : ApiException.from(t).toGrpc());
        }
      }

      @Override
      public void onCompleted() {
        if (!call.isCancelled()) {
          call.onCompleted();
        }
      }
    });
  }

  /** The container to read: the named one (BadRequest if the pod has none such), or the only one. */
  private static String container(V1.Pod pod, String requested) {
    List<String> names = pod.getSpec().getContainersList().stream().map(V1.Container::getName).toList();
    List<String> init = pod.getSpec().getInitContainersList().stream().map(V1.Container::getName).toList();
    String name = pod.getMetadata().getName();
    if (requested.isEmpty()) {
      if (names.size() == 1) {
        return names.get(0);
      }
      throw ApiException.badRequest("a container name must be specified for pod " + name + ", choose one of: "
          + goList(names) + (init.isEmpty() ? "" : " or one of the init containers: " + goList(init)));
    }
    if (!names.contains(requested) && !init.contains(requested)) {
      throw ApiException.badRequest("container " + requested + " is not valid for pod " + name);
    }
    return requested;
  }

  /** A Go slice as %v prints it: [a b]. */
  private static String goList(List<String> l) {
    return "[" + String.join(" ", l) + "]";
  }

  private static String kubeletAddress(V1.Node node) {
    int port = node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
    if (port == 0) {
      port = DEFAULT_KUBELET_PORT;
    }
    for (String type : ADDRESS_PREFERENCE) {
      for (V1.NodeAddress a : node.getStatus().getAddressesList()) {
        if (a.getType().equals(type) && !a.getAddress().isEmpty()) {
          String host = a.getAddress().contains(":") ? "[" + a.getAddress() + "]" : a.getAddress();
          return host + ":" + port;
        }
      }
    }
    throw ApiException.badRequest("node " + node.getMetadata().getName() + " has no address to reach its kubelet at");
  }
}
