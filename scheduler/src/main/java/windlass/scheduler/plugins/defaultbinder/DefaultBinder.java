package windlass.scheduler.plugins.defaultbinder;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import windlass.client.ApiException;
import windlass.client.WindlassClient;
import windlass.scheduler.framework.BindPlugin;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.Status;

/** Binds through the apiserver: creates the pod's {@code binding} subresource targeting the node. */
public final class DefaultBinder implements BindPlugin {
  public static final String NAME = "DefaultBinder";
  private final WindlassClient client;

  public DefaultBinder(WindlassClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status bind(CycleState state, V1.Pod pod, String nodeName) {
    Meta.ObjectMeta m = pod.getMetadata();
    V1.Binding binding = V1.Binding.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(m.getName()).setNamespace(m.getNamespace())
            .setUid(m.getUid()))
        .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName(nodeName))
        .build();
    try {
      client.pods(m.getNamespace()).createSubresource(m.getName(), "binding", binding);
      return Status.success();
    } catch (ApiException e) {
      return Status.error(e);
    }
  }
}
