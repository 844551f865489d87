package windlass.kubelet;

import io.kubernetes.client.proto.V1;
import java.util.Optional;
import windlass.api.v1.DeleteRequest;
import windlass.client.ApiException;
import windlass.client.WindlassClient;
import windlass.kubelet.node.NodeApi;
import windlass.kubelet.pod.PodApi;

/** The kubelet's API needs over the real client. */
final class ClientApis {
  private ClientApis() {}

  static PodApi pods(WindlassClient c) {
    return new PodApi() {
      @Override
      public Optional<V1.Pod> get(String namespace, String name) {
        try {
          return Optional.of(c.pods(namespace).get(name));
        } catch (ApiException e) {
          if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
            return Optional.empty();
          }
          throw e;
        }
      }

      @Override
      public V1.Pod updateStatus(V1.Pod pod) {
        return c.pods(pod.getMetadata().getNamespace()).updateStatus(pod);
      }

      @Override
      public void deleteNow(String namespace, String name, String uid) {
        try {
          c.pods(namespace).delete(DeleteRequest.newBuilder().setName(name).setGracePeriodSeconds(0)
              .setPreconditionUid(uid));
        } catch (ApiException e) {
          if (e.code() != io.grpc.Status.Code.NOT_FOUND && e.code() != io.grpc.Status.Code.ABORTED) {
            throw e; // ABORTED: the uid precondition failed, a new pod of that name: not ours to delete
          }
        }
      }
    };
  }

  static NodeApi nodes(WindlassClient c) {
    return new NodeApi() {
      @Override
      public Optional<V1.Node> get(String name) {
        try {
          return Optional.of(c.nodes().get(name));
        } catch (ApiException e) {
          if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
            return Optional.empty();
          }
          throw e;
        }
      }

      @Override
      public V1.Node create(V1.Node node) {
        return c.nodes().create(node);
      }

      @Override
      public V1.Node update(V1.Node node) {
        return c.nodes().update(node);
      }

      @Override
      public V1.Node updateStatus(V1.Node node) {
        return c.nodes().updateStatus(node);
      }
    };
  }
}
