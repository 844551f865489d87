package windlass.scheduler.plugins.defaultpreemption;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.function.Function;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.WindlassClient;
import windlass.client.events.EventRecorder;

/**
 * Preempts a victim as upstream 1.32's preemption does (PodDisruptionConditions on by default), through the apiserver:
 * first the condition {@code DisruptionTarget=True}, reason {@code PreemptionByScheduler}, message
 * "&lt;schedulerName&gt;: preempting to accommodate a higher priority pod" in the victim's status; then the eviction
 * subresource (a policy/v1 Eviction with a UID precondition; upstream deletes the victim directly); then the event
 * {@code Normal Preempted} "Preempted by pod &lt;preemptor uid&gt; on node &lt;node&gt;" on the victim. A victim
 * already gone counts as preempted (no event); any other failure, a refused eviction (429) included, is thrown.
 */
public final class EvictionApi implements Victims {
  static final String DISRUPTION_TARGET = "DisruptionTarget";
  static final String PREEMPTION_BY_SCHEDULER = "PreemptionByScheduler";
  private static final String DEFAULT_SCHEDULER = "default-scheduler";

  private final WindlassClient client;
  private final Function<String, EventRecorder> recorders;
  private final Clock clock;

  /** @param recorder where the Preempted events go; null records none */
  public EvictionApi(WindlassClient client, EventRecorder recorder) {
    this(client, name -> recorder, Clock.system());
  }

  /**
   * @param recorders the recorder of the preemptor's profile, by its schedulerName ("default-scheduler" for an empty
   *     one); null records no event
   * @param clock stamps the condition's lastTransitionTime
   */
  public EvictionApi(WindlassClient client, Function<String, EventRecorder> recorders, Clock clock) {
    this.client = client;
    this.recorders = recorders;
    this.clock = clock;
  }

  private static String schedulerName(V1.Pod pod) {
    String name = pod.getSpec().getSchedulerName();
    return name.isEmpty() ? DEFAULT_SCHEDULER : name;
  }

  @Override
  public void evict(V1.Pod victim, V1.Pod preemptor, String nodeName) {
    Meta.ObjectMeta m = victim.getMetadata();
    if (!markDisruptionTarget(victim, schedulerName(preemptor) + ": preempting to accommodate a higher priority pod")) {
      return; // gone already
    }
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

  /**
   * Sets the DisruptionTarget condition in the victim's status unless it is there already (upstream's
   * UpdatePodCondition), rereading the pod on a conflict. False when the victim is gone (or replaced by a namesake).
   */
  private boolean markDisruptionTarget(V1.Pod victim, String message) {
    return client.pods(victim.getMetadata().getNamespace()).updateStatusRetryingOnConflict(victim, cur -> {
      V1.PodStatus updated = withCondition(cur.getStatus(), message);
      return updated == null ? null : cur.toBuilder().setStatus(updated).build();
    }).isPresent();
  }

  /** The status with the condition set, or null when it holds that condition already. */
  private V1.PodStatus withCondition(V1.PodStatus status, String message) {
    V1.PodStatus.Builder b = status.toBuilder().clearConditions();
    boolean found = false;
    for (V1.PodCondition c : status.getConditionsList()) {
      if (!c.getType().equals(DISRUPTION_TARGET)) {
        b.addConditions(c);
        continue;
      }
      found = true;
      if (c.getStatus().equals("True") && c.getReason().equals(PREEMPTION_BY_SCHEDULER)
          && c.getMessage().equals(message)) {
        return null;
      }
      b.addConditions(condition(message, c.getStatus().equals("True") ? c.getLastTransitionTime() : now()));
    }
    if (!found) {
      b.addConditions(condition(message, now()));
    }
    return b.build();
  }

  private static V1.PodCondition condition(String message, Meta.Time lastTransition) {
    return V1.PodCondition.newBuilder().setType(DISRUPTION_TARGET).setStatus("True")
        .setReason(PREEMPTION_BY_SCHEDULER).setMessage(message).setLastTransitionTime(lastTransition).build();
  }

  private Meta.Time now() {
    return Meta.Time.newBuilder().setSeconds(clock.now().getEpochSecond()).build();
  }
}
