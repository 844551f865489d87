package windlass.scheduler;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.Optional;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.WindlassClient;
import windlass.client.events.EventRecorder;
import windlass.client.informer.Lister;
import windlass.scheduler.queue.QueuedPodInfo;
import windlass.scheduler.queue.SchedulingQueue;

/**
 * What happens when a pod could not be scheduled, as upstream's handleSchedulingFailure: the pod goes back to the
 * queue (unschedulable, or backoff after an error) if it still exists unbound, a Warning FailedScheduling event is
 * recorded, and its PodScheduled condition becomes False with reason Unschedulable (or SchedulerError) and the
 * message — in that order, so the status update the informer sees finds the pod already queued.
 */
final class FailureHandler {
  private static final System.Logger LOG = System.getLogger(FailureHandler.class.getName());
  static final String UNSCHEDULABLE = "Unschedulable";
  static final String SCHEDULER_ERROR = "SchedulerError";
  /** Upstream's clearNominatedNode: the failed pod gives up any nomination. */
  static final String CLEAR_NOMINATION = "";

  private final WindlassClient client;
  private final SchedulingQueue queue;
  private final Lister<V1.Pod> pods;
  private final EventRecorder recorder;
  private final Clock clock;

  FailureHandler(WindlassClient client, SchedulingQueue queue, Lister<V1.Pod> pods, EventRecorder recorder,
      Clock clock) {
    this.client = client;
    this.queue = queue;
    this.pods = pods;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** No node fits: the pod waits for a cluster change. */
  void unschedulable(QueuedPodInfo info, long cycle, String message) {
    unschedulable(info, cycle, message, null);
  }

  /**
   * No node fits now; PostFilter nominated {@code nominatedNode} (preemption made room there; "" clears an earlier
   * nomination, null leaves it), which goes into status.nominatedNodeName with the condition. The queue's nominator
   * learns of it at once, before the status update (upstream's AddNominatedPod in handleSchedulingFailure), so the
   * next cycles already count the pod on that node.
   */
  void unschedulable(QueuedPodInfo info, long cycle, String message, String nominatedNode) {
    Optional<V1.Pod> pod = stillPending(info);
    if (pod.isPresent()) {
      queue.addUnschedulableIfNotPresent(info, cycle);
      queue.nominator().add(pod.get(), nominatedNode);
    } else {
      queue.done(info.pod());
    }
    report(info.pod(), pod, UNSCHEDULABLE, message, nominatedNode);
  }

  /** Something failed: the pod retries after its backoff, giving up any nomination (upstream's clearNominatedNode). */
  void error(QueuedPodInfo info, String message) {
    error(info, message, CLEAR_NOMINATION);
  }

  /** As {@link #error(QueuedPodInfo, String)}, with the nomination set, cleared ("") or left (null). */
  void error(QueuedPodInfo info, String message, String nominatedNode) {
    Optional<V1.Pod> pod = stillPending(info);
    if (pod.isPresent()) {
      queue.addBackoff(info);
      queue.nominator().add(pod.get(), nominatedNode);
    } else {
      queue.done(info.pod());
    }
    report(info.pod(), pod, SCHEDULER_ERROR, message, nominatedNode);
  }

  private Optional<V1.Pod> stillPending(QueuedPodInfo info) {
    V1.Pod p = info.pod();
    return pods.get(p.getMetadata().getNamespace(), p.getMetadata().getName())
        .filter(cur -> cur.getMetadata().getUid().equals(p.getMetadata().getUid()))
        .filter(cur -> cur.getSpec().getNodeName().isEmpty());
  }

  private void report(V1.Pod queued, Optional<V1.Pod> current, String reason, String message,
      String nominatedNode) {
    LOG.log(System.Logger.Level.INFO, "unable to schedule pod " + ScheduleOne.key(queued) + ": " + message);
    recorder.warning(current.orElse(queued), "FailedScheduling", message);
    current.ifPresent(p -> setCondition(p, reason, message, nominatedNode));
  }

  /** Sets PodScheduled=False with {@code reason} and {@code message}, retrying once on a conflict. */
  private void setCondition(V1.Pod pod, String reason, String message, String nominatedNode) {
    V1.Pod cur = pod;
    for (int attempt = 0; attempt < 3; attempt++) {
      V1.PodCondition old = cur.getStatus().getConditionsList().stream()
          .filter(c -> c.getType().equals("PodScheduled")).findFirst().orElse(null);
      boolean sameNomination = nominatedNode == null
          || cur.getStatus().getNominatedNodeName().equals(nominatedNode);
      if (old != null && old.getStatus().equals("False") && old.getReason().equals(reason)
          && old.getMessage().equals(message) && sameNomination) {
        return;
      }
      V1.PodCondition.Builder c = V1.PodCondition.newBuilder().setType("PodScheduled").setStatus("False")
          .setReason(reason).setMessage(message);
      if (old != null && old.getStatus().equals("False")) {
        c.setLastTransitionTime(old.getLastTransitionTime());
      } else {
        c.setLastTransitionTime(Meta.Time.newBuilder().setSeconds(clock.now().getEpochSecond()));
      }
      V1.PodStatus.Builder st = cur.getStatus().toBuilder().clearConditions();
      boolean replaced = false;
      for (V1.PodCondition existing : cur.getStatus().getConditionsList()) {
        if (existing.getType().equals("PodScheduled")) {
          st.addConditions(c);
          replaced = true;
        } else {
          st.addConditions(existing);
        }
      }
      if (!replaced) {
        st.addConditions(c);
      }
      if (nominatedNode != null) {
        st.setNominatedNodeName(nominatedNode);
      }
      try {
        client.pods(pod.getMetadata().getNamespace()).updateStatus(cur.toBuilder().setStatus(st).build());
        return;
      } catch (ApiException e) {
        if (e.code() == Code.NOT_FOUND) {
          return;
        }
        if (e.code() != Code.ABORTED) {
          LOG.log(System.Logger.Level.WARNING, "could not update the PodScheduled condition of "
              + ScheduleOne.key(pod) + ": " + e.getMessage());
          return;
        }
        try {
          cur = client.pods(pod.getMetadata().getNamespace()).get(pod.getMetadata().getName());
        } catch (ApiException again) {
          return;
        }
      }
    }
  }
}
