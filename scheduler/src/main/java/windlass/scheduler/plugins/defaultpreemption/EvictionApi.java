package windlass.scheduler.plugins.defaultpreemption;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.function.Function;
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
  private final Function<String, EventRecorder> recorders;

  /** @param recorder where the Preempted events go; null records none */
  public EvictionApi(WindlassClient client, EventRecorder recorder) {
    this(client, name -> recorder);
  }

  /**
   * @param recorders the recorder of the preemptor's profile, by its schedulerName ("default-scheduler" for an empty
   *     one); null records no event
   */
  public EvictionApi(WindlassClient client, Function<String, EventRecorder> recorders) {
    this.client = client;
    this.recorders = recorders;
  }

  private static String schedulerName(V1.Pod pod) {
    String name = pod.getSpec().getSchedulerName();
    return name.isEmpty() ? "default-scheduler" : name;
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
    EventRecorder recorder = recorders.apply(schedulerName(preemptor));
    if (recorder != null) {
      recorder.normal(victim, "Preempted",
          "Preempted by pod " + preemptor.getMetadata().getUid() + " on node " + nodeName);
    }
  }
}
