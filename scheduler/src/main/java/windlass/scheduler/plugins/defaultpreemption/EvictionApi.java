package windlass.scheduler.plugins.defaultpreemption;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import windlass.client.ApiException;
import windlass.client.WindlassClient;
import windlass.client.events.EventRecorder;

/**
 * Evicts victims through the pod's {@code eviction} subresource (a policy/v1 Eviction) and records upstream's
 * {@code Normal Preempted} event on each ("Preempted by pod &lt;uid&gt; on node &lt;node&gt;"). Upstream's scheduler
 * deletes victims directly; windlass goes through eviction so the apiserver applies its graceful-deletion rules in
 * one place.
 */
public final class EvictionApi implements Victims {
  private final WindlassClient client;
  private final EventRecorder recorder;

  /** @param recorder where the Preempted events go; null records none */
  public EvictionApi(WindlassClient client, EventRecorder recorder) {
    this.client = client;
    this.recorder = recorder;
  }

  @Override
  public void evict(V1.Pod victim, V1.Pod preemptor, String nodeName) {
    Meta.ObjectMeta m = victim.getMetadata();
    V1Policy.Eviction eviction = V1Policy.Eviction.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(m.getName()).setNamespace(m.getNamespace()))
        .setDeleteOptions(Meta.DeleteOptions.newBuilder()
            .setPreconditions(Meta.Preconditions.newBuilder().setUid(m.getUid())))
        .build();
    try {
      client.pods(m.getNamespace()).createSubresource(m.getName(), "eviction", eviction);
    } catch (ApiException e) {
      if (e.code() != Code.NOT_FOUND) {
        throw e;
      }
      return;
    }
    if (recorder != null) {
      recorder.normal(victim, "Preempted",
          "Preempted by pod " + preemptor.getMetadata().getUid() + " on node " + nodeName);
    }
  }
}
